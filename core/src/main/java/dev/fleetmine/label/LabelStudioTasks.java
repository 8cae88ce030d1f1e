package dev.fleetmine.label;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetmine.ingest.Category;
import dev.fleetmine.lake.CurationStore;
import java.util.List;

/**
 * Label Studio tasks for a batch: one task per frame. {@code data} holds the bird's-eye-view image URL
 * ({@code bev/LOG/TS_NS.png}, rendered and hosted by the user), the batch, clip, log, timestamp, frame
 * number in the clip, the coordinate system and the {@link BevFrame} ({@code x_min, y_max, metres_per_px,
 * size_px}). Label Studio has no 3D cuboid, so a box is a region made of per-region results sharing one
 * {@code id}: a {@code rectanglelabels} result ({@code from_name "box"}: the footprint as a rotated rectangle in
 * the BEV image, label = category), {@code number} results {@code "z"} and {@code "height"} (metres) and a
 * {@code textarea} {@code "track_id"}. A clip's scenario tags are a {@code choices} result ({@code "scenario"})
 * on its first frame. Pre-annotations are the task's {@code predictions} (model_version = their source, the
 * model's score per region and their mean per prediction); {@link #labelConfig} is the matching labeling
 * interface.
 */
final class LabelStudioTasks {
  static final String IMAGE = "bev";
  static final String BOX = "box";
  static final String Z = "z";
  static final String HEIGHT = "height";
  static final String TRACK = "track_id";
  static final String SCENARIO = "scenario";

  private LabelStudioTasks() {}

  static ArrayNode write(BatchContent content) {
    ArrayNode tasks = CurationStore.json().createArrayNode();
    for (BatchContent.Clip clip : content.clips()) {
      String log = clip.clip().clip().logId();
      for (int f = 0; f < clip.frames().size(); f++) {
        BatchContent.Frame frame = clip.frames().get(f);
        BevFrame bev = BevFrame.around(frame.egoX(), frame.egoY());
        ObjectNode task = tasks.addObject();
        ObjectNode data = task.putObject("data");
        data.put("image", "bev/" + log + "/" + frame.tsNs() + ".png");
        data.put("batch", content.batch().id());
        data.put("clip", clip.clip().clip().id());
        data.put("log_id", log);
        data.put("ts_ns", frame.tsNs());
        data.put("frame", f);
        data.put("coordinate_system", clip.coordinateSystem());
        ObjectNode b = data.putObject("bev");
        b.put("x_min", bev.xMin());
        b.put("y_max", bev.yMax());
        b.put("metres_per_px", bev.metresPerPx());
        b.put("size_px", bev.sizePx());
        List<String> tags = f == 0 ? clip.tags() : List.of();
        if (frame.boxes().isEmpty() && tags.isEmpty()) {
          continue;
        }
        ObjectNode prediction = task.putArray("predictions").addObject();
        prediction.put("model_version", content.preAnnotation());
        double[] scores = frame.boxes().stream().filter(x -> x.score() != null).mapToDouble(Cuboid::score).toArray();
        if (scores.length > 0) {
          prediction.put("score", java.util.Arrays.stream(scores).average().orElseThrow());
        }
        ArrayNode result = prediction.putArray("result");
        int k = 0;
        for (Cuboid box : frame.boxes()) {
          region(result, "r" + k++, bev, box);
        }
        if (!tags.isEmpty()) {
          ObjectNode choices = result.addObject();
          choices.put("id", SCENARIO);
          choices.put("type", "choices");
          choices.put("from_name", SCENARIO);
          choices.put("to_name", IMAGE);
          ArrayNode c = choices.putObject("value").putArray("choices");
          tags.forEach(c::add);
        }
      }
    }
    return tasks;
  }

  private static void region(ArrayNode result, String id, BevFrame bev, Cuboid box) {
    BevFrame.Rect r = bev.toRect(box.x(), box.y(), box.length(), box.width(), box.yaw());
    ObjectNode rect = result.addObject();
    rect.put("id", id);
    rect.put("type", "rectanglelabels");
    rect.put("from_name", BOX);
    rect.put("to_name", IMAGE);
    rect.put("original_width", bev.sizePx());
    rect.put("original_height", bev.sizePx());
    rect.put("image_rotation", 0);
    ObjectNode v = rect.putObject("value");
    v.put("x", r.x());
    v.put("y", r.y());
    v.put("width", r.width());
    v.put("height", r.height());
    v.put("rotation", r.rotation());
    v.putArray("rectanglelabels").add(box.category());
    if (box.score() != null) {
      rect.put("score", box.score());
    }
    number(result, id, Z, box.z());
    number(result, id, HEIGHT, box.height());
    if (box.trackId() != null) {
      ObjectNode t = result.addObject();
      t.put("id", id);
      t.put("type", "textarea");
      t.put("from_name", TRACK);
      t.put("to_name", IMAGE);
      t.putObject("value").putArray("text").add(box.trackId());
    }
  }

  private static void number(ArrayNode result, String id, String name, double value) {
    ObjectNode n = result.addObject();
    n.put("id", id);
    n.put("type", "number");
    n.put("from_name", name);
    n.put("to_name", IMAGE);
    n.putObject("value").put("number", value);
  }

  /** The Label Studio labeling interface the tasks are made for. */
  static String labelConfig(List<String> tagVocabulary) {
    StringBuilder sb = new StringBuilder();
    sb.append("<View>\n");
    sb.append("  <Image name=\"").append(IMAGE).append("\" value=\"$image\" zoom=\"true\"/>\n");
    sb.append("  <RectangleLabels name=\"").append(BOX).append("\" toName=\"").append(IMAGE).append("\" canRotate=\"true\">\n");
    for (Category c : Category.values()) {
      if (c != Category.DONT_CARE) {
        sb.append("    <Label value=\"").append(c.sqlName()).append("\"/>\n");
      }
    }
    sb.append("  </RectangleLabels>\n");
    sb.append("  <Number name=\"").append(Z).append("\" toName=\"").append(IMAGE)
        .append("\" perRegion=\"true\" required=\"true\" step=\"0.01\"/>\n");
    sb.append("  <Number name=\"").append(HEIGHT).append("\" toName=\"").append(IMAGE)
        .append("\" perRegion=\"true\" required=\"true\" min=\"0\" step=\"0.01\"/>\n");
    sb.append("  <TextArea name=\"").append(TRACK).append("\" toName=\"").append(IMAGE)
        .append("\" perRegion=\"true\" maxSubmissions=\"1\"/>\n");
    sb.append("  <Choices name=\"").append(SCENARIO).append("\" toName=\"").append(IMAGE).append("\" choice=\"multiple\">\n");
    for (String t : tagVocabulary) {
      sb.append("    <Choice value=\"").append(CvatXml.esc(t)).append("\"/>\n");
    }
    sb.append("  </Choices>\n</View>\n");
    return sb.toString();
  }
}
