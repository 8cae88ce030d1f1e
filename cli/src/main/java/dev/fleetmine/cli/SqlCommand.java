package dev.fleetmine.cli;

import dev.fleetmine.query.LakeQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleetmine sql QUERY}: plain DuckDB SQL over the lake's tables. */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = {"Runs a DuckDB SQL query over the lake's views logs, ego, objects and events.",
        "Example: fleetmine sql \"SELECT category, count(*) FROM objects GROUP BY 1 ORDER BY 2 DESC\""})
final class SqlCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  LakeOptions lake;

  @Parameters(index = "0", paramLabel = "QUERY", description = "The SQL query.")
  String sql;

  @Option(names = "--max-rows", defaultValue = "100", description = "Print at most this many rows (default ${DEFAULT-VALUE}).")
  int maxRows;

  @Override
  public Integer call() {
    try (LakeQuery q = lake.open().query()) {
      LakeQuery.Rows rows = q.rows("SELECT * FROM (" + sql + ") LIMIT " + (maxRows + 1));
      List<List<String>> lines = new ArrayList<>();
      for (List<Object> r : rows.values().subList(0, Math.min(maxRows, rows.values().size()))) {
        lines.add(r.stream().map(SqlCommand::format).toList());
      }
      var out = spec.commandLine().getOut();
      Tables.print(out, rows.columns(), lines);
      if (rows.values().size() > maxRows) {
        out.println("... more rows (raise --max-rows)");
      }
    }
    return 0;
  }

  private static String format(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof Double d) {
      return String.format("%.6g", d);
    }
    return v.toString();
  }
}
