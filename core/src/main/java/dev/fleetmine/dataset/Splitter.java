package dev.fleetmine.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Leak-free splits: members are grouped (by log, by location, or by log and time bucket), and whole groups
 * are assigned to splits, so no group is ever in two splits.
 *
 * <p>A group weighs its members' frames ({@link SplitSpec.Weight#FRAMES}, the default) or its member count
 * ({@link SplitSpec.Weight#CLIPS}); a stratum whose groups weigh no frames at all is balanced by clips.
 * Algorithm: groups are ordered heaviest first, ties in an order drawn from the seed. Without stratification
 * each group goes to the split furthest below its target, {@code f_s * W - w_s} (ties: the split listed
 * first). With stratification each group belongs to one stratum, the rarest scenario tag among its members
 * (fewest members in the whole set; ties by name; {@code (untagged)} when it has none), and goes to the
 * split furthest below its target <em>within that stratum</em>, {@code f_s * W_t - w_{s,t}}.
 *
 * <p>Guarantee (proved in docs/curation.md#splits, checked by SplitterProperties): without stratification
 * every split's weight is within the heaviest group's weight of its target, {@code |w_s - f_s W| <= max
 * group}; with it, the same holds per stratum, so a split's weight is within the sum over strata of each
 * stratum's heaviest group.
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
    Map<String, String> stratum = strata(groups, spec.stratify());
    Map<String, Long> frameTotal = new HashMap<>();
    groups.forEach((k, g) -> frameTotal.merge(stratum.get(k), frames(g), Long::sum));
    // a stratum without frames (every member empty) is balanced by clips, else its groups would all weigh 0
    Map<String, Long> weight = new HashMap<>();
    Map<String, Long> stratumWeight = new HashMap<>();
    groups.forEach((k, g) -> {
      boolean byFrames = spec.weight() == SplitSpec.Weight.FRAMES && frameTotal.get(stratum.get(k)) > 0;
      weight.put(k, byFrames ? frames(g) : g.size());
      stratumWeight.merge(stratum.get(k), weight.get(k), Long::sum);
    });
    List<String> order = new ArrayList<>(groups.keySet());
    Collections.shuffle(order, new Random(spec.seed()));
    order.sort(Comparator.comparingLong((String k) -> -weight.get(k))); // stable: seed order within a weight
    List<String> names = spec.names();
    Map<String, double[]> assigned = new HashMap<>(); // stratum -> weight per split
    Map<String, String> out = new TreeMap<>();
    for (String key : order) {
      String s = stratum.get(key);
      double[] w = assigned.computeIfAbsent(s, k -> new double[names.size()]);
      int best = 0;
      double bestDeficit = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < names.size(); i++) {
        double deficit = spec.fractions().get(i).fraction() * stratumWeight.get(s) - w[i];
        if (deficit > bestDeficit + 1e-9) {
          best = i;
          bestDeficit = deficit;
        }
      }
      w[best] += weight.get(key);
      for (Member m : groups.get(key)) {
        out.put(m.clipId(), names.get(best));
      }
    }
    return out;
  }

  /** The stratum of each group: its rarest scenario tag when stratifying, else {@link #UNTAGGED} for all. */
  private static Map<String, String> strata(Map<String, List<Member>> groups, boolean stratify) {
    Map<String, Integer> tagCount = new HashMap<>();
    groups.values().forEach(g -> g.forEach(m -> m.tags().forEach(t -> tagCount.merge(t, 1, Integer::sum))));
    Map<String, String> stratum = new HashMap<>();
    groups.forEach((key, g) -> stratum.put(key, !stratify ? UNTAGGED : g.stream().flatMap(m -> m.tags().stream()).distinct()
        .min(Comparator.comparingInt((String t) -> tagCount.get(t)).thenComparing(t -> t)).orElse(UNTAGGED)));
    return stratum;
  }

  private static long frames(List<Member> group) {
    return group.stream().mapToLong(Member::frames).sum();
  }

  /**
   * Clips and frames per split of an assignment, in the spec's split order (a split without members is
   * listed with zeros).
   */
  public static Map<String, Size> sizes(List<Member> members, Map<String, String> assignment, SplitSpec spec) {
    Map<String, Size> out = new LinkedHashMap<>();
    spec.names().forEach(n -> out.put(n, new Size(0, 0)));
    for (Member m : members) {
      out.computeIfPresent(assignment.get(m.clipId()), (n, s) -> new Size(s.clips() + 1, s.frames() + m.frames()));
    }
    return out;
  }

  /**
   * The size of one split.
   *
   * @param clips  members
   * @param frames their frames (COCO: images)
   */
  public record Size(int clips, long frames) {}
}
