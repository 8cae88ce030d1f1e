package dev.fleetmine.cli;

import dev.fleetmine.Fleetmine;
import dev.fleetmine.ingest.Importer;
import dev.fleetmine.ingest.Importers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fleetmine ingest FORMAT PATH...}: imports drive logs atomically. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {"Imports drive logs into the lake, atomically.",
        "All paths are ingested in one commit: on any error nothing is written.",
        "Re-ingesting a log id replaces that log. Formats are documented in docs/formats/."})
final class IngestCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  LakeOptions lake;

  @Parameters(index = "0", paramLabel = "FORMAT", completionCandidates = Formats.class,
      description = "Source format: ${COMPLETION-CANDIDATES}.")
  String format;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATH", description = "Files or directories to ingest.")
  List<Path> paths;

  @Override
  public Integer call() {
    Importer importer = Importers.byFormat(format);
    for (Path p : paths) {
      if (!Files.exists(p)) {
        throw new IllegalArgumentException("path " + p + " does not exist");
      }
    }
    Fleetmine fm = lake.open();
    var out = spec.commandLine().getOut();
    var progress = new ConsoleProgress(spec.commandLine().getErr(), System.console() != null);
    Fleetmine.IngestResult r = fm.ingest(importer.format(), paths, progress);
    out.printf("ingested %d log(s) from %s: %,d ego frames, %,d object rows in %.1f s -> %s (snapshot %d)%n",
        r.logIds().size(), format, r.egoRows(), r.objectRows(), r.elapsed().toMillis() / 1000.0,
        fm.lake().root(), r.snapshotVersion());
    return 0;
  }

  /** The format names for help and completion. */
  static final class Formats implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Importers.all().stream().map(Importer::format).iterator();
    }
  }
}
