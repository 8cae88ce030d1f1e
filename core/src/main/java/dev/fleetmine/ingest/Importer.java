package dev.fleetmine.ingest;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads one source format and writes its logs to a {@link LogSink}.
 *
 * <p>Implementations validate as they read and throw {@link IngestException} naming the file, the
 * record and field on bad input; the caller then aborts the ingest so that nothing is written.
 */
public interface Importer {
  /** The format name used on the command line, for example {@code av2}. */
  String format();

  /** One line for {@code fleetmine ingest --help}. */
  String description();

  /** Reads every log found under {@code inputs} (files or directories) into {@code sink}. */
  void read(List<Path> inputs, LogSink sink, Progress progress);
}
