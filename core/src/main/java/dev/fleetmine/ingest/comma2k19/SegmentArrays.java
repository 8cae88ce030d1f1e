package dev.fleetmine.ingest.comma2k19;

import dev.fleetmine.ingest.IngestException;
import dev.fleetmine.ingest.npy.NpyArray;
import dev.fleetmine.ingest.npy.NpyReader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The arrays of one comma2k19 segment that the importer uses, read and checked for consistent shapes,
 * finite values and increasing times.
 *
 * @param times         global_pose/frame_times, seconds, strictly increasing
 * @param positions     global_pose/frame_positions, (n, 3) ECEF metres
 * @param orientations  global_pose/frame_orientations, (n, 4) quaternions (w, x, y, z), body to ECEF
 * @param canTimes      processed_log/CAN/speed/t, seconds, non-decreasing
 * @param canSpeeds     processed_log/CAN/speed/value, m/s
 * @param gpsWeek       GPS week of the first frame, or -1 when frame_gps_times is absent
 * @param gpsTimeOfWeek GPS time of week of the first frame, seconds, or NaN
 */
record SegmentArrays(double[] times, NpyArray positions, NpyArray orientations, double[] canTimes,
    double[] canSpeeds, long gpsWeek, double gpsTimeOfWeek) {

  /** Reads and validates the arrays under a segment directory. */
  static SegmentArrays read(Path segment) {
    Path pose = segment.resolve("global_pose");
    Path can = segment.resolve("processed_log/CAN/speed");
    NpyArray times = NpyReader.read(pose.resolve("frame_times")).requireShape(-1);
    int n = times.dim(0);
    if (n == 0) {
      throw new IngestException(times.file(), "shape", "expected at least one frame, got shape (0,)");
    }
    NpyArray positions = NpyReader.read(pose.resolve("frame_positions")).requireShape(n, 3);
    NpyArray orientations = NpyReader.read(pose.resolve("frame_orientations")).requireShape(n, 4);
    requireFinite(positions);
    requireUnitQuaternions(orientations);
    double[] t = increasing(times, true);
    NpyArray canT = NpyReader.read(can.resolve("t")).requireShape(-1);
    int m = canT.dim(0);
    if (m == 0) {
      throw new IngestException(canT.file(), "shape", "expected at least one CAN speed sample, got shape (0,)");
    }
    NpyArray canV = NpyReader.read(can.resolve("value"));
    if (canV.rank() == 2) {
      canV.requireShape(m, 1);
    } else {
      canV.requireShape(m);
    }
    requireFinite(canV);
    long week = -1;
    double tow = Double.NaN;
    Path gps = pose.resolve("frame_gps_times");
    if (Files.exists(gps)) {
      NpyArray g = NpyReader.read(gps).requireShape(n, 2);
      week = g.getLong(0);
      tow = g.getDouble(0, 1);
    }
    return new SegmentArrays(t, positions, orientations, increasing(canT, false), canV.toDoubleArray(), week, tow);
  }

  /** The values of a 1-d time array, checked finite and (strictly or weakly) increasing. */
  private static double[] increasing(NpyArray a, boolean strict) {
    double[] v = a.toDoubleArray();
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw new IngestException(a.file(), "element " + i, "expected a finite time in seconds, got " + v[i]);
      }
      if (i > 0 && (strict ? v[i] <= v[i - 1] : v[i] < v[i - 1])) {
        throw new IngestException(a.file(), "element " + i, "expected times to " + (strict ? "strictly " : "")
            + "increase, got " + v[i] + " after " + v[i - 1]);
      }
    }
    return v;
  }

  private static void requireFinite(NpyArray a) {
    for (long i = 0; i < a.size(); i++) {
      if (!Double.isFinite(a.getDouble(i))) {
        throw new IngestException(a.file(), "element " + i, "expected a finite number, got " + a.getDouble(i));
      }
    }
  }

  /** Rejects quaternions that are far from unit length: they are not rotations, so yaw would be wrong. */
  private static void requireUnitQuaternions(NpyArray q) {
    for (int i = 0; i < q.dim(0); i++) {
      double norm = 0;
      for (int j = 0; j < 4; j++) {
        double c = q.getDouble(i, j);
        norm += c * c;
      }
      if (!(Math.abs(Math.sqrt(norm) - 1) < 1e-3)) {
        throw new IngestException(q.file(), "row " + i, "expected a unit quaternion (w, x, y, z), got norm "
            + Math.sqrt(norm));
      }
    }
  }
}
