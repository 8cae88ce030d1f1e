package dev.fleetmine.dataset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Leak-free splits: members are grouped (by log, by location, or by log and time bucket), and whole groups
 * are assigned to splits, so no group is ever in two splits.
 *
 * <p>Algorithm: groups are ordered largest first (member count), ties in an order drawn from the seed.
 * Without stratification each group goes to the split furthest below its target, {@code f_s * N - n_s}
 * (ties: the split listed first). With stratification each group belongs to one stratum, the rarest
 * scenario tag among its members (fewest members in the whole set; ties by name; {@code (untagged)} when
 * it has none), and goes to the split furthest below its target <em>within that stratum</em>,
 * {@code f_s * N_t - n_{s,t}}.
 *
 * <p>Guarantee (proved in docs/curation.md#splits, checked by SplitterProperties): without stratification
 * every split's size is within the largest group's size of its target, {@code |n_s - f_s N| <= max group};
 * with it, the same holds per stratum, so a split's size is within the sum over strata of each stratum's
 * largest group.
 */
public final class Splitter {
  /** The stratum of groups without any scenario tag. */
  public static final String UNTAGGED = "(untagged)";

  private Splitter() {}

  /** The group key of a member under {@code groupBy} (log, location, time:Nh). */
  public static String groupKey(Member m, String groupBy) {
    double hours = SplitSpec.groupHours(groupBy);
    if (groupBy.equals("location")) {
      return m.location() == null ? "log:" + m.logId() : "location:" + m.location();
    }
    if (hours > 0) {
      long bucket = Math.floorDiv(m.clip().startNs(), Math.round(hours * 3600e9));
      return "log:" + m.logId() + "#" + bucket;
    }
    return "log:" + m.logId();
  }

  /** Assigns every member (by clip id) to a split of {@code spec}. */
  public static Map<String, String> assign(List<Member> members, SplitSpec spec) {
    Map<String, List<Member>> groups = new TreeMap<>();
    for (Member m : members) {
      groups.computeIfAbsent(groupKey(m, spec.groupBy()), k -> new ArrayList<>()).add(m);
    }
    Map<String, Integer> tagCount = new HashMap<>();
    for (Member m : members) {
      m.tags().forEach(t -> tagCount.merge(t, 1, Integer::sum));
    }
    Map<String, String> stratum = new HashMap<>();
    Map<String, Integer> stratumSize = new HashMap<>();
    for (var g : groups.entrySet()) {
      String s = UNTAGGED;
      if (spec.stratify()) {
        s = g.getValue().stream().flatMap(m -> m.tags().stream()).distinct()
            .min(Comparator.comparingInt((String t) -> tagCount.get(t)).thenComparing(t -> t)).orElse(UNTAGGED);
      }
      stratum.put(g.getKey(), s);
      stratumSize.merge(s, g.getValue().size(), Integer::sum);
    }
    List<String> order = new ArrayList<>(groups.keySet());
    java.util.Collections.shuffle(order, new java.util.Random(spec.seed()));
    order.sort(Comparator.comparingInt((String k) -> -groups.get(k).size())); // stable: seed order within a size
    List<String> names = spec.names();
    Map<String, double[]> assigned = new HashMap<>(); // stratum -> members per split
    Map<String, String> out = new TreeMap<>();
    for (String key : order) {
      String s = stratum.get(key);
      double[] n = assigned.computeIfAbsent(s, k -> new double[names.size()]);
      int best = 0;
      double bestDeficit = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < names.size(); i++) {
        double deficit = spec.fractions().get(i).fraction() * stratumSize.get(s) - n[i];
        if (deficit > bestDeficit + 1e-9) {
          best = i;
          bestDeficit = deficit;
        }
      }
      n[best] += groups.get(key).size();
      for (Member m : groups.get(key)) {
        out.put(m.clipId(), names.get(best));
      }
    }
    return out;
  }
}
