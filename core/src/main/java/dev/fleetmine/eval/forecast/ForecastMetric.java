package dev.fleetmine.eval.forecast;

/** A per-agent error agents can be ranked by. */
public enum ForecastMetric {
  /** ADE of the best-FDE mode. */
  MIN_ADE,
  /** FDE of the best-FDE mode. */
  MIN_FDE,
  /** minFDE plus {@code (1 - p_best)^2}; agents without probabilities have none. */
  BRIER_MIN_FDE
}
