package dev.fleetmine.query.lang;

import static java.util.Objects.requireNonNull;

/**
 * A parsed scenario query.
 *
 * @param name        scenario name from a {@code scenario NAME} header, or null
 * @param description text of a {@code description "..."} header, or empty
 * @param condition   what must hold
 * @param padBefore   seconds added before each clip
 * @param padAfter    seconds added after each clip
 * @param source      object source quantifiers read ({@code gt} unless {@code source NAME} says otherwise)
 * @param text        the query text as written
 */
public record Query(String name, String description, Condition condition, double padBefore, double padAfter,
    String source, String text) {
  public Query {
    requireNonNull(description, "description is null");
    requireNonNull(condition, "condition is null");
    requireNonNull(source, "source is null");
    requireNonNull(text, "text is null");
    if (padBefore < 0 || padAfter < 0) {
      throw new IllegalArgumentException("padding must be >= 0: " + padBefore + ", " + padAfter);
    }
  }
}
