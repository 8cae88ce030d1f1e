package dev.fleetmine.label;

import java.util.List;

/**
 * An annotation file (or files) rejected on import; nothing was written. Each problem names the file,
 * where in it (JSON path, or XML element and line) and what was expected.
 */
public final class LabelImportException extends IllegalArgumentException {
  /** Problems listed in the message; the rest are counted. */
  static final int SHOWN = 20;

  private final List<String> problems;

  public LabelImportException(List<String> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in file order. */
  public List<String> problems() {
    return problems;
  }

  private static String message(List<String> problems) {
    StringBuilder sb = new StringBuilder();
    sb.append(problems.size()).append(problems.size() == 1 ? " problem" : " problems")
        .append(" in the annotations; nothing was imported:");
    problems.stream().limit(SHOWN).forEach(p -> sb.append("\n  ").append(p));
    if (problems.size() > SHOWN) {
      sb.append("\n  ... and ").append(problems.size() - SHOWN).append(" more");
    }
    return sb.toString();
  }
}
