package dev.fleetmine.label;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads completed OpenLABEL 1.0 files, one per clip, as {@link OpenLabelWriter} writes them: the clip is
 * {@code metadata.name}, frames are found by {@code frame_properties.ts_ns}, an object's name is the track id
 * (empty: untracked) and its type the category, boxes are the 9-value Euler-form cuboids in the clip's
 * coordinate system, scenario tags are contexts of type {@code scenario_tag}; other contexts are ignored.
 */
final class OpenLabelReader implements AnnotationReader {
  @Override
  public void read(Path file, byte[] bytes, LabelBatch batch, Map<String, String> coordinateSystems, Parsed out) {
    Json j = new Json(file, out);
    JsonNode root = j.parse(bytes);
    if (root == null) {
      return;
    }
    if (!root.isObject() || root.get("openlabel") == null) {
      j.problem("openlabel", "missing; expected an OpenLABEL document {\"openlabel\": {\"metadata\": ..., \"frames\": ...}}");
      return;
    }
    JsonNode ol = j.object(root, "$", "openlabel", true);
    if (ol == null) {
      return;
    }
    JsonNode meta = j.object(ol, "openlabel", "metadata", true);
    if (meta == null) {
      return;
    }
    String version = j.text(meta, "openlabel.metadata", "schema_version", true);
    if (version != null && !version.startsWith("1.")) {
      j.problem("openlabel.metadata.schema_version", "'" + version + "': expected OpenLABEL 1.x (1.0.0)");
    }
    String exportedFrom = j.text(meta, "openlabel.metadata", "batch", false);
    if (exportedFrom != null && !exportedFrom.equals(batch.id())) {
      j.problem("openlabel.metadata.batch", "the file was exported from batch '" + exportedFrom + "', not '" + batch.id() + "'");
      return;
    }
    String name = j.text(meta, "openlabel.metadata", "name", true);
    if (name == null) {
      return;
    }
    LabelBatch.BatchClip clip = batch.clip(name).orElse(null);
    if (clip == null) {
      j.problem("openlabel.metadata.name", "'" + name + "' is not a clip of batch '" + batch.id() + "'; its clips: "
          + batch.refs().stream().map(dev.fleetmine.query.ClipRef::id).toList());
      return;
    }
    String cs = coordinateSystems.get(clip.clip().logId());
    JsonNode systems = j.object(ol, "openlabel", "coordinate_systems", false);

    Map<String, String[]> objects = new HashMap<>(); // uid -> {name, type}
    JsonNode objs = j.object(ol, "openlabel", "objects", false);
    if (objs != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = objs.fields(); it.hasNext();) {
        var e = it.next();
        String p = "openlabel.objects." + e.getKey();
        if (!j.isObject(e.getValue(), p)) {
          continue;
        }
        String oname = j.text(e.getValue(), p, "name", true);
        String otype = j.text(e.getValue(), p, "type", true);
        if (oname != null && otype != null) {
          objects.put(e.getKey(), new String[] {oname, otype});
        }
      }
    }

    JsonNode contexts = j.object(ol, "openlabel", "contexts", false);
    if (contexts != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = contexts.fields(); it.hasNext();) {
        var e = it.next();
        String p = "openlabel.contexts." + e.getKey();
        if (!j.isObject(e.getValue(), p)) {
          continue;
        }
        String type = j.text(e.getValue(), p, "type", true);
        String tag = j.text(e.getValue(), p, "name", true);
        if (OpenLabelWriter.TAG_CONTEXT.equals(type) && tag != null) {
          if (tag.isBlank()) {
            j.problem(p + ".name", "empty; expected a scenario tag name");
          } else {
            out.tags.add(new Parsed.Located<>(Parsed.where(file, p), new ClipTag(clip.clip(), tag, null)));
          }
        }
      }
    }

    JsonNode frames = j.object(ol, "openlabel", "frames", false);
    if (frames == null) {
      return;
    }
    Set<Long> seen = new HashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = frames.fields(); it.hasNext();) {
      var e = it.next();
      String p = "openlabel.frames." + e.getKey();
      if (!e.getKey().matches("[0-9]+")) {
        j.problem(p, "frame key '" + e.getKey() + "': expected a frame number (0, 1, ...)");
        continue;
      }
      if (!j.isObject(e.getValue(), p)) {
        continue;
      }
      JsonNode props = j.object(e.getValue(), p, "frame_properties", true);
      Long ts = props == null ? null : j.integer(props, p + ".frame_properties", "ts_ns", true);
      if (ts == null) {
        continue;
      }
      if (java.util.Collections.binarySearch(clip.frames(), ts) < 0) {
        j.problem(p + ".frame_properties.ts_ns", ts + " is not a frame of clip " + clip.clip().id() + " in batch '"
            + batch.id() + "' (its frames: " + describe(clip.frames()) + ")");
        continue;
      }
      if (!seen.add(ts)) {
        j.problem(p + ".frame_properties.ts_ns", ts + " is given by two frames");
        continue;
      }
      JsonNode fobjs = j.object(e.getValue(), p, "objects", false);
      if (fobjs == null) {
        continue;
      }
      for (Iterator<Map.Entry<String, JsonNode>> ot = fobjs.fields(); ot.hasNext();) {
        var o = ot.next();
        String op = p + ".objects." + o.getKey();
        String[] obj = objects.get(o.getKey());
        if (obj == null) {
          j.problem(op, "unknown object " + o.getKey() + ": not declared in openlabel.objects");
          continue;
        }
        if (!j.isObject(o.getValue(), op)) {
          continue;
        }
        JsonNode data = j.object(o.getValue(), op, "object_data", true);
        JsonNode cuboids = data == null ? null : j.array(data, op + ".object_data", "cuboid", false);
        if (cuboids == null) {
          continue;
        }
        for (int k = 0; k < cuboids.size(); k++) {
          String cp = op + ".object_data.cuboid[" + k + "]";
          JsonNode c = cuboids.get(k);
          if (!j.isObject(c, cp)) {
            continue;
          }
          String system = j.text(c, cp, "coordinate_system", false);
          if (system != null && !system.equals(cs)) {
            j.problem(cp + ".coordinate_system", "'" + system + "': expected '" + cs + "', the frame of log "
                + clip.clip().logId() + (systems != null && systems.get(system) == null ? " (and it is not declared in"
                + " openlabel.coordinate_systems)" : ""));
            continue;
          }
          JsonNode val = j.array(c, cp, "val", true);
          if (val == null) {
            continue;
          }
          if (val.size() == 10) {
            j.problem(cp + ".val", "10 values (the quaternion form [x, y, z, qx, qy, qz, qw, sx, sy, sz]) are not read;"
                + " expected the 9-value Euler form [x, y, z, rx, ry, rz, sx, sy, sz]");
            continue;
          }
          if (val.size() != 9) {
            j.problem(cp + ".val", val.size() + " values: expected 9, [x, y, z, rx, ry, rz, sx, sy, sz]");
            continue;
          }
          double[] v = new double[9];
          int before = out.problems.size();
          for (int i = 0; i < 9; i++) {
            v[i] = j.number(val.get(i), cp + ".val[" + i + "]");
          }
          if (out.problems.size() > before) {
            continue;
          }
          if (Math.abs(v[3]) > 1e-9 || Math.abs(v[4]) > 1e-9) {
            j.problem(cp + ".val", "rx = " + v[3] + ", ry = " + v[4] + ": expected 0 (boxes are upright; rz is the yaw)");
            continue;
          }
          Double score = null;
          JsonNode nums = c.path("attributes").path("num");
          for (JsonNode n : nums) {
            if ("score".equals(n.path("name").asText()) && n.path("val").isNumber()) {
              score = n.path("val").asDouble();
            }
          }
          String track = obj[0].isEmpty() ? null : obj[0];
          out.boxes.add(new Parsed.Located<>(Parsed.where(file, cp), new Cuboid(clip.clip().logId(), ts, track, obj[1],
              obj[1], v[0], v[1], v[2], v[6], v[7], v[8], v[5], null, score, "{}")));
        }
      }
    }
  }

  static String describe(List<Long> frames) {
    return frames.size() <= 6 ? frames.toString()
        : frames.size() + " from " + frames.get(0) + " to " + frames.get(frames.size() - 1);
  }
}
