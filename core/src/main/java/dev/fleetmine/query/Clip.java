package dev.fleetmine.query;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A stretch of one log where a scenario happened.
 *
 * @param logId   the log
 * @param startNs first timestamp, padding included
 * @param endNs   last timestamp, padding included
 * @param score   how strongly it matched: seconds of matched evidence
 * @param matches the timestamps where the condition held, each with its referred objects
 */
public record Clip(String logId, long startNs, long endNs, double score, List<Match> matches) {
  public Clip {
    requireNonNull(logId, "logId is null");
    matches = List.copyOf(matches);
    if (endNs < startNs) {
      throw new IllegalArgumentException("clip of " + logId + " ends (" + endNs + ") before it starts (" + startNs + ")");
    }
  }

  /** A stable id: {@code log@start-end}. */
  public String id() {
    return logId + "@" + startNs + "-" + endNs;
  }

  public double durationS() {
    return (endNs - startNs) / 1e9;
  }

  /**
   * One matched timestamp.
   *
   * @param tsNs     the timestamp
   * @param trackIds the referred objects (tracks the condition's quantifiers matched)
   */
  public record Match(long tsNs, List<String> trackIds) {
    public Match {
      trackIds = List.copyOf(trackIds);
    }
  }
}
