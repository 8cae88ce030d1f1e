package dev.fleetmine.select;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * Fills a budget toward target shares per group (scenario tag or object class). Each group's quota is
 * {@code floor(budget * share)}; with equal shares (no explicit targets) the seats left by rounding go to
 * the groups with the largest remainders (ties by name). Then, repeatedly, the group furthest below its
 * quota (ties by name) takes its best-ranked candidate not yet taken; a candidate in several groups counts
 * toward each. A group with no candidates left drops out. Budget left when every quota is met or dropped
 * (explicit shares summing below 1, exhausted groups) goes to the best-ranked remaining candidates of any
 * group.
 *
 * @param key    what groups are made of: {@code tag} or {@code class}
 * @param shares explicit target shares per group (summing to at most 1), or empty for equal shares over
 *               the groups present among the candidates
 */
public record Balance(String key, Map<String, Double> shares) {
  public Balance {
    if (!key.equals("tag") && !key.equals("class")) {
      throw new IllegalArgumentException("unknown balance key '" + key + "'; valid: tag, class (e.g. --balance tag or "
          + "--balance tag:cut_in=0.3,hard_brake=0.2)");
    }
    shares = new TreeMap<>(shares);
    double sum = 0;
    for (Map.Entry<String, Double> e : shares.entrySet()) {
      if (!(e.getValue() >= 0 && e.getValue() <= 1)) {
        throw new IllegalArgumentException("balance share of '" + e.getKey() + "' must be in [0, 1], got " + e.getValue());
      }
      sum += e.getValue();
    }
    if (sum > 1 + 1e-9) {
      throw new IllegalArgumentException("balance shares sum to " + sum + ", more than 1");
    }
  }

  /** Parses {@code tag}, {@code class}, or {@code KEY:GROUP=SHARE,...}. */
  public static Balance parse(String spec) {
    int colon = spec.indexOf(':');
    String key = (colon < 0 ? spec : spec.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
    Map<String, Double> shares = new LinkedHashMap<>();
    if (colon >= 0) {
      for (String part : spec.substring(colon + 1).split(",")) {
        int eq = part.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("balance target '" + part + "' in '" + spec + "': expected GROUP=SHARE, e.g. cut_in=0.3");
        }
        try {
          shares.put(part.substring(0, eq).trim(), Double.parseDouble(part.substring(eq + 1).trim()));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("balance target '" + part + "' in '" + spec + "': the share must be a number");
        }
      }
    }
    return new Balance(key, shares);
  }

  /** The spec form ({@link #parse} reads it back). */
  public String spec() {
    if (shares.isEmpty()) {
      return key;
    }
    StringBuilder b = new StringBuilder(key).append(':');
    shares.forEach((g, s) -> b.append(b.charAt(b.length() - 1) == ':' ? "" : ",").append(g).append('=').append(s));
    return b.toString();
  }

  /** Each group's quota for {@code budget} given the groups present among the candidates. */
  public Map<String, Integer> quotas(Set<String> present, int budget) {
    Map<String, Integer> q = new TreeMap<>();
    if (!shares.isEmpty()) {
      shares.forEach((g, s) -> q.put(g, (int) Math.floor(budget * s + 1e-9)));
      return q;
    }
    if (present.isEmpty()) {
      return q;
    }
    List<String> groups = new ArrayList<>(new TreeSet<>(present));
    int base = budget / groups.size();
    int left = budget - base * groups.size();
    for (String g : groups) {
      q.put(g, base + (left-- > 0 ? 1 : 0)); // equal remainders: ties by name
    }
    return q;
  }

  /**
   * The picks: indices into the candidates, in pick order.
   *
   * @param order   candidate indices, best first
   * @param groups  each candidate's groups
   * @param budget  how many to pick
   */
  public List<Integer> fill(int[] order, List<Set<String>> groups, int budget) {
    return fill(order, groups, budget, c -> new int[0]);
  }

  /**
   * The picks when a pick removes the candidates it overlaps (they are never taken, nor counted).
   *
   * @param overlaps per candidate, the candidates it overlaps
   */
  public List<Integer> fill(int[] order, List<Set<String>> groups, int budget, IntFunction<int[]> overlaps) {
    Set<String> present = new TreeSet<>();
    groups.forEach(present::addAll);
    Map<String, Integer> quota = quotas(present, budget);
    Map<String, Integer> count = new TreeMap<>();
    quota.keySet().forEach(g -> count.put(g, 0));
    Map<String, Integer> cursor = new TreeMap<>(); // per group: position in order to resume from
    boolean[] taken = new boolean[groups.size()];
    List<Integer> picks = new ArrayList<>();
    Set<String> dropped = new TreeSet<>();
    while (picks.size() < budget) {
      String neediest = null;
      int deficit = 0;
      for (Map.Entry<String, Integer> e : quota.entrySet()) {
        int d = e.getValue() - count.get(e.getKey());
        if (d > deficit && !dropped.contains(e.getKey())) {
          deficit = d;
          neediest = e.getKey();
        }
      }
      if (neediest == null) {
        break;
      }
      int pos = cursor.getOrDefault(neediest, 0);
      while (pos < order.length && (taken[order[pos]] || !groups.get(order[pos]).contains(neediest))) {
        pos++;
      }
      cursor.put(neediest, pos);
      if (pos == order.length) {
        dropped.add(neediest);
        continue;
      }
      take(order[pos], groups, taken, picks, count, overlaps);
    }
    for (int i = 0; i < order.length && picks.size() < budget; i++) {
      if (!taken[order[i]]) {
        take(order[i], groups, taken, picks, count, overlaps);
      }
    }
    return picks;
  }

  private static void take(int c, List<Set<String>> groups, boolean[] taken, List<Integer> picks, Map<String, Integer> count,
      IntFunction<int[]> overlaps) {
    taken[c] = true;
    for (int o : overlaps.apply(c)) {
      taken[o] = true; // removed: a later pick must not share a frame with this one
    }
    picks.add(c);
    for (String g : groups.get(c)) {
      count.computeIfPresent(g, (k, v) -> v + 1);
    }
  }
}
