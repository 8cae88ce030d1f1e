package dev.fleetmine.label;

import dev.fleetmine.ingest.Category;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * CVAT XML 1.1 for a batch, in the layout of CVAT's "CVAT for images" export: {@code <annotations>},
 * {@code <version>1.1</version>}, {@code <meta><task>} (name = batch, size = frames, mode = annotation,
 * the labels: one {@code cuboid_3d} label per category with a {@code track_id} and {@code score} attribute,
 * one {@code tag} label per scenario), then one {@code <image id name>} per frame, named {@code LOG/TS_NS}.
 * A box is a {@code <cuboid_3d>} element with CVAT's 3D cuboid fields as attributes, {@code position_x/y/z}
 * (centre), {@code rotation_x/y/z} (radians; x = y = 0, z = yaw) and {@code scale_x/y/z} (length, width,
 * height), plus {@code label}, {@code source} (manual, or auto for a model's pre-annotation), {@code occluded},
 * {@code z_order}, and child {@code <attribute name="track_id">} / {@code <attribute name="score">}. A clip's
 * scenario tags are {@code <tag label>} elements on its first frame (a tag on any frame of a clip tags the clip).
 */
final class CvatXml {
  static final String VERSION = "1.1";
  static final String SHAPE = "cuboid_3d";

  private CvatXml() {}

  /** The image name of a frame. */
  static String frameName(String logId, long tsNs) {
    return logId + "/" + tsNs;
  }

  /** The document for a batch's content. */
  static String write(BatchContent content, List<String> tagVocabulary) {
    StringBuilder sb = new StringBuilder();
    sb.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<annotations>\n");
    sb.append("  <version>").append(VERSION).append("</version>\n");
    sb.append("  <meta>\n    <task>\n");
    sb.append("      <name>").append(esc(content.batch().id())).append("</name>\n");
    sb.append("      <size>").append(content.batch().frameCount()).append("</size>\n");
    sb.append("      <mode>annotation</mode>\n");
    sb.append("      <dimension>3d</dimension>\n");
    sb.append("      <labels>\n");
    for (Category c : Category.values()) {
      if (c == Category.DONT_CARE) {
        continue;
      }
      sb.append("        <label>\n          <name>").append(c.sqlName()).append("</name>\n          <type>").append(SHAPE)
          .append("</type>\n          <attributes>\n");
      sb.append("            <attribute>\n              <name>track_id</name>\n              <mutable>False</mutable>\n"
          + "              <input_type>text</input_type>\n              <default_value></default_value>\n"
          + "              <values></values>\n            </attribute>\n");
      sb.append("            <attribute>\n              <name>score</name>\n              <mutable>True</mutable>\n"
          + "              <input_type>text</input_type>\n              <default_value></default_value>\n"
          + "              <values></values>\n            </attribute>\n");
      sb.append("          </attributes>\n        </label>\n");
    }
    for (String t : tagVocabulary) {
      sb.append("        <label>\n          <name>").append(esc(t)).append("</name>\n          <type>tag</type>\n"
          + "          <attributes>\n          </attributes>\n        </label>\n");
    }
    sb.append("      </labels>\n    </task>\n");
    sb.append("    <fleetmine>\n      <batch>").append(esc(content.batch().id())).append("</batch>\n      <pre_annotation>")
        .append(esc(content.preAnnotation())).append("</pre_annotation>\n      <comment>")
        .append("cuboid_3d in the lake's frame of each log (log_local, or ego for logs without poses); metres, radians")
        .append("</comment>\n    </fleetmine>\n");
    sb.append("  </meta>\n");
    int id = 0;
    boolean auto = content.preAnnotation().startsWith("model:");
    for (BatchContent.Clip clip : content.clips()) {
      for (int f = 0; f < clip.frames().size(); f++) {
        BatchContent.Frame frame = clip.frames().get(f);
        List<Cuboid> boxes = frame.boxes();
        List<String> tags = f == 0 ? clip.tags() : List.of();
        sb.append("  <image id=\"").append(id++).append("\" name=\"")
            .append(esc(frameName(clip.clip().clip().logId(), frame.tsNs()))).append("\"");
        if (boxes.isEmpty() && tags.isEmpty()) {
          sb.append(" />\n");
          continue;
        }
        sb.append(">\n");
        for (Cuboid b : boxes) {
          Map<String, String> a = new LinkedHashMap<>();
          a.put("label", b.category());
          a.put("source", auto ? "auto" : "manual");
          a.put("occluded", "0");
          a.put("z_order", "0");
          a.put("position_x", num(b.x()));
          a.put("position_y", num(b.y()));
          a.put("position_z", num(b.z()));
          a.put("rotation_x", "0.0");
          a.put("rotation_y", "0.0");
          a.put("rotation_z", num(b.yaw()));
          a.put("scale_x", num(b.length()));
          a.put("scale_y", num(b.width()));
          a.put("scale_z", num(b.height()));
          sb.append("    <").append(SHAPE);
          a.forEach((k, v) -> sb.append(' ').append(k).append("=\"").append(esc(v)).append('"'));
          sb.append(">\n");
          if (b.trackId() != null) {
            sb.append("      <attribute name=\"track_id\">").append(esc(b.trackId())).append("</attribute>\n");
          }
          if (b.score() != null) {
            sb.append("      <attribute name=\"score\">").append(num(b.score())).append("</attribute>\n");
          }
          sb.append("    </").append(SHAPE).append(">\n");
        }
        for (String t : tags) {
          sb.append("    <tag label=\"").append(esc(t)).append("\" source=\"").append(auto ? "auto" : "manual").append("\" />\n");
        }
        sb.append("  </image>\n");
      }
    }
    sb.append("</annotations>\n");
    return sb.toString();
  }

  /** The scenario tags a label config offers: those of the content and the given library names. */
  static List<String> vocabulary(BatchContent content, List<String> library) {
    TreeSet<String> all = new TreeSet<>(library);
    content.clips().forEach(c -> all.addAll(c.tags()));
    return new ArrayList<>(all);
  }

  static String num(double v) {
    return Double.toString(v);
  }

  static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&apos;");
        default -> sb.append(ch);
      }
    }
    return sb.toString();
  }
}
