package dev.fleetmine.cli;

import dev.fleetmine.query.LakeStats;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code fleetmine stats}: what the lake holds. */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = "Rows per table, rows and tracks per object source, categories, formats and hours.")
final class StatsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  LakeOptions lake;

  @Override
  public Integer call() {
    print(spec.commandLine().getOut(), lake.open().stats(), lake.root().toString());
    return 0;
  }

  static void print(PrintWriter out, LakeStats s, String root) {
    out.printf("lake %s (snapshot %d): %,d logs, %.2f hours%n%n", root, s.snapshotVersion(), s.logs(), s.hours());
    Tables.print(out, List.of("table", "rows"), rows(s.tableRows()));
    out.println();
    List<List<String>> sources = new ArrayList<>();
    s.sources().forEach(x -> sources.add(List.of(x.source(), String.format("%,d", x.rows()), String.format("%,d", x.tracks()))));
    if (!sources.isEmpty()) {
      Tables.print(out, List.of("source", "object_rows", "tracks"), sources);
      out.println();
      Tables.print(out, List.of("category", "object_rows"), rows(s.categories()));
      out.println();
    }
    Tables.print(out, List.of("format", "logs"), rows(s.formats()));
  }

  private static List<List<String>> rows(Map<String, Long> m) {
    return m.entrySet().stream().map(e -> List.of(e.getKey(), String.format("%,d", e.getValue()))).toList();
  }
}
