package dev.fleetmine.query.lang;

/**
 * Where a piece of a query sits in its text, for error carets.
 *
 * @param line   1-based line
 * @param column 1-based column of the first character
 * @param length characters covered (at least 1)
 */
public record Span(int line, int column, int length) {
  public Span {
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
    }
    length = Math.max(1, length);
  }

  /** The span from this one's start to {@code end}'s end (same line), or this one when lines differ. */
  public Span to(Span end) {
    return end.line == line && end.column + end.length > column ? new Span(line, column, end.column + end.length - column) : this;
  }

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
