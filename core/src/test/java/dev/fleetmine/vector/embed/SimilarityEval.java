package dev.fleetmine.vector.embed;

import dev.fleetmine.query.Clip;
import dev.fleetmine.synth.InjectedScenario;
import dev.fleetmine.synth.ScenarioType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Precision@k of exact cosine neighbours of injected-scenario windows, per scenario type. */
record SimilarityEval(Map<ScenarioType, double[]> perType) {
  // per type: [p@k among scenarios, p@k against sliding windows, queries, share of sliding windows showing the type]
  static final int K = 10;

  /** Precision@k per type among the other scenario windows, and against the sliding windows alone. */
  static SimilarityEval measure(List<InjectedScenario> truth, float[][] truthVectors, WindowEmbeddings sliding) {
    Map<ScenarioType, double[]> sums = new EnumMap<>(ScenarioType.class);
    float[][] pool = sliding.vectors();
    for (int i = 0; i < truth.size(); i++) {
      InjectedScenario q = truth.get(i);
      int qi = i;
      // the scenario itself and anything overlapping it (a co-recorded type, a cut-in's pass) is the same event
      int[] nn = ExactKnn.nearest(truthVectors[i], truthVectors, K, j -> j == qi || overlaps(q, truth.get(j)));
      int same = 0;
      for (int j : nn) {
        same += truth.get(j).type() == q.type() ? 1 : 0;
      }
      int[] nd = ExactKnn.nearest(truthVectors[i], pool, K, j -> overlaps(q, sliding.windows().get(j)));
      int relevant = 0;
      for (int j : nd) {
        relevant += covers(sliding.windows().get(j), q.type(), truth) ? 1 : 0;
      }
      double[] s = sums.computeIfAbsent(q.type(), t -> new double[4]);
      s[0] += (double) same / K;
      s[1] += (double) relevant / K;
      s[2] += 1;
    }
    for (Map.Entry<ScenarioType, double[]> e : sums.entrySet()) {
      long showing = sliding.windows().stream().filter(w -> covers(w, e.getKey(), truth)).count();
      e.getValue()[3] = (double) showing / sliding.size();
    }
    sums.values().forEach(s -> {
      s[0] /= s[2];
      s[1] /= s[2];
    });
    return new SimilarityEval(sums);
  }

  static boolean overlaps(InjectedScenario a, InjectedScenario b) {
    return a.logId().equals(b.logId()) && a.startNs() <= b.endNs() && b.startNs() <= a.endNs();
  }

  static boolean overlaps(InjectedScenario a, Clip w) {
    return a.logId().equals(w.logId()) && a.startNs() <= w.endNs() && w.startNs() <= a.endNs();
  }

  /** A window shows a type when it overlaps one of its truth intervals by half the shorter of the two. */
  static boolean covers(Clip w, ScenarioType type, List<InjectedScenario> truth) {
    for (InjectedScenario t : truth) {
      if (t.type() == type && t.logId().equals(w.logId())) {
        long overlap = Math.min(t.endNs(), w.endNs()) - Math.max(t.startNs(), w.startNs());
        if (overlap >= 0.5 * Math.min(t.endNs() - t.startNs(), w.endNs() - w.startNs())) {
          return true;
        }
      }
    }
    return false;
  }

  /** Mean over types of precision among scenario windows (index 0) or against sliding windows (1). */
  double macro(int metric) {
    return perType.values().stream().mapToDouble(s -> s[metric]).average().orElse(0);
  }

  /** A markdown table: type, count, precision among scenarios, precision against sliding windows. */
  String table() {
    StringBuilder b = new StringBuilder("| type | windows | p@10 scenarios | p@10 sliding | sliding base rate |\n|---|---|---|---|---|\n");
    perType.forEach((t, s) -> b.append(String.format("| %s | %d | %.3f | %.3f | %.3f |%n", t.sqlName(), (int) s[2], s[0], s[1], s[3])));
    b.append(String.format("| macro mean | | %.3f | %.3f |%n", macro(0), macro(1)));
    return b.toString();
  }
}
