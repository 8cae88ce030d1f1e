package dev.fleetmine.eval.forecast;

/**
 * Settings of the forecasting metrics.
 *
 * @param missThresholdM         an agent is a miss when its best mode's FDE is {@code >} this (Argoverse 2: 2.0 m)
 * @param normalizeProbabilities divide mode probabilities by their sum before brier-minFDE (Argoverse 2's
 *                               {@code normalize} flag, off by default there too)
 */
public record ForecastConfig(double missThresholdM, boolean normalizeProbabilities) {
  /** Argoverse 2's settings: 2.0 m, probabilities as given. */
  public static final ForecastConfig ARGOVERSE2 = new ForecastConfig(2.0, false);

  public ForecastConfig {
    if (!(missThresholdM >= 0) || Double.isInfinite(missThresholdM)) {
      throw new IllegalArgumentException("ForecastConfig.missThresholdM must be a finite number >= 0, got "
          + missThresholdM);
    }
  }
}
