package dev.fleetmine.label;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Label Studio JSON export of tasks made by {@link LabelStudioTasks}: what the export wrote
 * ({@code data}, {@code predictions}, which are not read) plus what Label Studio adds: {@code id}, and the
 * {@code annotations} array, each with {@code completed_by}, {@code was_cancelled} and {@code result}. A task's
 * boxes are the regions of its one completed (not cancelled) annotation; a task with none is counted as
 * unannotated; a task with several is rejected (import one annotator's annotations per label version).
 */
final class LabelStudioReader implements AnnotationReader {
  /** The results of one region, by {@code from_name}. */
  private static final class Region {
    String where;
    BevFrame.Rect rect;
    String label;
    Double score;
    Double z;
    Double height;
    String track;
  }

  @Override
  public void read(Path file, byte[] bytes, LabelBatch batch, Map<String, String> coordinateSystems, Parsed out) {
    Json j = new Json(file, out);
    JsonNode root = j.parse(bytes);
    if (root == null) {
      return;
    }
    if (!root.isArray()) {
      j.problem("$", "wrong type: expected the array of tasks of a Label Studio JSON export, got " + Json.type(root));
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < root.size(); i++) {
      String tp = "[" + i + "]";
      JsonNode task = root.get(i);
      if (!task.isObject()) {
        j.problem(tp, "wrong type: expected a task object, got " + Json.type(task));
        continue;
      }
      JsonNode data = j.object(task, tp, "data", true);
      if (data == null) {
        continue;
      }
      String dp = tp + ".data";
      String exported = j.text(data, dp, "batch", false);
      if (exported != null && !exported.equals(batch.id())) {
        j.problem(dp + ".batch", "the task was exported from batch '" + exported + "', not '" + batch.id() + "'");
        continue;
      }
      String log = j.text(data, dp, "log_id", true);
      Long ts = j.integer(data, dp, "ts_ns", true);
      JsonNode bevNode = j.object(data, dp, "bev", true);
      if (log == null || ts == null || bevNode == null) {
        continue;
      }
      LabelBatch.BatchClip clip = batch.clipOfFrame(log, ts).orElse(null);
      if (clip == null) {
        j.problem(dp, log + " at " + ts + " is not a frame of batch '" + batch.id() + "'");
        continue;
      }
      String clipId = j.text(data, dp, "clip", false);
      if (clipId != null && !clipId.equals(clip.clip().id())) {
        j.problem(dp + ".clip", "'" + clipId + "': the frame " + log + " at " + ts + " is in clip " + clip.clip().id());
        continue;
      }
      if (!seen.add(log + "@" + ts)) {
        j.problem(dp, "frame " + log + " at " + ts + " is given by two tasks");
        continue;
      }
      int before = out.problems.size();
      double xMin = j.number(bevNode, dp + ".bev", "x_min");
      double yMax = j.number(bevNode, dp + ".bev", "y_max");
      double mpp = j.number(bevNode, dp + ".bev", "metres_per_px");
      Long size = j.integer(bevNode, dp + ".bev", "size_px", true);
      if (out.problems.size() > before) {
        continue;
      }
      if (!(mpp > 0) || !Double.isFinite(xMin) || !Double.isFinite(yMax) || size <= 0 || size > Integer.MAX_VALUE) {
        j.problem(dp + ".bev", "expected finite x_min, y_max, metres_per_px > 0 and size_px > 0");
        continue;
      }
      BevFrame bev = new BevFrame(xMin, yMax, mpp, (int) (long) size);
      JsonNode annotations = j.array(task, tp, "annotations", false);
      JsonNode completed = null;
      int completedAt = -1;
      int count = 0;
      if (annotations != null) {
        for (int a = 0; a < annotations.size(); a++) {
          JsonNode ann = annotations.get(a);
          if (!j.isObject(ann, tp + ".annotations[" + a + "]")) {
            continue;
          }
          if (!ann.path("was_cancelled").asBoolean(false)) {
            count++;
            completed = ann;
            completedAt = a;
          }
        }
      }
      if (count == 0) {
        out.unannotated++;
        continue;
      }
      if (count > 1) {
        j.problem(tp + ".annotations", count + " completed annotations (by " + completedBy(annotations)
            + "): expected one; import each annotator's annotations as their own label version");
        continue;
      }
      String ap = tp + ".annotations[" + completedAt + "]";
      JsonNode result = j.array(completed, ap, "result", true);
      if (result == null) {
        continue;
      }
      regions(j, file, ap, result, bev, log, ts, clip, out);
    }
  }

  private static void regions(Json j, Path file, String ap, JsonNode result, BevFrame bev, String log, long ts,
      LabelBatch.BatchClip clip, Parsed out) {
    Map<String, Region> regions = new LinkedHashMap<>();
    for (int r = 0; r < result.size(); r++) {
      String rp = ap + ".result[" + r + "]";
      JsonNode item = result.get(r);
      if (!j.isObject(item, rp)) {
        continue;
      }
      String type = j.text(item, rp, "type", true);
      String from = j.text(item, rp, "from_name", true);
      JsonNode value = j.object(item, rp, "value", true);
      if (type == null || from == null || value == null) {
        continue;
      }
      String vp = rp + ".value";
      if (type.equals("choices") && from.equals(LabelStudioTasks.SCENARIO)) {
        JsonNode choices = j.array(value, vp, "choices", true);
        if (choices != null) {
          for (int c = 0; c < choices.size(); c++) {
            if (!choices.get(c).isTextual() || choices.get(c).asText().isBlank()) {
              j.problem(vp + ".choices[" + c + "]", "expected a scenario tag name, got " + Json.type(choices.get(c)));
            } else {
              out.tags.add(new Parsed.Located<>(Parsed.where(file, vp + ".choices[" + c + "]"),
                  new ClipTag(clip.clip(), choices.get(c).asText(), null)));
            }
          }
        }
        continue;
      }
      String id = j.text(item, rp, "id", true);
      if (id == null) {
        continue;
      }
      Region region = regions.computeIfAbsent(id, k -> new Region());
      switch (type) {
        case "rectanglelabels" -> {
          if (!from.equals(LabelStudioTasks.BOX)) {
            j.problem(rp + ".from_name", "'" + from + "': expected '" + LabelStudioTasks.BOX + "'");
            continue;
          }
          int before = out.problems.size();
          double x = j.number(value, vp, "x");
          double y = j.number(value, vp, "y");
          double w = j.number(value, vp, "width");
          double h = j.number(value, vp, "height");
          double rot = value.has("rotation") ? j.number(value, vp, "rotation") : 0;
          JsonNode labels = j.array(value, vp, "rectanglelabels", true);
          if (labels != null && (labels.size() != 1 || !labels.get(0).isTextual())) {
            j.problem(vp + ".rectanglelabels", "expected exactly one category name, got " + labels.size() + " value(s)");
          }
          if (out.problems.size() > before) {
            continue;
          }
          region.rect = new BevFrame.Rect(x, y, w, h, rot);
          region.label = labels.get(0).asText();
          region.where = Parsed.where(file, rp);
          region.score = item.path("score").isNumber() ? item.path("score").asDouble() : null;
        }
        case "number" -> {
          if (!from.equals(LabelStudioTasks.Z) && !from.equals(LabelStudioTasks.HEIGHT)) {
            j.problem(rp + ".from_name", "'" + from + "': expected '" + LabelStudioTasks.Z + "' or '" + LabelStudioTasks.HEIGHT + "'");
            continue;
          }
          double n = j.number(value, vp, "number");
          if (from.equals(LabelStudioTasks.Z)) {
            region.z = n;
          } else {
            region.height = n;
          }
        }
        case "textarea" -> {
          JsonNode text = j.array(value, vp, "text", true);
          if (text != null && text.size() > 0 && text.get(0).isTextual() && !text.get(0).asText().isBlank()) {
            region.track = text.get(0).asText().trim();
          }
        }
        default -> j.problem(rp + ".type", "'" + type + "' is not read; expected rectanglelabels, number, textarea or choices");
      }
    }
    for (Map.Entry<String, Region> e : regions.entrySet()) {
      Region g = e.getValue();
      String where = ap + ".result (region '" + e.getKey() + "')";
      if (g.rect == null) {
        j.problem(where, "no rectanglelabels result '" + LabelStudioTasks.BOX + "'; expected the box's footprint");
        continue;
      }
      if (g.z == null || g.height == null) {
        j.problem(where, "no number result '" + (g.z == null ? LabelStudioTasks.Z : LabelStudioTasks.HEIGHT)
            + "'; expected per-region numbers z and height (metres)");
        continue;
      }
      double[] f = bev.fromRect(g.rect);
      out.boxes.add(new Parsed.Located<>(g.where, new Cuboid(log, ts, g.track, g.label, g.label, f[0], f[1], g.z, f[2], f[3],
          g.height, f[4], null, g.score, "{}")));
    }
  }

  private static String completedBy(JsonNode annotations) {
    java.util.List<String> who = new java.util.ArrayList<>();
    for (JsonNode a : annotations) {
      if (!a.path("was_cancelled").asBoolean(false)) {
        JsonNode c = a.get("completed_by");
        who.add(c == null ? "?" : c.isObject() ? c.path("email").asText(c.toString()) : c.asText());
      }
    }
    return String.join(", ", who);
  }
}
