package dev.fleetmine.cli;

import dev.fleetmine.query.ScenarioLibrary;
import dev.fleetmine.query.lang.Query;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Where a command's scenario query comes from: inline text, a file, or a library scenario. */
final class QueryOptions {
  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(names = "--library", paramLabel = "DIR", description = "Also load NAME.fsl scenarios from DIR (overriding built-ins).")
  Path libraryDir;

  static final class Source {
    @Parameters(index = "0", arity = "0..1", paramLabel = "QUERY",
        description = "The query, e.g. \"ego.speed > 8 and exists pedestrian p where p.ahead and p.distance < 15\".")
    String text;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read the query from FILE.")
    Path file;

    @Option(names = {"-s", "--scenario"}, paramLabel = "NAME", description = "A library scenario (see `fleetmine scenarios`).")
    String scenario;
  }

  ScenarioLibrary library() {
    return ScenarioLibrary.builtInWith(libraryDir);
  }

  /** The query text as given. */
  String text(ScenarioLibrary lib) throws IOException {
    if (source.file != null) {
      return Files.readString(source.file);
    }
    if (source.scenario != null) {
      return lib.text(source.scenario).orElseThrow(() -> new IllegalArgumentException("unknown scenario '"
          + source.scenario + "'; known: " + String.join(", ", lib.names())));
    }
    return source.text;
  }

  Query compile(ScenarioLibrary lib) throws IOException {
    return lib.compile(text(lib));
  }
}
