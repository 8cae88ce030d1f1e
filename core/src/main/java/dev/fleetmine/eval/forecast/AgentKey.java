package dev.fleetmine.eval.forecast;

import java.util.Objects;

/**
 * One forecast target: an agent (track) at the moment the forecast is made.
 *
 * @param logId   the log
 * @param tsNs    the timestamp the forecast is made at, nanoseconds
 * @param trackId the agent's track id
 */
public record AgentKey(String logId, long tsNs, String trackId) {
  public AgentKey {
    Objects.requireNonNull(logId, "AgentKey.logId must not be null");
    Objects.requireNonNull(trackId, "AgentKey.trackId must not be null");
  }

  @Override
  public String toString() {
    return logId + "@" + tsNs + "/" + trackId;
  }
}
