package dev.fleetmine.eval.forecast;

import java.util.Objects;

/**
 * Where an agent actually went after the forecast moment: its observed future positions. May be empty
 * (the agent left the sensors' view); such an agent is skipped and reported.
 *
 * @param agent the agent and forecast moment
 * @param tsNs  observed timestamps, strictly increasing, nanoseconds
 * @param x     observed x per timestamp, metres (same frame as the forecast)
 * @param y     observed y per timestamp, metres
 */
public record ObservedTrack(AgentKey agent, long[] tsNs, double[] x, double[] y) {
  public ObservedTrack {
    Objects.requireNonNull(agent, "ObservedTrack.agent must not be null");
    String where = "ObservedTrack(" + agent + ")";
    if (tsNs == null) {
      throw new IllegalArgumentException(where + ".tsNs must not be null");
    }
    Points.increasing(where, tsNs);
    Points.coordinates(where, "x", x, tsNs.length);
    Points.coordinates(where, "y", y, tsNs.length);
  }
}
