package dev.fleetmine.ingest.nativefmt;

import dev.fleetmine.ingest.IngestException;
import dev.fleetmine.lake.LakeViews;
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
 * Typed input columns that a user's pipeline writes as CSV (with a header row) or Parquet, and their
 * loading into an in-process DuckDB table {@code in_<name>} with a 1-based {@code row_nr}: a missing
 * required column, a Parquet column of the wrong type, a CSV value that does not parse and an empty
 * required value are {@link IngestException}s naming the file, the row or line and the column.
 *
 * @param name    the table's name (the DuckDB table is {@code in_<name>})
 * @param columns the columns read; any other column of the file is ignored
 */
public record InputTable(String name, List<Column> columns) {
  /**
   * One input column.
   *
   * @param name     column name (matched case-insensitively)
   * @param type     VARCHAR, BIGINT, DOUBLE, BOOLEAN or VARCHAR[]
   * @param required a required column must be present and never empty
   */
  public record Column(String name, String type, boolean required) {}

  private static final Map<String, List<String>> ACCEPTED = Map.of(
      "VARCHAR", List.of("VARCHAR"),
      "BIGINT", List.of("BIGINT", "INTEGER", "SMALLINT", "TINYINT", "UBIGINT", "UINTEGER", "USMALLINT", "UTINYINT", "HUGEINT"),
      "DOUBLE", List.of("DOUBLE", "FLOAT", "DECIMAL", "BIGINT", "INTEGER", "SMALLINT", "TINYINT", "HUGEINT"),
      "BOOLEAN", List.of("BOOLEAN"),
      "VARCHAR[]", List.of("VARCHAR[]"));

  public InputTable {
    columns = List.copyOf(columns);
  }

  /** A required or optional column. */
  public static Column col(String name, String type, boolean required) {
    if (!ACCEPTED.containsKey(type)) {
      throw new IllegalArgumentException("unsupported input type " + type);
    }
    return new Column(name, type, required);
  }

  /** The DuckDB table the rows are loaded into. */
  public String table() {
    return "in_" + name;
  }

  /**
   * Loads {@code file} (.csv, else Parquet) into {@link #table()} with every column (absent optional ones
   * as NULL) and {@code row_nr}, after checking columns and types.
   */
  public void load(Connection conn, Path file) throws SQLException {
    boolean csv = file.getFileName().toString().endsWith(".csv");
    Map<String, String> present = describe(conn, file, csv);
    for (Column c : columns) {
      String actual = present.get(c.name());
      if (actual == null && c.required()) {
        throw new IngestException(file, "field " + c.name(), "missing required column '" + c.name()
            + "' (" + c.type() + "); columns found: " + String.join(", ", present.keySet()));
      }
      if (actual != null && !csv && !accepts(c.type(), actual)) {
        throw new IngestException(file, "field " + c.name(), "column '" + c.name() + "' has type " + actual
            + ", expected " + c.type());
      }
    }
    String select = columns.stream()
        .map(c -> (present.containsKey(c.name()) ? "CAST(\"" + c.name() + "\" AS " + c.type() + ")" : "NULL::" + c.type())
            + " AS " + c.name())
        .collect(Collectors.joining(", "));
    try (Statement st = conn.createStatement()) {
      st.execute("CREATE TABLE " + table() + " AS SELECT " + select + ", row_number() OVER () AS row_nr FROM "
          + source(file, csv, present));
    } catch (SQLException e) {
      throw new IngestException(file, "", firstLines(e.getMessage(), 3), e);
    }
    checkNulls(conn, file);
  }

  /** Creates {@link #table()} without rows, for an optional table the input does not have. */
  public void createEmpty(Connection conn) throws SQLException {
    String ddl = columns.stream().map(c -> c.name() + " " + c.type()).collect(Collectors.joining(", "));
    try (Statement st = conn.createStatement()) {
      st.execute("CREATE TABLE " + table() + " (" + ddl + ", row_nr BIGINT)");
    }
  }

  private void checkNulls(Connection conn, Path file) throws SQLException {
    for (Column c : columns) {
      if (!c.required()) {
        continue;
      }
      try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
          "SELECT min(row_nr) FROM " + table() + " WHERE " + c.name() + " IS NULL")) {
        rs.next();
        long row = rs.getLong(1);
        if (!rs.wasNull()) {
          throw new IngestException(file, "row " + row + ", field " + c.name(), "required value is empty (" + c.type() + ")");
        }
      }
    }
  }

  /** Column name to type as the file declares it (CSV: every column as text, parsed later with the declared types). */
  private static Map<String, String> describe(Connection conn, Path file, boolean csv) throws SQLException {
    String src = csv ? "read_csv(" + LakeViews.quote(file.toString()) + ", header = true, all_varchar = true)"
        : "read_parquet(" + LakeViews.quote(file.toString()) + ")";
    Map<String, String> types = new LinkedHashMap<>();
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + src)) {
      while (rs.next()) {
        types.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
      }
    } catch (SQLException e) {
      throw new IngestException(file, "", "not a readable " + (csv ? "CSV" : "Parquet") + " file: "
          + firstLines(e.getMessage(), 2), e);
    }
    return types;
  }

  /** The scan of the file; a CSV is parsed with the declared types so a bad value fails with its line. */
  private String source(Path file, boolean csv, Map<String, String> present) {
    if (!csv) {
      return "read_parquet(" + LakeViews.quote(file.toString()) + ")";
    }
    String types = present.keySet().stream()
        .map(name -> "'" + name.replace("'", "''") + "': '" + columns.stream().filter(c -> c.name().equals(name))
            .findFirst().map(c -> c.type().equals("VARCHAR[]") ? "VARCHAR" : c.type()).orElse("VARCHAR") + "'")
        .collect(Collectors.joining(", ", "{", "}"));
    return "read_csv(" + LakeViews.quote(file.toString()) + ", header = true, columns = " + types + ")";
  }

  private static boolean accepts(String expected, String actual) {
    String base = actual.startsWith("DECIMAL") ? "DECIMAL" : actual;
    return ACCEPTED.get(expected).contains(base);
  }

  /** The first {@code n} non-blank lines of a (DuckDB) message, joined: its gist without the long tail. */
  public static String firstLines(String message, int n) {
    String[] lines = message == null ? new String[] {"(no message)"} : message.split("\n");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(n, lines.length); i++) {
      if (!lines[i].isBlank()) {
        sb.append(sb.isEmpty() ? "" : "; ").append(lines[i].trim());
      }
    }
    return sb.toString();
  }
}
