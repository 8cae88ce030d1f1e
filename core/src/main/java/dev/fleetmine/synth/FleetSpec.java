package dev.fleetmine.synth;

/**
 * What fleet to synthesize. The fleet is cut into logs of {@code logMinutes} (the last one shorter) at
 * 10 Hz, so it holds exactly {@code round(hours * 36000)} ego frames.
 *
 * @param hours         total driving time
 * @param seed          everything generated is a pure function of the spec, seed included
 * @param logMinutes    length of one log
 * @param objectDensity mean number of background objects around the ego per frame (scenario actors come on top)
 */
public record FleetSpec(double hours, long seed, double logMinutes, double objectDensity) {
  /** Frames per second of every synthetic log. */
  public static final int HZ = 10;

  public FleetSpec {
    if (!(hours > 0) || !Double.isFinite(hours)) {
      throw new IllegalArgumentException("hours must be a positive number, got " + hours);
    }
    if (!(logMinutes >= 1) || !Double.isFinite(logMinutes)) {
      throw new IllegalArgumentException("logMinutes must be at least 1, got " + logMinutes);
    }
    if (!(objectDensity >= 0) || objectDensity > 500) {
      throw new IllegalArgumentException("objectDensity must be in [0, 500], got " + objectDensity);
    }
  }

  /** Ten-minute logs with about 15 objects per frame. */
  public static FleetSpec of(double hours, long seed) {
    return new FleetSpec(hours, seed, 10, 15);
  }

  public FleetSpec withLogMinutes(double minutes) {
    return new FleetSpec(hours, seed, minutes, objectDensity);
  }

  public FleetSpec withObjectDensity(double density) {
    return new FleetSpec(hours, seed, logMinutes, density);
  }

  /** Ego frames of the whole fleet. */
  public long totalFrames() {
    return Math.round(hours * 3600 * HZ);
  }

  /** Ego frames of a full log. */
  public long framesPerLog() {
    return Math.max(1, Math.round(logMinutes * 60 * HZ));
  }

  /** Number of logs. */
  public int logCount() {
    long n = (totalFrames() + framesPerLog() - 1) / framesPerLog();
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("too many logs: " + n);
    }
    return (int) n;
  }

  /** Ego frames of log {@code index} (every log is full but possibly the last). */
  public long framesOfLog(int index) {
    long start = index * framesPerLog();
    return Math.min(framesPerLog(), totalFrames() - start);
  }

  /** The id of log {@code index}: {@code synth-<seed>-<index as 5 digits>}. */
  public String logId(int index) {
    return "synth-" + seed + "-" + String.format("%05d", index);
  }
}
