package dev.fleetmine.eval.coco;

/**
 * COCO input that cannot be evaluated. The message names the source (a file name, or a description of
 * in-memory records), the record and field (for example {@code annotations[17].bbox}) and what was
 * expected.
 */
public final class CocoFormatException extends IllegalArgumentException {
  private final String source;
  private final String where;

  public CocoFormatException(String source, String where, String message) {
    this(source, where, message, null);
  }

  public CocoFormatException(String source, String where, String message, Throwable cause) {
    super(source + (where == null || where.isEmpty() ? "" : ": " + where) + ": " + message, cause);
    this.source = source;
    this.where = where;
  }

  /** The file name or in-memory source the bad input came from. */
  public String source() {
    return source;
  }

  /** The record and field, such as {@code annotations[17].bbox}; empty when the whole input is wrong. */
  public String where() {
    return where == null ? "" : where;
  }

  /** Throws unless [x, y, w, h] are finite with w, h >= 0: the rule for ground-truth and detection boxes alike. */
  static void requireBox(String source, String where, double x, double y, double w, double h) {
    if (!(Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(w) && Double.isFinite(h)) || w < 0 || h < 0) {
      throw new CocoFormatException(source, where, "expected finite [x, y, width, height] with width, height >= 0, got ["
          + x + ", " + y + ", " + w + ", " + h + "]");
    }
  }
}
