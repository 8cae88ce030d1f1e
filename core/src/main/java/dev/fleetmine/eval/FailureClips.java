package dev.fleetmine.eval;

import dev.fleetmine.query.Clip;
import dev.fleetmine.query.LakeQuery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Turns per-frame model mistakes (a missed ground-truth object, a false detection, an agent forecast
 * badly) into clips, the unit that selection, labeling and datasets work with.
 *
 * <p>Failure clips of one log never overlap: a log's mistakes, whatever their track, are cut into runs
 * whose consecutive mistake timestamps are at most {@link #GAP_FRAMES} frame intervals apart (the rule
 * scenario clips use), so misses of several tracks in the same stretch, or misses of one track that
 * touch another's, are one clip. Each mistake frame stands for one frame interval: a clip spans from half
 * an interval before its first mistake to half an interval after its last, clamped to its log, so a
 * single-frame failure lasts one interval instead of zero, and neighbouring clips stay apart (they are
 * more than 1.5 intervals apart before padding, hence more than half an interval after). Each match lists
 * the tracks that went wrong at that timestamp; a clip's score is its number of mistakes (object-frames).
 */
public final class FailureClips {
  /** Timestamps further apart than this many frame intervals start a new clip. */
  public static final double GAP_FRAMES = 1.5;
  /** Interval assumed for a log the caller knows nothing of. */
  static final long DEFAULT_INTERVAL_NS = 100_000_000L;

  /** The role of a clip's referred objects: the track the model got wrong. */
  public static final String ROLE = "mistake";

  private FailureClips() {}

  /**
   * One mistake at one timestamp.
   *
   * @param logId   the log
   * @param tsNs    the timestamp
   * @param trackId the ground-truth track missed (or the detection's track), null when untracked
   */
  public record Mistake(String logId, long tsNs, String trackId) {
    public Mistake {
      Objects.requireNonNull(logId, "logId is null");
    }
  }

  /**
   * What grouping needs to know of a log.
   *
   * @param startNs    its first timestamp (clips are clamped to it)
   * @param endNs      its last timestamp
   * @param intervalNs the interval one mistake stands for: the frame interval (or a forecast cadence)
   */
  public record LogSpan(long startNs, long endNs, long intervalNs) {
    public LogSpan {
      if (endNs < startNs || intervalNs <= 0) {
        throw new IllegalArgumentException("log span [" + startNs + ", " + endNs + "] every " + intervalNs + " ns");
      }
    }

    /** The same log with another interval. */
    public LogSpan withInterval(long ns) {
      return new LogSpan(startNs, endNs, ns);
    }
  }

  /** Every log's span and median frame interval (100 ms when the log has a single frame). */
  public static Map<String, LogSpan> logSpans(LakeQuery session) {
    Map<String, LogSpan> out = new HashMap<>();
    for (List<Object> row : session.rows("SELECT log_id, start_ns, end_ns, frame_interval_s FROM logs").values()) {
      long interval = row.get(3) == null ? DEFAULT_INTERVAL_NS : Math.max(1, Math.round(((Number) row.get(3)).doubleValue() * 1e9));
      out.put((String) row.get(0), new LogSpan(((Number) row.get(1)).longValue(), ((Number) row.get(2)).longValue(), interval));
    }
    return out;
  }

  /**
   * Groups mistakes into disjoint clips, ordered by log and start.
   *
   * @param mistakes mistakes in any order
   * @param logs     span and interval per log (a log not in the map: 100 ms, not clamped)
   */
  public static List<Clip> group(List<Mistake> mistakes, Map<String, LogSpan> logs) {
    List<Mistake> sorted = new ArrayList<>(mistakes);
    sorted.sort(Comparator.comparing(Mistake::logId).thenComparingLong(Mistake::tsNs));
    List<Clip> clips = new ArrayList<>();
    int i = 0;
    while (i < sorted.size()) {
      String log = sorted.get(i).logId();
      LogSpan span = logs.get(log);
      long interval = span == null ? DEFAULT_INTERVAL_NS : span.intervalNs();
      double maxGap = GAP_FRAMES * interval;
      List<Clip.Match> matches = new ArrayList<>();
      int count = 0;
      int j = i;
      long last = sorted.get(i).tsNs();
      while (j < sorted.size() && sorted.get(j).logId().equals(log) && sorted.get(j).tsNs() - last <= maxGap) {
        long ts = sorted.get(j).tsNs();
        TreeSet<String> tracks = new TreeSet<>();
        for (; j < sorted.size() && sorted.get(j).logId().equals(log) && sorted.get(j).tsNs() == ts; j++) {
          if (sorted.get(j).trackId() != null) {
            tracks.add(sorted.get(j).trackId());
          }
          count++;
        }
        matches.add(Clip.Match.of(ts, List.copyOf(tracks), ROLE));
        last = ts;
      }
      clips.add(clip(log, span, interval, count, matches));
      i = j;
    }
    return clips;
  }

  /** The clip of one run: half an interval either side of its mistakes, inside the log. */
  private static Clip clip(String log, LogSpan span, long interval, int mistakes, List<Clip.Match> matches) {
    long half = interval / 2;
    long start = matches.getFirst().tsNs() - half;
    long end = matches.getLast().tsNs() + half;
    if (span != null) {
      start = Math.max(start, Math.min(span.startNs(), matches.getFirst().tsNs()));
      end = Math.min(end, Math.max(span.endNs(), matches.getLast().tsNs()));
    }
    return new Clip(log, start, end, mistakes, matches);
  }
}
