package dev.fleetmine.query.lang;

import java.util.List;

/**
 * A query that does not parse or type-check. The message points at line:column, shows the line with a
 * caret under the mistake, and lists the valid names near it.
 */
public final class QueryException extends RuntimeException {
  private final Span span;

  private QueryException(String message, Span span) {
    super(message);
    this.span = span;
  }

  /** An error at {@code span} of {@code source}, with suggestions (empty when there are none). */
  public static QueryException at(String source, Span span, String problem, List<String> suggestions) {
    String[] lines = source.split("\n", -1);
    String line = span.line() <= lines.length ? lines[span.line() - 1] : "";
    StringBuilder sb = new StringBuilder();
    sb.append("error at ").append(span).append(": ").append(problem).append('\n');
    sb.append("  ").append(line).append('\n');
    sb.append("  ").append(" ".repeat(Math.max(0, span.column() - 1)))
        .append("^".repeat(Math.max(1, Math.min(span.length(), Math.max(1, line.length() - span.column() + 1)))));
    if (!suggestions.isEmpty()) {
      sb.append('\n').append(suggestions.size() == 1 ? "did you mean: " : "valid here: ")
          .append(String.join(", ", suggestions));
    }
    return new QueryException(sb.toString(), span);
  }

  public Span span() {
    return span;
  }
}
