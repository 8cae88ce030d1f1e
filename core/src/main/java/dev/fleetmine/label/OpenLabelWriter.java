package dev.fleetmine.label;

import static java.util.Objects.requireNonNull;

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

/**
 * Writes one scene (a clip) as an ASAM OpenLABEL 1.0 JSON document. Independent of batches: give it plain
 * records (frames with cuboids, clip tags), as the label export and the dataset export do.
 *
 * <p>The document: {@code metadata} ({@code schema_version} 1.0.0, the scene's name, annotators, and any
 * extra metadata), one {@code coordinate_systems} entry (type {@code scene_cs}) named after the frame the
 * boxes are in, one {@code object} per track (name = track id, empty for an untracked box; type = category)
 * with its frame intervals, one {@code frame} per timestamp (frame numbers 0.. in timestamp order;
 * {@code frame_properties.timestamp} in seconds and the exact {@code ts_ns}), every box as
 * {@code object_data.cuboid} with {@code val = [x, y, z, rx, ry, rz, sx, sy, sz]} in the Euler form of
 * OpenLABEL 1.0 (rx = ry = 0, rz = yaw; sx, sy, sz = length, width, height; centre, metres, radians) and
 * attributes {@code annotator} (text) and {@code score} (num, pre-annotations of a model), and every
 * scenario tag as a {@code context} of type {@code scenario_tag} spanning all frames.
 */
public final class OpenLabelWriter {
  /** OpenLABEL's schema version this writes. */
  public static final String SCHEMA_VERSION = "1.0.0";
  /** The context type of scenario tags. */
  public static final String TAG_CONTEXT = "scenario_tag";
  /** The name of every cuboid. */
  public static final String CUBOID_NAME = "box3d";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * One scene.
   *
   * @param name             the scene's name (a clip id)
   * @param coordinateSystem the frame the boxes are in ({@code log_local}, or {@code ego} for logs without poses)
   * @param frames           its frames in timestamp order, empty ones included (annotators see every frame)
   * @param tags             scenario tags of the whole scene
   * @param metadata         extra {@code metadata} entries (for example the batch), in order
   */
  public record Scene(String name, String coordinateSystem, List<Frame> frames, List<String> tags, Map<String, String> metadata) {
    public Scene {
      requireNonNull(name, "name is null");
      requireNonNull(coordinateSystem, "coordinateSystem is null");
      frames = List.copyOf(frames);
      tags = List.copyOf(tags);
      metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
  }

  /**
   * One frame of a scene.
   *
   * @param tsNs    its timestamp
   * @param cuboids its boxes
   */
  public record Frame(long tsNs, List<Cuboid> cuboids) {
    public Frame {
      cuboids = List.copyOf(cuboids);
    }
  }

  /** Writes {@code scene} to {@code file}. */
  public void write(Scene scene, Path file) throws IOException {
    JSON.writeValue(file.toFile(), toJson(scene));
  }

  /** The OpenLABEL document of a scene. */
  public static ObjectNode toJson(Scene scene) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode ol = root.putObject("openlabel");
    ObjectNode meta = ol.putObject("metadata");
    meta.put("schema_version", SCHEMA_VERSION);
    meta.put("name", scene.name());
    meta.put("annotator", String.join(",", scene.frames().stream().flatMap(f -> f.cuboids().stream()).map(Cuboid::annotator)
        .filter(a -> !a.isEmpty()).distinct().sorted().toList()));
    meta.put("comment", "cuboid val = [x, y, z, rx, ry, rz, sx, sy, sz]: centre, Euler angles (rz = yaw), size"
        + " (length, width, height); metres, radians; in coordinate system " + scene.coordinateSystem());
    scene.metadata().forEach(meta::put);
    ObjectNode cs = ol.putObject("coordinate_systems").putObject(scene.coordinateSystem());
    cs.put("type", "scene_cs");
    cs.put("parent", "");
    cs.putArray("children");

    Map<String, Integer> uidOf = new LinkedHashMap<>();
    Map<Integer, List<Integer>> framesOf = new LinkedHashMap<>();
    ObjectNode objects = ol.putObject("objects");
    List<int[]> placement = new ArrayList<>(); // per box in frame order: uid
    for (int f = 0; f < scene.frames().size(); f++) {
      for (Cuboid b : scene.frames().get(f).cuboids()) {
        String key = b.trackId() == null ? null : b.trackId() + "\u0000" + b.category();
        Integer uid = key == null ? null : uidOf.get(key);
        if (uid == null) {
          uid = objects.size();
          if (key != null) {
            uidOf.put(key, uid);
          }
          ObjectNode o = objects.putObject(Integer.toString(uid));
          o.put("name", b.trackId() == null ? "" : b.trackId());
          o.put("type", b.category());
        }
        framesOf.computeIfAbsent(uid, k -> new ArrayList<>()).add(f);
        placement.add(new int[] {uid});
      }
    }
    framesOf.forEach((uid, fs) -> intervals(((ObjectNode) objects.get(Integer.toString(uid))).putArray("frame_intervals"), fs));
    int last = scene.frames().size() - 1;
    if (!scene.tags().isEmpty()) {
      ObjectNode contexts = ol.putObject("contexts");
      for (int i = 0; i < scene.tags().size(); i++) {
        ObjectNode c = contexts.putObject(Integer.toString(i));
        c.put("name", scene.tags().get(i));
        c.put("type", TAG_CONTEXT);
        if (last >= 0) {
          c.putArray("frame_intervals").addObject().put("frame_start", 0).put("frame_end", last);
        }
      }
    }
    if (last >= 0) {
      ol.putArray("frame_intervals").addObject().put("frame_start", 0).put("frame_end", last);
    }
    ObjectNode frames = ol.putObject("frames");
    int i = 0;
    for (int f = 0; f < scene.frames().size(); f++) {
      Frame fr = scene.frames().get(f);
      ObjectNode frame = frames.putObject(Integer.toString(f));
      ObjectNode props = frame.putObject("frame_properties");
      props.put("timestamp", fr.tsNs() / 1e9);
      props.put("ts_ns", fr.tsNs());
      ObjectNode fo = frame.putObject("objects");
      for (Cuboid b : fr.cuboids()) {
        int uid = placement.get(i++)[0];
        ObjectNode cuboid = fo.putObject(Integer.toString(uid)).putObject("object_data").putArray("cuboid").addObject();
        cuboid.put("name", CUBOID_NAME);
        cuboid.put("coordinate_system", scene.coordinateSystem());
        ArrayNode val = cuboid.putArray("val");
        for (double v : new double[] {b.x(), b.y(), b.z(), 0, 0, b.yaw(), b.length(), b.width(), b.height()}) {
          val.add(v);
        }
        ObjectNode attrs = cuboid.putObject("attributes");
        attrs.putArray("text").addObject().put("name", "annotator").put("val", b.annotator());
        if (b.score() != null) {
          attrs.putArray("num").addObject().put("name", "score").put("val", b.score());
        }
      }
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
