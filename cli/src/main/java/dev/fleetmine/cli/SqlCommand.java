package dev.fleetmine.cli;

import dev.fleetmine.query.LakeQuery;
import dev.fleetmine.query.ResultFile;
import dev.fleetmine.query.ResultSink;
import dev.fleetmine.query.ResultText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleetmine sql QUERY}: plain DuckDB SQL over the lake's tables, printed or written to a file. */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = {"Runs a DuckDB SQL query over the lake's views logs, ego, objects and events.",
        "Example: fleetmine sql \"SELECT category, count(*) FROM objects GROUP BY 1 ORDER BY 2 DESC\""})
final class SqlCommand implements Callable<Integer> {
  enum Format { table, csv, json, parquet }

  /** Rows a table shows when --max-rows is not given. */
  static final int TABLE_ROWS = 100;

  @Spec
  CommandSpec spec;

  @Mixin
  LakeOptions lake;

  @Parameters(index = "0", paramLabel = "QUERY", description = "The SQL query.")
  String sql;

  @Option(names = "--format", defaultValue = "table", description = "table, csv, json (an array of row objects) or parquet"
      + " (default ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE",
      description = "Write to FILE instead of stdout, atomically (a temporary file renamed when complete); parquet needs it.")
  Path out;

  @Option(names = "--max-rows", paramLabel = "N",
      description = "At most N rows (default: " + TABLE_ROWS + " for table, every row for csv, json and parquet).")
  Integer maxRows;

  @Override
  public Integer call() {
    if (format == Format.parquet && out == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--format parquet needs -o FILE");
    }
    if (maxRows != null && maxRows < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--max-rows must be >= 0, got " + maxRows);
    }
    Integer limit = format == Format.table ? Integer.valueOf(maxRows == null ? TABLE_ROWS : maxRows) : maxRows;
    // a table asks for one row more than it shows, to say whether there are more
    String query = "SELECT * FROM (" + sql + ")" + (limit == null ? "" : " LIMIT " + (limit + (format == Format.table ? 1 : 0)));
    PrintWriter pw = spec.commandLine().getOut();
    try (LakeQuery q = lake.open().query()) {
      switch (format) {
        case table -> table(q, query, limit, pw);
        case csv, json, parquet -> {
          if (out == null) {
            q.stream(query, format == Format.csv ? ResultText.csv(pw) : ResultText.json(pw));
          } else {
            long rows = ResultFile.write(out, ResultFile.Format.valueOf(format.name().toUpperCase(java.util.Locale.ROOT)),
                sink -> q.stream(query, sink));
            pw.printf("%d row(s) -> %s%n", rows, out);
          }
        }
      }
    }
    return 0;
  }

  private void table(LakeQuery q, String query, int limit, PrintWriter pw) {
    List<String> header = new ArrayList<>();
    List<List<String>> lines = new ArrayList<>();
    q.stream(query, new ResultSink() {
      @Override
      public void start(List<Column> columns) {
        columns.forEach(c -> header.add(c.name()));
      }

      @Override
      public void row(List<Object> values) {
        lines.add(values.stream().map(SqlCommand::cell).toList());
      }
    });
    boolean more = lines.size() > limit;
    java.io.StringWriter text = new java.io.StringWriter();
    PrintWriter tw = new PrintWriter(text);
    Tables.print(tw, header, more ? lines.subList(0, limit) : lines);
    if (more) {
      tw.println("... more rows (raise --max-rows)");
    }
    tw.flush();
    if (out == null) {
      pw.print(text);
    } else {
      ResultFile.writeText(out, text.toString());
      pw.printf("%d row(s) -> %s%n", more ? limit : lines.size(), out);
    }
  }

  private static String cell(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof Double d) {
      return String.format("%.6g", d);
    }
    return v.toString();
  }
}
