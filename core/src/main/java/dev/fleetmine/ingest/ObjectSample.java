package dev.fleetmine.ingest;

import static java.util.Objects.requireNonNull;

/**
 * One observed or predicted object at one timestamp, in the log-local frame (or the ego frame when the
 * log has no ego poses). {@code NaN} for vx/vy means "derive from the track"; for score, "ground truth".
 *
 * @param tsNs     timestamp; an ego sample with the same timestamp must exist in the log
 * @param source   {@code gt} or the model as name or name@version
 * @param trackId  stable id within (log, source), or null for untracked detections
 * @param category normalized category, see {@link Category}
 * @param rawLabel the source's label verbatim
 * @param x        box centre x, metres
 * @param y        box centre y, metres
 * @param z        box centre z, metres
 * @param length   box length, metres
 * @param width    box width, metres
 * @param height   box height, metres
 * @param yaw      box heading, radians
 * @param vx       velocity x, m/s, or NaN
 * @param vy       velocity y, m/s, or NaN
 * @param score    detection score, or NaN for ground truth
 */
public record ObjectSample(long tsNs, String source, String trackId, Category category, String rawLabel,
    double x, double y, double z, double length, double width, double height, double yaw,
    double vx, double vy, double score) {
  /** The source name of ground-truth rows. */
  public static final String GROUND_TRUTH = "gt";

  public ObjectSample {
    requireNonNull(source, "source is null");
    requireNonNull(category, "category is null");
    requireNonNull(rawLabel, "rawLabel is null");
    if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(z) || !Double.isFinite(yaw)) {
      throw new IllegalArgumentException("object " + trackId + " at ts " + tsNs + " has a non-finite pose: x="
          + x + " y=" + y + " z=" + z + " yaw=" + yaw);
    }
  }

  /** A ground-truth box with unknown velocity. */
  public static ObjectSample groundTruth(long tsNs, String trackId, Category category, String rawLabel,
      double x, double y, double z, double length, double width, double height, double yaw) {
    return new ObjectSample(tsNs, GROUND_TRUTH, trackId, category, rawLabel, x, y, z, length, width, height, yaw,
        Double.NaN, Double.NaN, Double.NaN);
  }
}
