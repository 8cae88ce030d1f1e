package dev.fleetmine.ingest;

/**
 * One ego state as an importer hands it over; derived columns (velocity, accel, jerk, yaw rate) are
 * computed at ingest from the sequence. {@code NaN} means "not given by the source".
 *
 * @param tsNs  timestamp, nanoseconds
 * @param x     log-local position, metres (0 when the log has no ego poses)
 * @param y     log-local position, metres
 * @param z     log-local height, metres
 * @param yaw   heading in radians, counter-clockwise from +x
 * @param speed speed over ground from a sensor (CAN, GNSS), m/s, or NaN to derive it from poses
 */
public record EgoSample(long tsNs, double x, double y, double z, double yaw, double speed) {
  public EgoSample {
    if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(z) || !Double.isFinite(yaw)) {
      throw new IllegalArgumentException("ego pose at ts " + tsNs + " is not finite: x=" + x + " y=" + y
          + " z=" + z + " yaw=" + yaw);
    }
  }

  /** A pose without a sensor speed. */
  public static EgoSample pose(long tsNs, double x, double y, double z, double yaw) {
    return new EgoSample(tsNs, x, y, z, yaw, Double.NaN);
  }
}
