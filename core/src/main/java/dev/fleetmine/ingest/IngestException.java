package dev.fleetmine.ingest;

import java.nio.file.Path;

/**
 * Input that cannot be ingested. The message names the file, the record or line, the field and what
 * was expected; an ingest that throws this leaves the lake exactly as it was.
 */
public final class IngestException extends RuntimeException {
  private final Path file;

  public IngestException(Path file, String where, String message) {
    super(file + (where == null || where.isEmpty() ? "" : ": " + where) + ": " + message);
    this.file = file;
  }

  public IngestException(Path file, String where, String message, Throwable cause) {
    super(file + (where == null || where.isEmpty() ? "" : ": " + where) + ": " + message, cause);
    this.file = file;
  }

  private IngestException(String message) {
    super(message);
    this.file = null;
  }

  /** A log whose rows are inconsistent (no file to blame: the importer produced them). */
  public static IngestException inLog(String logId, String message) {
    return new IngestException("log " + logId + ": " + message);
  }

  /** The offending file, or null when the problem is the rows of a log as a whole. */
  public Path file() {
    return file;
  }
}
