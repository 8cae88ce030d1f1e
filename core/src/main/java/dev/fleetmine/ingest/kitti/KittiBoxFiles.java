package dev.fleetmine.ingest.kitti;

import dev.fleetmine.ingest.IngestException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Parsers of KITTI tracking label_02 files and AB3DMOT's PointRCNN detection files. */
final class KittiBoxFiles {
  static final List<String> LABEL_FIELDS = List.of("frame", "track_id", "type", "truncated", "occluded", "alpha",
      "bbox_left", "bbox_top", "bbox_right", "bbox_bottom", "height", "width", "length", "x", "y", "z", "rotation_y");
  static final List<String> DETECTION_FIELDS = List.of("frame", "type", "bbox_left", "bbox_top", "bbox_right",
      "bbox_bottom", "score", "height", "width", "length", "x", "y", "z", "rotation_y", "alpha");
  /** PointRCNN's integer class codes, index = code. */
  static final List<String> DETECTION_CLASSES = List.of("", "Pedestrian", "Car", "Cyclist");

  private KittiBoxFiles() {}

  /** The boxes of a label file: DontCare rows are kept (the caller counts them) but carry no 3D box. */
  static List<KittiBox> labels(Path file) {
    List<String> lines = Fields.lines(file, "label file");
    List<KittiBox> boxes = new ArrayList<>(lines.size());
    Map<Long, Integer> seen = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      int lineNo = i + 1;
      if (lines.get(i).isBlank()) {
        continue;
      }
      String[] f = Fields.split(file, lineNo, lines.get(i), "\\s+", LABEL_FIELDS);
      int frame = Fields.frame(file, lineNo, f[0]);
      int track = Fields.integer(file, lineNo, "track_id", f[1]);
      double[] v = numbers(file, lineNo, f, 3, LABEL_FIELDS);
      KittiBox box = new KittiBox(frame, track, f[2], v[10], v[11], v[12], v[13], v[14], v[15], v[16], Double.NaN,
          lineNo);
      if (!box.isDontCare()) {
        if (track < 0) {
          throw new IngestException(file, "line " + lineNo + ", field track_id",
              "expected a track id >= 0 for type " + box.type() + ", got " + track);
        }
        requireBox(file, box);
        Integer previous = seen.put(((long) track << 32) | frame, lineNo);
        if (previous != null) {
          throw new IngestException(file, "line " + lineNo, "track " + track + " already has a box in frame "
              + frame + " (line " + previous + "); a track has one box per frame");
        }
      }
      boxes.add(box);
    }
    return boxes;
  }

  /**
   * The boxes of a detection file; {@code folderClass} is the class its folder names (Car, Pedestrian,
   * Cyclist), which every row's type code must match.
   */
  static List<KittiBox> detections(Path file, String folderClass) {
    List<String> lines = Fields.lines(file, "detection file");
    List<KittiBox> boxes = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      int lineNo = i + 1;
      if (lines.get(i).isBlank()) {
        continue;
      }
      String[] f = Fields.split(file, lineNo, lines.get(i), ",", DETECTION_FIELDS);
      int frame = Fields.frame(file, lineNo, f[0]);
      int code = Fields.integer(file, lineNo, "type", f[1]);
      if (code < 1 || code >= DETECTION_CLASSES.size() || !DETECTION_CLASSES.get(code).equals(folderClass)) {
        throw new IngestException(file, "line " + lineNo + ", field type", "expected "
            + DETECTION_CLASSES.indexOf(folderClass) + " (" + folderClass + ", the class of the folder), got " + code);
      }
      double[] v = numbers(file, lineNo, f, 2, DETECTION_FIELDS);
      KittiBox box = new KittiBox(frame, -1, folderClass, v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[6], lineNo);
      requireBox(file, box);
      boxes.add(box);
    }
    return boxes;
  }

  /** Parses fields {@code from..end} as numbers; the array is indexed like the fields. */
  private static double[] numbers(Path file, int lineNo, String[] f, int from, List<String> names) {
    double[] v = new double[f.length];
    for (int j = from; j < f.length; j++) {
      v[j] = Fields.number(file, lineNo, names.get(j), f[j]);
    }
    return v;
  }

  /** A real box has positive dimensions; KITTI's -1000 placeholders belong only to DontCare rows. */
  private static void requireBox(Path file, KittiBox b) {
    double[] dims = {b.height(), b.width(), b.length()};
    String[] names = {"height", "width", "length"};
    for (int k = 0; k < 3; k++) {
      if (!(dims[k] > 0)) {
        throw new IngestException(file, "line " + b.line() + ", field " + names[k], "expected a positive box size"
            + " in metres for type " + b.type() + ", got " + dims[k]
            + (dims[k] == -1000 ? " (the placeholder of rows without a 3D box)" : ""));
      }
    }
  }
}
