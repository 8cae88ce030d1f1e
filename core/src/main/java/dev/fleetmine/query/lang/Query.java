package dev.fleetmine.query.lang;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A parsed scenario query.
 *
 * @param name        scenario name from a {@code scenario NAME} header, or null
 * @param description text of a {@code description "..."} header, or empty
 * @param condition   what must hold
 * @param padBefore   seconds added before each clip
 * @param padAfter    seconds added after each clip
 * @param source      object source quantifiers read ({@code gt} unless {@code source NAME} says otherwise)
 * @param refer       the variables whose objects are the answer ({@code refer v}); empty: every referred object
 * @param text        the query text as written
 */
public record Query(String name, String description, Condition condition, double padBefore, double padAfter,
    String source, List<String> refer, String text) {
  public Query {
    requireNonNull(description, "description is null");
    requireNonNull(condition, "condition is null");
    requireNonNull(source, "source is null");
    requireNonNull(text, "text is null");
    refer = List.copyOf(refer);
    if (padBefore < 0 || padAfter < 0) {
      throw new IllegalArgumentException("padding must be >= 0: " + padBefore + ", " + padAfter);
    }
  }

  /** Whether objects bound to {@code variable} are part of the answer. */
  public boolean isAnswer(String variable) {
    return refer.isEmpty() || refer.contains(variable);
  }
}
