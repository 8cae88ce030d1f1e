package dev.fleetmine.query;

import static java.util.Objects.requireNonNull;

/**
 * A stretch of one log, by position only: what selections, labeling batches and datasets hold.
 *
 * @param logId   the log
 * @param startNs first timestamp (inclusive)
 * @param endNs   last timestamp (inclusive)
 */
public record ClipRef(String logId, long startNs, long endNs) implements Comparable<ClipRef> {
  public ClipRef {
    requireNonNull(logId, "logId is null");
    if (endNs < startNs) {
      throw new IllegalArgumentException("clip of " + logId + " ends (" + endNs + ") before it starts (" + startNs + ")");
    }
  }

  /** The position of a mined clip. */
  public static ClipRef of(Clip clip) {
    return new ClipRef(clip.logId(), clip.startNs(), clip.endNs());
  }

  /** Parses the {@link #id()} form {@code LOG@START-END} (the log id may itself contain '@'). */
  public static ClipRef parse(String id) {
    int at = id.lastIndexOf('@');
    int dash = id.lastIndexOf('-');
    if (at <= 0 || dash < at + 2) {
      throw new IllegalArgumentException("clip id '" + id + "': expected LOG@START_NS-END_NS");
    }
    try {
      return new ClipRef(id.substring(0, at), Long.parseLong(id.substring(at + 1, dash)),
          Long.parseLong(id.substring(dash + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("clip id '" + id + "': START_NS and END_NS must be integers", e);
    }
  }

  /** A stable id: {@code log@start-end}. */
  public String id() {
    return logId + "@" + startNs + "-" + endNs;
  }

  public double durationS() {
    return (endNs - startNs) / 1e9;
  }

  /** Whether the two stretches share a log and at least one instant. */
  public boolean overlaps(ClipRef o) {
    return logId.equals(o.logId) && startNs <= o.endNs && o.startNs <= endNs;
  }

  @Override
  public int compareTo(ClipRef o) {
    int c = logId.compareTo(o.logId);
    if (c != 0) {
      return c;
    }
    c = Long.compare(startNs, o.startNs);
    return c != 0 ? c : Long.compare(endNs, o.endNs);
  }
}
