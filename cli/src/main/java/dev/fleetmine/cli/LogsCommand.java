package dev.fleetmine.cli;

import dev.fleetmine.query.LakeQuery;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fleetmine logs}: one line per log. */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Lists the logs in the lake.")
final class LogsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  LakeOptions lake;

  @Option(names = "--limit", defaultValue = "1000", description = "Print at most this many logs (default ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    try (LakeQuery q = lake.open().query()) {
      var rows = q.rows("SELECT log_id, source_format, coalesce(location, ''), duration_s, ego_frames, object_rows,"
          + " (SELECT count(DISTINCT track_id) FROM objects o WHERE o.log_id = l.log_id) AS tracks"
          + " FROM logs l ORDER BY log_id LIMIT " + limit);
      List<List<String>> lines = rows.values().stream().map(r -> List.of((String) r.get(0), (String) r.get(1),
          (String) r.get(2), String.format("%.1f", (Double) r.get(3)), String.format("%,d", (Long) r.get(4)),
          String.format("%,d", (Long) r.get(5)), String.format("%,d", (Long) r.get(6)))).toList();
      var out = spec.commandLine().getOut();
      if (lines.isEmpty()) {
        out.println("the lake at " + lake.root() + " has no logs; run `fleetmine ingest` or `fleetmine quickstart`");
        return 0;
      }
      Tables.print(out, List.of("log_id", "format", "location", "duration_s", "ego_frames", "object_rows", "tracks"), lines);
    }
    return 0;
  }
}
