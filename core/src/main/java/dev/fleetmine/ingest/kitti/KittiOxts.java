package dev.fleetmine.ingest.kitti;

import dev.fleetmine.ingest.IngestException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A sequence's GPS/IMU poses from {@code oxts/<seq>.txt}, one line per frame, converted the way the KITTI
 * devkit does ({@code convertOxtsToPose}): latitude/longitude to Mercator metres with the scale of the
 * first latitude, orientation {@code Rz(yaw) Ry(pitch) Rx(roll)} of the IMU frame (x forward, y left, z up).
 *
 * @param file    the oxts file
 * @param originX Mercator x of frame 0, metres (the log-local origin)
 * @param originY Mercator y of frame 0, metres
 * @param originZ altitude of frame 0, metres
 * @param scale   the Mercator scale cos(lat0)
 * @param lat0    latitude of frame 0, degrees
 * @param lon0    longitude of frame 0, degrees
 * @param poses   per frame, IMU to log-local (Mercator minus origin) coordinates
 * @param speeds  per frame, speed over ground hypot(vf, vl), m/s
 * @param yaws    per frame, heading counter-clockwise from east, radians
 */
record KittiOxts(Path file, double originX, double originY, double originZ, double scale, double lat0, double lon0,
    List<Affine3> poses, double[] speeds, double[] yaws) {
  static final List<String> FIELDS = List.of("lat", "lon", "alt", "roll", "pitch", "yaw", "vn", "ve", "vf", "vl",
      "vu", "ax", "ay", "az", "af", "al", "au", "wx", "wy", "wz", "wf", "wl", "wu", "posacc", "velacc", "navstat",
      "numsats", "posmode", "velmode", "orimode");
  private static final double EARTH_RADIUS = 6378137.0;

  /** Reads the oxts file if it exists, else null (the ego pose is then unknown). */
  static KittiOxts readIfPresent(Path file) {
    return Files.exists(file) ? read(file) : null;
  }

  /** Reads an oxts file; each non-blank line is one frame, in order. */
  static KittiOxts read(Path file) {
    List<String> lines = Fields.lines(file, "oxts file");
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        if (i != lines.size() - 1) {
          throw new IngestException(file, "line " + (i + 1), "blank line inside the file; expected one line per"
              + " frame, so a gap would shift every later frame");
        }
        continue;
      }
      String[] f = Fields.split(file, i + 1, lines.get(i), "\\s+", FIELDS);
      double[] v = new double[f.length];
      for (int j = 0; j < f.length; j++) {
        v[j] = Fields.number(file, i + 1, FIELDS.get(j), f[j]);
      }
      rows.add(v);
    }
    if (rows.isEmpty()) {
      throw new IngestException(file, "", "no oxts lines; expected one line per frame");
    }
    return convert(file, rows);
  }

  private static KittiOxts convert(Path file, List<double[]> rows) {
    double lat0 = rows.get(0)[0];
    double lon0 = rows.get(0)[1];
    double scale = Math.cos(Math.toRadians(lat0));
    double ox = mercatorX(scale, lon0);
    double oy = mercatorY(scale, lat0);
    double oz = rows.get(0)[2];
    List<Affine3> poses = new ArrayList<>(rows.size());
    double[] speeds = new double[rows.size()];
    double[] yaws = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      double[] r = rows.get(i);
      poses.add(Affine3.pose(r[3], r[4], r[5],
          mercatorX(scale, r[1]) - ox, mercatorY(scale, r[0]) - oy, r[2] - oz));
      speeds[i] = Math.hypot(r[8], r[9]);
      yaws[i] = r[5];
    }
    return new KittiOxts(file, ox, oy, oz, scale, lat0, lon0, List.copyOf(poses), speeds, yaws);
  }

  static double mercatorX(double scale, double lonDeg) {
    return scale * Math.toRadians(lonDeg) * EARTH_RADIUS;
  }

  static double mercatorY(double scale, double latDeg) {
    return scale * EARTH_RADIUS * Math.log(Math.tan(Math.PI * (90 + latDeg) / 360));
  }

  /** Number of frames (lines). */
  int frames() {
    return poses.size();
  }
}
