package dev.fleetmine.select;

import dev.fleetmine.query.ClipRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Combines strategy terms over in-memory candidate arrays into picks (no lake involved).
 *
 * <ol>
 *   <li>Each scored term is min-max normalized over the candidates (all equal: 0) and the weighted sum is
 *       the combined score; candidates are ranked by it, best first, ties by candidate index.</li>
 *   <li>With a {@link Balance}, the budget is filled toward its targets from that ranking.</li>
 *   <li>Else with {@code diversity}, k-center greedy picks from the {@link #POOL_FACTOR} x budget best
 *       ranked candidates (all of them when diversity is the only term), starting from the labeled points
 *       when there are any, else from the best-ranked candidate (a seeded random one when diversity is the
 *       only term).</li>
 *   <li>Else the top of the ranking.</li>
 * </ol>
 *
 * <p>Whatever the strategy, a pick removes every candidate that overlaps it ({@link Overlaps}): the picks
 * never share a frame, and a selection may hold fewer clips than its budget when its candidates overlap
 * (the sliding windows of {@code --from-windows}, or tags written by older versions).
 */
public final class Selector {
  /** Diversity stage pool: this many times the budget of the best-scored candidates. */
  public static final int POOL_FACTOR = 4;

  private Selector() {}

  /**
   * The inputs.
   *
   * @param count      number of candidates
   * @param scores     per scored term key ({@link Strategy.Term#key()}): one raw score per candidate
   * @param embeddings per candidate (diversity only; else null)
   * @param labeled    embeddings of already-labeled clips, initial centres for diversity (may be empty)
   * @param groups     per candidate its groups (balance only; else null)
   * @param clips      per candidate its position, so that overlapping candidates are never both picked; null when
   *                   the candidates are known not to overlap
   */
  public record Inputs(int count, Map<String, double[]> scores, float[][] embeddings, float[][] labeled,
      List<Set<String>> groups, List<ClipRef> clips) {
    public Inputs {
      if (clips != null && clips.size() != count) {
        throw new IllegalArgumentException(clips.size() + " clip positions for " + count + " candidates");
      }
    }

    /** Inputs of candidates that do not overlap. */
    public Inputs(int count, Map<String, double[]> scores, float[][] embeddings, float[][] labeled, List<Set<String>> groups) {
      this(count, scores, embeddings, labeled, groups, null);
    }

    /** The candidates overlapping candidate {@code i}. */
    IntFunction<int[]> overlaps() {
      if (clips == null) {
        return i -> new int[0];
      }
      Overlaps o = new Overlaps(clips);
      return o::of;
    }
  }

  /** One pick: candidate index, combined score, raw component scores. */
  public record Pick(int index, double score, Map<String, Double> components) {}

  public static List<Pick> select(Strategy strategy, Balance balance, Inputs in, int budget, long seed, int threads,
      IntConsumer progress) {
    if (budget < 1) {
      throw new IllegalArgumentException("budget must be >= 1, got " + budget);
    }
    int n = in.count();
    double[] combined = new double[n];
    for (Strategy.Term t : strategy.scored()) {
      double[] raw = in.scores().get(t.key());
      if (raw == null || raw.length != n) {
        throw new IllegalArgumentException("no scores for strategy term " + t.key());
      }
      double[] norm = minMax(raw);
      for (int i = 0; i < n; i++) {
        combined[i] += t.weight() * norm[i];
      }
    }
    int[] order = IntStream.range(0, n).boxed()
        .sorted(Comparator.<Integer>comparingDouble(i -> -combined[i]).thenComparingInt(i -> i))
        .mapToInt(Integer::intValue).toArray();
    List<Integer> picked = new ArrayList<>();
    Map<Integer, Double> distance = new LinkedHashMap<>();
    boolean diversityOnly = strategy.scored().isEmpty();
    IntFunction<int[]> overlaps = in.overlaps();
    if (balance != null) {
      if (strategy.has("diversity")) {
        throw new IllegalArgumentException("--balance and the diversity strategy cannot be combined: balance fills quotas"
            + " from a ranking, diversity picks by distance; use one");
      }
      picked.addAll(balance.fill(order, in.groups(), budget, overlaps));
    } else if (strategy.has("diversity")) {
      int[] pool = diversityOnly ? IntStream.range(0, n).toArray()
          : Arrays.copyOf(order, Math.min(n, (int) Math.min(Integer.MAX_VALUE, (long) POOL_FACTOR * budget)));
      float[][] rows = new float[pool.length + in.labeled().length][];
      for (int i = 0; i < pool.length; i++) {
        rows[i] = in.embeddings()[pool[i]];
      }
      int[] initial = new int[in.labeled().length];
      for (int i = 0; i < initial.length; i++) {
        rows[pool.length + i] = in.labeled()[i];
        initial[i] = pool.length + i;
      }
      int first = diversityOnly ? new SplittableRandom(seed).nextInt(pool.length) : 0;
      KCenterGreedy.Result r = KCenterGreedy.select(KCenterGreedy.Points.of(rows), initial, first,
          Math.min(budget, pool.length), threads, progress, inPool(pool, n, overlaps));
      for (int i = 0; i < r.picks().length; i++) {
        int c = pool[r.picks()[i]];
        picked.add(c);
        if (Float.isFinite(r.radius()[i])) {
          distance.put(c, Math.sqrt(r.radius()[i]));
        }
      }
    } else {
      boolean[] removed = new boolean[n];
      for (int i = 0; i < n && picked.size() < budget; i++) {
        if (!removed[order[i]]) {
          picked.add(order[i]);
          for (int o : overlaps.apply(order[i])) {
            removed[o] = true;
          }
        }
      }
    }
    List<Pick> out = new ArrayList<>();
    for (int c : picked) {
      Map<String, Double> comp = new LinkedHashMap<>();
      for (Strategy.Term t : strategy.scored()) {
        comp.put(t.key(), in.scores().get(t.key())[c]);
      }
      if (distance.containsKey(c)) {
        comp.put("diversity", distance.get(c));
      }
      double score = diversityOnly ? distance.getOrDefault(c, Double.MAX_VALUE) : combined[c];
      out.add(new Pick(c, score, comp));
    }
    return out;
  }

  /** {@code overlaps} in pool positions: the pool members overlapping pool member {@code p}. */
  private static IntFunction<int[]> inPool(int[] pool, int n, IntFunction<int[]> overlaps) {
    int[] position = new int[n];
    Arrays.fill(position, -1);
    for (int p = 0; p < pool.length; p++) {
      position[pool[p]] = p;
    }
    return p -> Arrays.stream(overlaps.apply(pool[p])).map(c -> position[c]).filter(q -> q >= 0).toArray();
  }

  /** {@code (x - min) / (max - min)}; all 0 when every value is equal. */
  public static double[] minMax(double[] raw) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : raw) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    double[] out = new double[raw.length];
    if (hi > lo) {
      for (int i = 0; i < raw.length; i++) {
        out[i] = (raw[i] - lo) / (hi - lo);
      }
    }
    return out;
  }
}
