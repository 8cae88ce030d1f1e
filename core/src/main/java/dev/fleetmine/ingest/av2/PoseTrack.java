package dev.fleetmine.ingest.av2;

import static dev.fleetmine.ingest.av2.FeatherTable.Kind.FLOAT;
import static dev.fleetmine.ingest.av2.FeatherTable.Kind.INT64;

import dev.fleetmine.ingest.IngestException;
import dev.fleetmine.ingest.av2.FeatherTable.Spec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The ego's city-frame poses of one log ({@code city_SE3_egovehicle.feather}, about 170 Hz), interpolated
 * to any timestamp inside their range. Extrapolating is refused: a sensor timestamp outside the pose
 * range means the log is cut short, and guessing a pose would silently misplace every box.
 */
final class PoseTrack {
  /** Quaternions further than this from unit length are not rotations, whatever the source meant. */
  private static final double NORM_TOLERANCE = 1e-3;

  static final List<Spec> COLUMNS = List.of(new Spec("timestamp_ns", INT64),
      new Spec("qw", FLOAT), new Spec("qx", FLOAT), new Spec("qy", FLOAT), new Spec("qz", FLOAT),
      new Spec("tx_m", FLOAT), new Spec("ty_m", FLOAT), new Spec("tz_m", FLOAT));

  private final Path file;
  private final String source;
  private final long[] timestamps;
  private final Se3[] poses;

  private PoseTrack(Path file, String source, long[] timestamps, Se3[] poses) {
    this.file = file;
    this.source = source;
    this.timestamps = timestamps;
    this.poses = poses;
  }

  /** Reads and validates a pose file: strictly increasing timestamps, unit quaternions. */
  static PoseTrack read(Path file) {
    FeatherTable t = FeatherTable.read(file, COLUMNS);
    if (t.rows() == 0) {
      throw new IngestException(file, "", "has no poses; expected at least one row");
    }
    long[] ts = t.longs("timestamp_ns");
    for (int i = 1; i < ts.length; i++) {
      if (ts[i] <= ts[i - 1]) {
        throw new IngestException(file, "record " + i + " column timestamp_ns", "is " + ts[i]
            + " after " + ts[i - 1] + "; expected strictly increasing timestamps");
      }
    }
    return of(file, "the pose", ts, poses(t));
  }

  /**
   * A track of checked poses at strictly increasing timestamps, read from {@code file}; {@code source} names
   * them in messages ("the pose" range, "the EGO_VEHICLE rows" range).
   */
  static PoseTrack of(Path file, String source, long[] timestamps, Se3[] poses) {
    if (timestamps.length == 0 || timestamps.length != poses.length) {
      throw new IllegalArgumentException(timestamps.length + " timestamps, " + poses.length + " poses");
    }
    return new PoseTrack(file, source, timestamps.clone(), poses.clone());
  }

  /** The rigid transforms in columns qw, qx, qy, qz, tx_m, ty_m, tz_m of every row, checked and normalized. */
  static Se3[] poses(FeatherTable t) {
    double[] qw = t.doubles("qw");
    double[] qx = t.doubles("qx");
    double[] qy = t.doubles("qy");
    double[] qz = t.doubles("qz");
    double[] x = t.doubles("tx_m");
    double[] y = t.doubles("ty_m");
    double[] z = t.doubles("tz_m");
    Se3[] poses = new Se3[t.rows()];
    for (int i = 0; i < poses.length; i++) {
      poses[i] = unit(t.file(), i, new Se3(qw[i], qx[i], qy[i], qz[i], x[i], y[i], z[i]));
    }
    return poses;
  }

  /** {@code p} with its quaternion normalized, after checking that it is a rotation at all. */
  static Se3 unit(Path file, int record, Se3 p) {
    if (Math.abs(p.quaternionNorm() - 1) > NORM_TOLERANCE) {
      throw new IngestException(file, "record " + record + " columns qw,qx,qy,qz", "have norm "
          + p.quaternionNorm() + "; expected a unit quaternion");
    }
    return p.normalized();
  }

  /** The pose at {@code tsNs}; {@code usedBy} names what needs it, for the error message. */
  Se3 at(long tsNs, String usedBy) {
    int i = Arrays.binarySearch(timestamps, tsNs);
    if (i >= 0) {
      return poses[i];
    }
    int next = -i - 1;
    if (next == 0 || next == timestamps.length) {
      throw new IngestException(file, "timestamp_ns " + tsNs + " (" + usedBy + ")", "is outside " + source + " range ["
          + timestamps[0] + ", " + timestamps[timestamps.length - 1] + "]; expected a pose on either side to interpolate");
    }
    long t0 = timestamps[next - 1];
    long t1 = timestamps[next];
    return Se3.interpolate(poses[next - 1], poses[next], (double) (tsNs - t0) / (t1 - t0));
  }
}
