package dev.fleetmine.select;

import dev.fleetmine.query.ClipRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which candidates share time with which: a pick removes the candidates it overlaps, so that a selection
 * never holds two clips that share a frame (a labeling batch labels every frame once). Candidates of one
 * log are kept sorted by start; those overlapping clip {@code [s, e]} start in {@code [s - longest, e]},
 * where {@code longest} is the log's longest candidate, so a lookup scans only that stretch.
 */
final class Overlaps {
  private final List<ClipRef> clips;
  private final Map<String, int[]> byLog = new HashMap<>();
  private final Map<String, Long> longest = new HashMap<>();

  Overlaps(List<ClipRef> clips) {
    this.clips = List.copyOf(clips);
    Map<String, List<Integer>> groups = new HashMap<>();
    for (int i = 0; i < clips.size(); i++) {
      ClipRef c = clips.get(i);
      groups.computeIfAbsent(c.logId(), k -> new ArrayList<>()).add(i);
      longest.merge(c.logId(), c.endNs() - c.startNs(), Math::max);
    }
    groups.forEach((log, idx) -> byLog.put(log, idx.stream()
        .sorted(Comparator.comparingLong((Integer i) -> clips.get(i).startNs()).thenComparingInt(i -> i))
        .mapToInt(Integer::intValue).toArray()));
  }

  /** The candidates other than {@code i} that share at least one instant with it, in index order. */
  int[] of(int i) {
    ClipRef c = clips.get(i);
    int[] sorted = byLog.get(c.logId());
    long from = c.startNs() - longest.get(c.logId());
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) { // first candidate starting at or after `from`
      int mid = (lo + hi) >>> 1;
      if (clips.get(sorted[mid]).startNs() < from) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    List<Integer> out = new ArrayList<>();
    for (int k = lo; k < sorted.length && clips.get(sorted[k]).startNs() <= c.endNs(); k++) {
      if (sorted[k] != i && clips.get(sorted[k]).overlaps(c)) {
        out.add(sorted[k]);
      }
    }
    int[] result = out.stream().mapToInt(Integer::intValue).toArray();
    Arrays.sort(result);
    return result;
  }

  /** Whether no two of {@code clips} share an instant. */
  static boolean disjoint(List<ClipRef> clips) {
    List<ClipRef> sorted = clips.stream().sorted().toList();
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i - 1).overlaps(sorted.get(i))) {
        return false;
      }
    }
    return true;
  }
}
