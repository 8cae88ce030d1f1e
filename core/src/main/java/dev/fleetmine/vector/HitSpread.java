package dev.fleetmine.vector;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the hits of a "more like this" search spread over the fleet's logs. Windows of one drive look alike
 * (the same road, weather, traffic and sensors; on the sample lake a synthetic log's own windows score
 * 0.998 against each other), so without a rule the best hits are the query's own log over and over. By
 * default ({@link #OTHER_LOGS}) a search leaves out the query clip's log and takes the best window of each
 * other log. Hits never overlap the query clip or each other, whatever the rule.
 *
 * @param excludeQueryLog leave out every window of the query clip's log
 * @param perLog at most this many hits from one log; 0 = no cap
 */
public record HitSpread(boolean excludeQueryLog, int perLog) {
  /** The default: other logs only, the best window of each. */
  public static final HitSpread OTHER_LOGS = new HitSpread(true, 1);

  /** The best non-overlapping windows wherever they are, the query's own log included (the behaviour before spreading). */
  public static final HitSpread ANYWHERE = new HitSpread(false, 0);

  /** Candidates fetched per wanted hit at first, so that skipping overlaps and capped logs usually still leaves k. */
  static final int CANDIDATES_PER_HIT = 8;

  public HitSpread {
    if (perLog < 0) {
      throw new IllegalArgumentException("perLog must be >= 0 (0 = no cap), got " + perLog);
    }
  }

  /**
   * The best {@code k} windows of {@code index} for {@code vector} under {@code filter} and this rule, best
   * first. {@code query} is the query clip's window (null for a bare vector): hits overlapping it are
   * skipped, and its log too when {@link #excludeQueryLog}. The candidate list widens (x4) until k hits
   * survive or the filtered index is exhausted, so a log that fills the first candidates cannot starve
   * the answer.
   */
  public List<Hit> search(VectorIndex index, float[] vector, int k, VectorFilter filter, ClipMeta query) throws IOException {
    VectorFilter f = excludeQueryLog && query != null ? filter.withoutLogs(query.logId()) : filter;
    int size = index.size();
    if (k <= 0 || size == 0) {
      return List.of();
    }
    int n = Math.min(size, k * CANDIDATES_PER_HIT + overlapAllowance());
    while (true) {
      List<Hit> candidates = index.search(vector, n, f);
      List<Hit> out = pick(candidates, k, query);
      if (out.size() >= k || candidates.size() < n || n >= size) {
        return out;
      }
      n = (int) Math.min(size, 4L * n);
    }
  }

  /**
   * The first {@code k} of {@code candidates} (best first) that overlap neither {@code query} (may be
   * null) nor an earlier pick, with at most {@link #perLog} per log.
   */
  public List<Hit> pick(List<Hit> candidates, int k, ClipMeta query) {
    List<Hit> out = new ArrayList<>();
    List<ClipMeta> taken = new ArrayList<>();
    if (query != null) {
      taken.add(query);
    }
    Map<String, Integer> perLogCount = new HashMap<>();
    for (Hit h : candidates) {
      if (out.size() == k) {
        break;
      }
      String log = h.meta().logId();
      if (excludeQueryLog && query != null && log.equals(query.logId())) {
        continue;
      }
      if (perLog > 0 && perLogCount.getOrDefault(log, 0) >= perLog) {
        continue;
      }
      if (taken.stream().noneMatch(t -> overlaps(t, h.meta()))) {
        out.add(h);
        taken.add(h.meta());
        perLogCount.merge(log, 1, Integer::sum);
      }
    }
    return out;
  }

  /** Whether two windows share a log and at least one instant. */
  static boolean overlaps(ClipMeta a, ClipMeta b) {
    return a.logId().equals(b.logId()) && a.startNs() <= b.endNs() && b.startNs() <= a.endNs();
  }

  /** Windows that can overlap a query window of {@link ClipIndex#WINDOW_S} at stride {@link ClipIndex#STRIDE_S}, fetched extra. */
  static int overlapAllowance() {
    return (int) Math.ceil(2 * ClipIndex.WINDOW_S / ClipIndex.STRIDE_S) + 1;
  }
}
