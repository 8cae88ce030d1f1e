package dev.fleetmine.eval.forecast;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Scores multi-modal forecasts against observed futures (Argoverse 2 motion-forecasting metrics): minADE,
 * minFDE, miss rate and brier-minFDE, per agent and averaged. See the package documentation for formulas.
 */
public final class ForecastEvaluator {
  private ForecastEvaluator() {}

  /** Evaluates with Argoverse 2's settings ({@link ForecastConfig#ARGOVERSE2}). */
  public static ForecastResult evaluate(List<Forecast> forecasts, List<ObservedTrack> observed) {
    return evaluate(forecasts, observed, ForecastConfig.ARGOVERSE2);
  }

  /**
   * Evaluates every forecast against the observed track of the same agent.
   *
   * @throws IllegalArgumentException for a null element or an agent present twice in either list, naming
   *                                  the list, the positions and the agent
   */
  public static ForecastResult evaluate(List<Forecast> forecasts, List<ObservedTrack> observed,
      ForecastConfig config) {
    Objects.requireNonNull(config, "config must not be null");
    Map<AgentKey, Integer> observedAt = index("observed", observed, ObservedTrack::agent);
    Map<AgentKey, Integer> forecastAt = index("forecasts", forecasts, Forecast::agent);
    List<AgentError> errors = new ArrayList<>();
    List<SkippedAgent> skipped = new ArrayList<>();
    for (Forecast f : forecasts) {
      Integer o = observedAt.get(f.agent());
      if (o == null || observed.get(o).tsNs().length == 0) {
        skipped.add(new SkippedAgent(f.agent(), SkippedAgent.Reason.NO_OBSERVED_FUTURE));
        continue;
      }
      AgentError e = score(f, observed.get(o), config);
      if (e == null) {
        skipped.add(new SkippedAgent(f.agent(), SkippedAgent.Reason.NO_COMMON_TIMESTAMPS));
      } else {
        errors.add(e);
      }
    }
    for (ObservedTrack t : observed) {
      if (!forecastAt.containsKey(t.agent())) {
        skipped.add(new SkippedAgent(t.agent(), SkippedAgent.Reason.NO_FORECAST));
      }
    }
    return aggregate(errors, skipped);
  }

  private static <T> Map<AgentKey, Integer> index(String name, List<T> items,
      java.util.function.Function<T, AgentKey> key) {
    Objects.requireNonNull(items, name + " must not be null");
    Map<AgentKey, Integer> at = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) == null) {
        throw new IllegalArgumentException(name + "[" + i + "] is null");
      }
      Integer prev = at.putIfAbsent(key.apply(items.get(i)), i);
      if (prev != null) {
        throw new IllegalArgumentException(name + "[" + i + "]: agent " + key.apply(items.get(i))
            + " already appears at " + name + "[" + prev + "]; expected one entry per agent");
      }
    }
    return at;
  }

  /** The agent's errors over the timestamps both sides have; null when they share none. */
  static AgentError score(Forecast f, ObservedTrack o, ForecastConfig config) {
    int[][] common = commonIndices(f.tsNs(), o.tsNs());
    int[] fi = common[0];
    int[] oi = common[1];
    int n = fi.length;
    if (n == 0) {
      return null;
    }
    int best = -1;
    double bestFde = Double.POSITIVE_INFINITY;
    for (int k = 0; k < f.modes().size(); k++) {
      Forecast.Mode m = f.modes().get(k);
      double fde = distance(m, fi[n - 1], o, oi[n - 1]);
      if (fde < bestFde) {
        best = k;
        bestFde = fde;
      }
    }
    Forecast.Mode m = f.modes().get(best);
    double sum = 0;
    for (int s = 0; s < n; s++) {
      sum += distance(m, fi[s], o, oi[s]);
    }
    double p = Double.NaN;
    double brier = Double.NaN;
    if (f.probabilities() != null) {
      p = probability(f, best, config.normalizeProbabilities());
      brier = bestFde + (1 - p) * (1 - p);
    }
    return new AgentError(f.agent(), f.modes().size(), n, f.tsNs()[fi[n - 1]], best, sum / n, bestFde,
        bestFde > config.missThresholdM(), p, brier);
  }

  private static double probability(Forecast f, int mode, boolean normalize) {
    double p = f.probabilities()[mode];
    if (!normalize) {
      return p;
    }
    double total = 0;
    for (double q : f.probabilities()) {
      total += q;
    }
    if (total <= 0) {
      throw new IllegalArgumentException("Forecast(" + f.agent() + ").probabilities sum to " + total
          + "; normalising needs a positive sum");
    }
    return p / total;
  }

  private static double distance(Forecast.Mode m, int i, ObservedTrack o, int j) {
    double dx = m.x()[i] - o.x()[j];
    double dy = m.y()[i] - o.y()[j];
    return Math.sqrt(dx * dx + dy * dy);
  }

  /** Positions of the timestamps present in both sorted arrays: {forecast indices, observed indices}. */
  static int[][] commonIndices(long[] a, long[] b) {
    int[] ia = new int[Math.min(a.length, b.length)];
    int[] ib = new int[ia.length];
    int n = 0;
    for (int i = 0, j = 0; i < a.length && j < b.length;) {
      if (a[i] == b[j]) {
        ia[n] = i++;
        ib[n++] = j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return new int[][] {java.util.Arrays.copyOf(ia, n), java.util.Arrays.copyOf(ib, n)};
  }

  private static ForecastResult aggregate(List<AgentError> errors, List<SkippedAgent> skipped) {
    double ade = 0;
    double fde = 0;
    int misses = 0;
    double brier = 0;
    int withP = 0;
    for (AgentError e : errors) {
      ade += e.minAde();
      fde += e.minFde();
      misses += e.miss() ? 1 : 0;
      if (!Double.isNaN(e.brierMinFde())) {
        brier += e.brierMinFde();
        withP++;
      }
    }
    int n = errors.size();
    double nan = Double.NaN;
    return new ForecastResult(errors, skipped, n == 0 ? nan : ade / n, n == 0 ? nan : fde / n,
        n == 0 ? nan : (double) misses / n, withP == 0 ? nan : brier / withP, withP);
  }
}
