package dev.fleetmine.eval.forecast;

import java.util.List;
import java.util.Objects;

/**
 * K predicted futures (modes) of one agent, at shared future timestamps, with optional mode probabilities.
 *
 * @param agent         the agent and forecast moment
 * @param tsNs          future timestamps the modes are given at, strictly increasing, nanoseconds
 * @param modes         K >= 1 trajectories, each one (x, y) per timestamp
 * @param probabilities one probability per mode in [0, 1] (as Argoverse 2 requires), or {@code null}
 */
public record Forecast(AgentKey agent, long[] tsNs, List<Mode> modes, double[] probabilities) {
  public Forecast {
    Objects.requireNonNull(agent, "Forecast.agent must not be null");
    String where = "Forecast(" + agent + ")";
    if (tsNs == null || tsNs.length == 0) {
      throw new IllegalArgumentException(where + ".tsNs must hold at least one timestamp");
    }
    Points.increasing(where, tsNs);
    if (modes == null || modes.isEmpty()) {
      throw new IllegalArgumentException(where + ".modes must hold at least one mode");
    }
    modes = List.copyOf(modes);
    for (int k = 0; k < modes.size(); k++) {
      Points.coordinates(where + ".modes[" + k + "]", "x", modes.get(k).x(), tsNs.length);
      Points.coordinates(where + ".modes[" + k + "]", "y", modes.get(k).y(), tsNs.length);
    }
    if (probabilities != null) {
      checkProbabilities(where, probabilities, modes.size());
    }
  }

  /** A forecast without mode probabilities. */
  public Forecast(AgentKey agent, long[] tsNs, List<Mode> modes) {
    this(agent, tsNs, modes, null);
  }

  private static void checkProbabilities(String where, double[] p, int k) {
    if (p.length != k) {
      throw new IllegalArgumentException(where + ".probabilities has " + p.length + " values, expected " + k
          + " (one per mode)");
    }
    for (int i = 0; i < p.length; i++) {
      if (!(p[i] >= 0 && p[i] <= 1)) {
        throw new IllegalArgumentException(where + ".probabilities[" + i + "] must be in [0, 1], got " + p[i]);
      }
    }
  }

  /**
   * One predicted trajectory.
   *
   * @param x x per timestamp of the forecast, metres
   * @param y y per timestamp of the forecast, metres
   */
  public record Mode(double[] x, double[] y) {}
}
