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
   * @param tsNs    the timestamp
   * @param objects the referred objects: each track a quantifier matched there, with the variable it was
   *                bound to and whether it is part of the answer
   */
  public record Match(long tsNs, List<Referred> objects) {
    public Match {
      objects = List.copyOf(objects);
    }

    /** A match whose referred objects are all answers in one role (e.g. a model's missed tracks). */
    public static Match of(long tsNs, List<String> trackIds, String role) {
      return new Match(tsNs, trackIds.stream().map(id -> new Referred(id, role, true)).toList());
    }

    /** The distinct track ids of the answer objects, sorted: what a consumer of the clip is about. */
    public List<String> trackIds() {
      return objects.stream().filter(Referred::answer).map(Referred::trackId).distinct().sorted().toList();
    }
  }

  /**
   * An object a query referred to at one timestamp.
   *
   * @param trackId the track
   * @param role    the query variable it was bound to ({@code v} in {@code exists vehicle v}), or
   *                {@code event} for an event's tracks
   * @param answer  whether the query names it as its answer ({@code refer v}); without a {@code refer}
   *                clause every referred object is an answer
   */
  public record Referred(String trackId, String role, boolean answer) {
    public Referred {
      requireNonNull(trackId, "trackId is null");
      requireNonNull(role, "role is null");
    }
  }
}
