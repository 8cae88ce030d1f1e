package dev.fleetmine.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The map from a KITTI sequence's velodyne frame (where the importer puts boxes of logs without oxts) back to
 * its rectified camera frame: {@code cam = R0_rect * Tr_velo_to_cam * velo}, the inverse of what
 * {@code dev.fleetmine.ingest.kitti} applies, and {@code P2} to project boxes into the left colour image.
 *
 * @param file the calibration file read
 * @param m    3x4 row-major velodyne-to-camera map
 * @param p2   3x4 row-major projection of camera 2, or null when the file has none
 */
record KittiCamera(Path file, double[] m, double[] p2) {
  /** Reads {@code <dir>/<seq>.txt} or {@code <dir>/calib/<seq>.txt} (object or tracking key spellings). */
  static KittiCamera read(Path dir, String sequence) {
    Path file = dir.resolve(sequence + ".txt");
    if (!Files.isRegularFile(file)) {
      file = dir.resolve("calib").resolve(sequence + ".txt");
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--kitti-calib " + dir + ": no calibration of sequence " + sequence
          + " (expected " + dir.resolve(sequence + ".txt") + " or " + dir.resolve("calib").resolve(sequence + ".txt") + ")");
    }
    Map<String, double[]> values = new HashMap<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    for (int i = 0; i < lines.size(); i++) {
      String[] t = lines.get(i).strip().split("\\s+");
      if (t.length < 2) {
        continue;
      }
      String key = t[0].endsWith(":") ? t[0].substring(0, t[0].length() - 1) : t[0];
      double[] v = new double[t.length - 1];
      for (int j = 1; j < t.length; j++) {
        try {
          v[j - 1] = Double.parseDouble(t[j]);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(file + ": line " + (i + 1) + ", " + key + "[" + (j - 1) + "]: '" + t[j]
              + "' is not a number", e);
        }
      }
      values.put(key, v);
    }
    double[] r = get(file, values, 9, "R0_rect", "R_rect");
    double[] tr = get(file, values, 12, "Tr_velo_to_cam", "Tr_velo_cam");
    double[] m = new double[12];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 4; j++) {
        double s = 0;
        for (int k = 0; k < 3; k++) {
          s += r[i * 3 + k] * tr[k * 4 + j];
        }
        m[i * 4 + j] = s;
      }
    }
    double[] p2 = values.containsKey("P2") && values.get("P2").length == 12 ? values.get("P2") : null;
    return new KittiCamera(file, m, p2);
  }

  private static double[] get(Path file, Map<String, double[]> values, int n, String... keys) {
    for (String k : keys) {
      if (values.containsKey(k)) {
        if (values.get(k).length != n) {
          throw new IllegalArgumentException(file + ": " + k + ": expected " + n + " numbers, got " + values.get(k).length);
        }
        return values.get(k);
      }
    }
    throw new IllegalArgumentException(file + ": missing " + keys[0] + " (or " + keys[1] + "), expected " + n + " numbers");
  }

  double[] point(double x, double y, double z) {
    return new double[] {m[0] * x + m[1] * y + m[2] * z + m[3], m[4] * x + m[5] * y + m[6] * z + m[7],
        m[8] * x + m[9] * y + m[10] * z + m[11]};
  }

  double[] direction(double x, double y, double z) {
    return new double[] {m[0] * x + m[1] * y + m[2] * z, m[4] * x + m[5] * y + m[6] * z, m[8] * x + m[9] * y + m[10] * z};
  }

  /**
   * The 2D box {@code [x1, y1, x2, y2]} of the 3D box (bottom centre {@code c} in camera coordinates, KITTI's
   * {@code h, w, l, ry}) projected with P2, not clipped to the image; null without P2 or when a corner is
   * behind the camera.
   */
  double[] project(double[] c, double h, double w, double l, double ry) {
    if (p2 == null) {
      return null;
    }
    double cos = Math.cos(ry);
    double sin = Math.sin(ry);
    double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    for (int i = 0; i < 8; i++) {
      double dx = ((i & 1) == 0 ? 0.5 : -0.5) * l;
      double dz = ((i & 2) == 0 ? 0.5 : -0.5) * w;
      double dy = (i & 4) == 0 ? 0 : -h;
      double x = c[0] + cos * dx + sin * dz;
      double y = c[1] + dy;
      double z = c[2] - sin * dx + cos * dz;
      double u = p2[0] * x + p2[1] * y + p2[2] * z + p2[3];
      double v = p2[4] * x + p2[5] * y + p2[6] * z + p2[7];
      double s = p2[8] * x + p2[9] * y + p2[10] * z + p2[11];
      if (!(s > 0.1)) {
        return null;
      }
      box[0] = Math.min(box[0], u / s);
      box[1] = Math.min(box[1], v / s);
      box[2] = Math.max(box[2], u / s);
      box[3] = Math.max(box[3], v / s);
    }
    return box;
  }
}
