package dev.fleetmine.eval.forecast;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Forecasting metrics per agent and averaged over the scored agents.
 *
 * @param agents            per-agent errors of every scored agent, in forecast-list order
 * @param skipped           agents not scored, and why
 * @param minAde            mean minADE over scored agents (NaN when none)
 * @param minFde            mean minFDE over scored agents (NaN when none)
 * @param missRate          fraction of scored agents that are misses (NaN when none)
 * @param brierMinFde       mean brier-minFDE over scored agents that have probabilities (NaN when none has)
 * @param withProbabilities scored agents that have probabilities
 */
public record ForecastResult(List<AgentError> agents, List<SkippedAgent> skipped, double minAde, double minFde,
    double missRate, double brierMinFde, int withProbabilities) {
  public ForecastResult {
    agents = List.copyOf(agents);
    skipped = List.copyOf(skipped);
  }

  /**
   * Scored agents by descending {@code metric}, the worst first (ties in forecast-list order); agents
   * without a value for it (brier-minFDE without probabilities) are left out.
   */
  public List<AgentError> worst(ForecastMetric metric) {
    List<AgentError> out = new ArrayList<>();
    for (AgentError a : agents) {
      if (!Double.isNaN(a.value(metric))) {
        out.add(a);
      }
    }
    out.sort(Comparator.comparingDouble((AgentError a) -> a.value(metric)).reversed());
    return out;
  }

  /** The {@code limit} worst agents by {@code metric}. */
  public List<AgentError> worst(ForecastMetric metric, int limit) {
    List<AgentError> all = worst(metric);
    return List.copyOf(all.subList(0, Math.min(limit, all.size())));
  }
}
