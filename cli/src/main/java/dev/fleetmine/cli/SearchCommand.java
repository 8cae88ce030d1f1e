package dev.fleetmine.cli;

import dev.fleetmine.query.Clip;
import dev.fleetmine.query.ClipWriter;
import dev.fleetmine.query.LakeQuery;
import dev.fleetmine.query.ScenarioLibrary;
import dev.fleetmine.query.ScenarioSearch;
import dev.fleetmine.query.lang.Query;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fleetmine search QUERY}: every clip in the lake where a scenario happened. */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = {"Finds every clip where a scenario happened (language: docs/query-language.md).",
        "Example: fleetmine search \"ego.speed > 8 and exists pedestrian p where p.ahead and p.distance < 15\""})
final class SearchCommand implements Callable<Integer> {
  enum Format { table, json, parquet }

  @Spec
  CommandSpec spec;

  @Mixin
  LakeOptions lake;

  @Mixin
  QueryOptions query;

  @Option(names = "--format", defaultValue = "table", description = "table, json or parquet (default ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write to FILE (required for parquet; json defaults to stdout).")
  Path out;

  @Override
  public Integer call() throws Exception {
    ScenarioLibrary lib = query.library();
    Query q = query.compile(lib);
    try (LakeQuery session = lake.open().query()) {
      long start = System.nanoTime();
      List<Clip> clips = ScenarioSearch.run(session, q, lib);
      double ms = (System.nanoTime() - start) / 1e6;
      var pw = spec.commandLine().getOut();
      switch (format) {
        case table -> {
          ClipWriter.table(session, clips, pw);
          pw.printf("(%.0f ms)%n", ms);
        }
        case json -> {
          if (out == null) {
            ClipWriter.json(session, q.text(), q.source(), clips, new NonClosing(pw));
            pw.println();
            pw.flush();
          } else {
            try (OutputStream os = Files.newOutputStream(out)) {
              ClipWriter.json(session, q.text(), q.source(), clips, os);
            }
            pw.printf("%d clip(s) -> %s%n", clips.size(), out);
          }
        }
        case parquet -> {
          if (out == null) {
            throw new IllegalArgumentException("--format parquet needs --out FILE");
          }
          ClipWriter.parquet(session, q.source(), clips, out);
          pw.printf("%d clip(s) -> %s%n", clips.size(), out);
        }
      }
    }
    return 0;
  }

  /** Lets the JSON writer close its generator without closing stdout. */
  private static final class NonClosing extends java.io.FilterWriter {
    NonClosing(java.io.Writer out) {
      super(out);
    }

    @Override
    public void close() throws java.io.IOException {
      flush();
    }
  }
}
