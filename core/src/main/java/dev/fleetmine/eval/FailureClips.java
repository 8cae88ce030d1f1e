package dev.fleetmine.eval;

import dev.fleetmine.query.Clip;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns per-frame model mistakes (a missed ground-truth object, a false detection, an agent forecast
 * badly) into clips, the unit that selection, labeling and datasets work with.
 *
 * <p>A miss of the same track in consecutive frames is one failure, not one per frame: mistakes are
 * grouped per (log, track), or per log for untracked detections, into runs whose consecutive
 * timestamps are at most {@link #GAP_FRAMES} frame intervals apart (the same rule scenario clips use).
 * A clip's score is its number of mistake frames.
 */
public final class FailureClips {
  /** Timestamps further apart than this many frame intervals start a new clip. */
  public static final double GAP_FRAMES = 1.5;

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
   * Groups mistakes into clips, ordered by log and start.
   *
   * @param mistakes        mistakes in any order
   * @param frameIntervalNs frame interval per log, in ns (logs not in the map use 100 ms)
   */
  public static List<Clip> group(List<Mistake> mistakes, Map<String, Long> frameIntervalNs) {
    List<Mistake> sorted = new ArrayList<>(mistakes);
    sorted.sort(Comparator.comparing(Mistake::logId)
        .thenComparing(m -> m.trackId() == null ? "" : m.trackId())
        .thenComparingLong(Mistake::tsNs));
    List<Clip> clips = new ArrayList<>();
    int i = 0;
    while (i < sorted.size()) {
      Mistake first = sorted.get(i);
      double maxGap = GAP_FRAMES * frameIntervalNs.getOrDefault(first.logId(), 100_000_000L);
      List<Clip.Match> matches = new ArrayList<>();
      long last = first.tsNs();
      int j = i;
      while (j < sorted.size() && sameGroup(first, sorted.get(j)) && sorted.get(j).tsNs() - last <= maxGap) {
        Mistake m = sorted.get(j);
        if (matches.isEmpty() || matches.getLast().tsNs() != m.tsNs()) {
          matches.add(Clip.Match.of(m.tsNs(), m.trackId() == null ? List.of() : List.of(m.trackId()), ROLE));
        }
        last = m.tsNs();
        j++;
      }
      clips.add(new Clip(first.logId(), first.tsNs(), last, matches.size(), matches));
      i = j;
    }
    clips.sort(Comparator.comparing(Clip::logId).thenComparingLong(Clip::startNs).thenComparingLong(Clip::endNs));
    return clips;
  }

  private static boolean sameGroup(Mistake a, Mistake b) {
    return a.logId().equals(b.logId()) && Objects.equals(a.trackId(), b.trackId());
  }
}
