package dev.fleetmine.eval.det3d;

import java.util.Objects;

/**
 * One annotated moment: a log and a timestamp. Ground truth and detections are matched only within the same
 * sample.
 *
 * @param logId the log
 * @param tsNs  the sensor timestamp in nanoseconds
 */
public record SampleKey(String logId, long tsNs) {
  public SampleKey {
    Objects.requireNonNull(logId, "SampleKey.logId must not be null");
  }

  @Override
  public String toString() {
    return logId + "@" + tsNs;
  }
}
