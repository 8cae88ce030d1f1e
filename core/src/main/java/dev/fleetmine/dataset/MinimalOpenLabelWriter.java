package dev.fleetmine.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small OpenLABEL 1.0 writer: one object per track (type = category, name = track id) with its frame
 * intervals, one frame per labelled timestamp ({@code frame_properties.timestamp} in seconds, and the
 * exact {@code ts_ns}), a {@code cuboid} object_data per box with {@code val} = [x, y, z, rx, ry, rz, sx, sy, sz]
 * (Euler angles, rz = yaw; sx, sy, sz = length, width, height) in one coordinate system named after the
 * frame, and each scenario tag as a context (type {@code scenario_tag}) spanning the whole clip.
 */
public final class MinimalOpenLabelWriter implements OpenLabelWriter {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Override
  public void write(Scene scene, Path file) throws IOException {
    JSON.writeValue(file.toFile(), toJson(scene));
  }

  /** The OpenLABEL document of a scene. */
  public static ObjectNode toJson(Scene scene) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode ol = root.putObject("openlabel");
    ObjectNode meta = ol.putObject("metadata");
    meta.put("schema_version", "1.0.0");
    meta.put("name", scene.name());
    meta.put("annotator", String.join(",", scene.boxes().stream().map(Box::annotator).distinct().sorted().toList()));
    meta.put("comment", "exported by fleetmine; cuboid val = [x, y, z, rx, ry, rz, sx, sy, sz], box centre, metres, radians");
    ObjectNode cs = ol.putObject("coordinate_systems").putObject(scene.frame());
    cs.put("type", "scene_cs");
    cs.put("parent", "");
    cs.putArray("children");
    List<Long> ts = scene.boxes().stream().map(Box::tsNs).distinct().sorted().toList();
    Map<Long, Integer> frameOf = new TreeMap<>();
    for (int i = 0; i < ts.size(); i++) {
      frameOf.put(ts.get(i), i);
    }
    Map<String, Integer> objectOf = new LinkedHashMap<>();
    Map<String, List<Integer>> framesOfObject = new LinkedHashMap<>();
    ObjectNode objects = JSON.createObjectNode();
    for (Box b : scene.boxes()) {
      String key = (b.trackId() == null ? "untracked-" + b.tsNs() + "-" + b.x() + "-" + b.y() : b.trackId()) + "|" + b.category();
      Integer uid = objectOf.get(key);
      if (uid == null) {
        uid = objectOf.size();
        objectOf.put(key, uid);
        ObjectNode o = objects.putObject(Integer.toString(uid));
        o.put("name", b.trackId() == null ? "untracked" : b.trackId());
        o.put("type", b.category());
      }
      framesOfObject.computeIfAbsent(key, k -> new ArrayList<>()).add(frameOf.get(b.tsNs()));
    }
    for (var e : objectOf.entrySet()) {
      intervals(((ObjectNode) objects.get(Integer.toString(e.getValue()))).putArray("frame_intervals"),
          framesOfObject.get(e.getKey()));
    }
    ol.set("objects", objects);
    if (!scene.tags().isEmpty()) {
      ObjectNode contexts = ol.putObject("contexts");
      for (int i = 0; i < scene.tags().size(); i++) {
        ObjectNode c = contexts.putObject(Integer.toString(i));
        c.put("name", scene.tags().get(i));
        c.put("type", "scenario_tag");
        if (!ts.isEmpty()) {
          c.putArray("frame_intervals").addObject().put("frame_start", 0).put("frame_end", ts.size() - 1);
        }
      }
    }
    ObjectNode frames = ol.putObject("frames");
    for (Box b : scene.boxes()) {
      String f = Integer.toString(frameOf.get(b.tsNs()));
      ObjectNode frame = (ObjectNode) frames.get(f);
      if (frame == null) {
        frame = frames.putObject(f);
        ObjectNode props = frame.putObject("frame_properties");
        props.put("timestamp", b.tsNs() / 1e9);
        props.put("ts_ns", b.tsNs());
        frame.putObject("objects");
      }
      String key = (b.trackId() == null ? "untracked-" + b.tsNs() + "-" + b.x() + "-" + b.y() : b.trackId()) + "|" + b.category();
      ObjectNode od = ((ObjectNode) frame.get("objects")).putObject(Integer.toString(objectOf.get(key))).putObject("object_data");
      ObjectNode cuboid = od.putArray("cuboid").addObject();
      cuboid.put("name", "box3d");
      cuboid.put("coordinate_system", scene.frame());
      ArrayNode val = cuboid.putArray("val");
      for (double v : new double[] {b.x(), b.y(), b.z(), 0, 0, b.yaw(), b.length(), b.width(), b.height()}) {
        val.add(v);
      }
    }
    if (!ts.isEmpty()) {
      ol.putArray("frame_intervals").addObject().put("frame_start", 0).put("frame_end", ts.size() - 1);
    }
    return root;
  }

  /** Runs of consecutive frame numbers as OpenLABEL frame intervals (ends inclusive). */
  private static void intervals(ArrayNode out, List<Integer> frames) {
    List<Integer> sorted = frames.stream().distinct().sorted().toList();
    int start = -1;
    int prev = -1;
    for (int f : sorted) {
      if (start < 0) {
        start = f;
      } else if (f != prev + 1) {
        out.addObject().put("frame_start", start).put("frame_end", prev);
        start = f;
      }
      prev = f;
    }
    if (start >= 0) {
      out.addObject().put("frame_start", start).put("frame_end", prev);
    }
  }
}
