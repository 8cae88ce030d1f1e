package dev.fleetmine.eval.forecast;

/**
 * The errors of one agent's forecast, over the timestamps present in both the forecast and the observed
 * future.
 *
 * @param agent           the agent
 * @param modes           K, the number of modes
 * @param steps           timestamps compared (present in both forecast and observed future)
 * @param finalTsNs       the last compared timestamp, where FDE is measured
 * @param bestMode        the mode of least FDE (the first on ties), as Argoverse 2 chooses it
 * @param minAde          ADE of {@code bestMode}: mean distance over the compared timestamps
 * @param minFde          FDE of {@code bestMode}: the distance at {@code finalTsNs}
 * @param miss            {@code minFde > missThresholdM}
 * @param bestProbability {@code bestMode}'s probability (normalised when configured), NaN without probabilities
 * @param brierMinFde     {@code minFde + (1 - bestProbability)^2}, NaN without probabilities
 */
public record AgentError(AgentKey agent, int modes, int steps, long finalTsNs, int bestMode, double minAde,
    double minFde, boolean miss, double bestProbability, double brierMinFde) {

  /** The value of {@code metric} for this agent. */
  public double value(ForecastMetric metric) {
    return switch (metric) {
      case MIN_ADE -> minAde;
      case MIN_FDE -> minFde;
      case BRIER_MIN_FDE -> brierMinFde;
    };
  }
}
