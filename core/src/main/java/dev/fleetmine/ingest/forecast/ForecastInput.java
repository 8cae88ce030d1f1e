package dev.fleetmine.ingest.forecast;

import dev.fleetmine.ingest.IngestException;
import dev.fleetmine.lake.LakeViews;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a forecast file (CSV with a header row, or Parquet) into the temporary table {@code in_forecasts}
 * with typed input columns and {@code row_nr}, the 1-based data row. Every value that is missing or does
 * not parse is reported with its row and column before any later check runs.
 */
final class ForecastInput {
  /** The temporary table the file is loaded into. */
  static final String TABLE = "in_forecasts";

  /** An input column: its lake type and whether every row must have it. */
  record Col(String name, String type, boolean required) {}

  static final List<Col> COLUMNS = List.of(
      new Col("log_id", "VARCHAR", true), new Col("ts_ns", "BIGINT", true), new Col("track_id", "VARCHAR", true),
      new Col("mode", "INTEGER", true), new Col("probability", "DOUBLE", false),
      new Col("target_ts_ns", "BIGINT", true), new Col("x", "DOUBLE", true), new Col("y", "DOUBLE", true));

  private static final List<String> INTEGERS = List.of("BIGINT", "INTEGER", "SMALLINT", "TINYINT", "UBIGINT",
      "UINTEGER", "USMALLINT", "UTINYINT", "HUGEINT");
  private static final Map<String, List<String>> ACCEPTED = Map.of(
      "VARCHAR", List.of("VARCHAR"),
      "BIGINT", INTEGERS,
      "INTEGER", INTEGERS,
      "DOUBLE", List.of("DOUBLE", "FLOAT", "DECIMAL", "BIGINT", "INTEGER", "SMALLINT", "TINYINT", "HUGEINT"));

  private ForecastInput() {}

  /** Loads {@code file} into {@link #TABLE}; throws {@link IngestException} naming file, row and column. */
  static void load(Connection conn, Path file) throws SQLException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean csv = name.endsWith(".csv");
    if (!csv && !name.endsWith(".parquet")) {
      throw new IngestException(file, "", "expected a .csv or .parquet file of forecasts (docs/formats/forecasts.md)");
    }
    if (!Files.isRegularFile(file)) {
      throw new IngestException(file, "", "no such file");
    }
    String src = csv ? "read_csv(" + LakeViews.quote(file.toString()) + ", header = true, all_varchar = true)"
        : "read_parquet(" + LakeViews.quote(file.toString()) + ")";
    Map<String, String> present = describe(conn, file, src, csv);
    try (Statement st = conn.createStatement()) {
      // raw values keep what the file says, for error messages; row_nr follows the file's order
      st.execute("CREATE OR REPLACE TEMP TABLE raw_forecasts AS SELECT " + COLUMNS.stream()
          .map(c -> (present.containsKey(c.name()) ? "\"" + present.get(c.name()) + "\"" : "NULL")
              + (csv ? "" : "::" + c.type()) + " AS " + c.name())
          .collect(Collectors.joining(", ")) + ", row_number() OVER () AS row_nr FROM " + src);
    } catch (SQLException e) {
      throw new IngestException(file, "", "not a readable " + (csv ? "CSV" : "Parquet") + " file: "
          + firstLine(e.getMessage()), e);
    }
    checkValues(conn, file, csv);
    try (Statement st = conn.createStatement()) {
      st.execute("CREATE OR REPLACE TEMP TABLE " + TABLE + " AS SELECT " + COLUMNS.stream()
          .map(c -> "CAST(" + c.name() + " AS " + c.type() + ") AS " + c.name()).collect(Collectors.joining(", "))
          + ", row_nr FROM raw_forecasts");
      st.execute("DROP TABLE raw_forecasts");
    }
  }

  /** Column name (lower case) to the file's own column name, checking presence and (Parquet) types. */
  private static Map<String, String> describe(Connection conn, Path file, String src, boolean csv) throws SQLException {
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, String> types = new LinkedHashMap<>();
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + src)) {
      while (rs.next()) {
        String key = rs.getString(1).toLowerCase(Locale.ROOT);
        names.put(key, rs.getString(1).replace("\"", "\"\""));
        types.put(key, rs.getString(2));
      }
    } catch (SQLException e) {
      throw new IngestException(file, "", "not a readable " + (csv ? "CSV" : "Parquet") + " file: "
          + firstLine(e.getMessage()), e);
    }
    for (Col c : COLUMNS) {
      String actual = types.get(c.name());
      if (actual == null && c.required()) {
        throw new IngestException(file, "column " + c.name(), "missing required column '" + c.name() + "' ("
            + c.type() + "); columns found: " + String.join(", ", types.keySet()));
      }
      String base = actual == null ? null : actual.startsWith("DECIMAL") ? "DECIMAL" : actual;
      if (actual != null && !csv && !ACCEPTED.get(c.type()).contains(base)) {
        throw new IngestException(file, "column " + c.name(), "has type " + actual + ", expected " + c.type());
      }
    }
    return names;
  }

  /** The first row with a missing required value or (CSV) a value that does not parse, per column in order. */
  private static void checkValues(Connection conn, Path file, boolean csv) throws SQLException {
    for (Col c : COLUMNS) {
      if (c.required()) {
        firstRow(conn, c.name() + " IS NULL", file, c, "required value is empty (" + c.type() + ")");
      }
      if (csv && !c.type().equals("VARCHAR")) {
        // TRY_CAST would round '1.5' to an INTEGER: integers must be written as integers
        String bad = c.type().equals("DOUBLE") ? "TRY_CAST(" + c.name() + " AS DOUBLE) IS NULL"
            : "NOT regexp_full_match(trim(" + c.name() + "), '[+-]?[0-9]+') OR TRY_CAST(trim(" + c.name() + ") AS "
                + c.type() + ") IS NULL";
        firstRow(conn, c.name() + " IS NOT NULL AND (" + bad + ")", file, c,
            "is not " + (c.type().equals("DOUBLE") ? "a number" : "an integer in the range of " + c.type()));
      }
    }
  }

  private static void firstRow(Connection conn, String where, Path file, Col c, String message) throws SQLException {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT row_nr, " + c.name()
        + "::VARCHAR FROM raw_forecasts WHERE " + where + " ORDER BY row_nr LIMIT 1")) {
      if (rs.next()) {
        String value = rs.getString(2);
        throw new IngestException(file, "row " + rs.getLong(1) + ", column " + c.name(),
            value == null ? message : "'" + value + "' " + message);
      }
    }
  }

  static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    for (String l : message.split("\n")) {
      if (!l.isBlank()) {
        return l.trim();
      }
    }
    return message.trim();
  }
}
