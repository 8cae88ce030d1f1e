/**
 * Motion-forecasting metrics over in-memory records, as Argoverse 2 defines them
 * (av2-api {@code src/av2/datasets/motion_forecasting/eval/metrics.py}; github.com/argoverse/av2-api):
 * {@link dev.fleetmine.eval.forecast.Forecast}s of K modes per agent against each agent's
 * {@link dev.fleetmine.eval.forecast.ObservedTrack}, scored by
 * {@link dev.fleetmine.eval.forecast.ForecastEvaluator#evaluate}.
 *
 * <p>Only timestamps present in both the forecast and the observed future count (matched exactly, in
 * nanoseconds); the last of them is where FDE is measured. For mode k, {@code d_k(t) = sqrt((x_k(t) -
 * x(t))^2 + (y_k(t) - y(t))^2)}, {@code ADE_k} is its mean over the compared timestamps and {@code FDE_k}
 * its value at the last one. The best mode is the one of least FDE (the first on ties), as Argoverse 2
 * chooses it; {@code minFDE = FDE_best} and {@code minADE = ADE_best}: the ADE of the best-FDE mode, which
 * can exceed the least ADE of any mode. An agent is a miss when {@code minFDE > 2.0 m} (configurable).
 * With mode probabilities, {@code brier-minFDE = minFDE + (1 - p_best)^2}; probabilities must lie in
 * [0, 1] and are used as given unless normalisation is asked for (av2's {@code normalize} flag).
 *
 * <p>Aggregates are plain means over scored agents (brier-minFDE over those with probabilities). An agent
 * without observed future, or whose future shares no timestamp with its forecast, is skipped and reported,
 * as is an observed agent without a forecast; per-agent errors can be listed worst first.
 */
package dev.fleetmine.eval.forecast;
