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
 * The input columns of each native-format table: what a user's pipeline writes. A column is required or
 * optional; its type is checked against the file before any row is read.
 */
enum NativeTable {
  LOGS("logs", true, List.of(
      col("log_id", "VARCHAR", true), col("vehicle", "VARCHAR", false), col("location", "VARCHAR", false),
      col("frame", "VARCHAR", false), col("origin_x", "DOUBLE", false), col("origin_y", "DOUBLE", false),
      col("origin_z", "DOUBLE", false), col("ego_pose_known", "BOOLEAN", false), col("metadata", "VARCHAR", false))),
  EGO("ego", true, List.of(
      col("log_id", "VARCHAR", true), col("ts_ns", "BIGINT", true), col("x", "DOUBLE", true),
      col("y", "DOUBLE", true), col("z", "DOUBLE", false), col("yaw", "DOUBLE", true), col("speed", "DOUBLE", false))),
  OBJECTS("objects", false, List.of(
      col("log_id", "VARCHAR", true), col("ts_ns", "BIGINT", true), col("source", "VARCHAR", false),
      col("track_id", "VARCHAR", false), col("category", "VARCHAR", true), col("raw_label", "VARCHAR", false),
      col("x", "DOUBLE", true), col("y", "DOUBLE", true), col("z", "DOUBLE", false), col("length", "DOUBLE", true),
      col("width", "DOUBLE", true), col("height", "DOUBLE", true), col("yaw", "DOUBLE", true),
      col("vx", "DOUBLE", false), col("vy", "DOUBLE", false), col("score", "DOUBLE", false))),
  EVENTS("events", false, List.of(
      col("log_id", "VARCHAR", true), col("ts_ns", "BIGINT", true), col("end_ns", "BIGINT", false),
      col("type", "VARCHAR", true), col("source", "VARCHAR", false), col("track_ids", "VARCHAR[]", false),
      col("detail", "VARCHAR", false)));

  record Col(String name, String type, boolean required) {}

  private static final Map<String, List<String>> ACCEPTED = Map.of(
      "VARCHAR", List.of("VARCHAR"),
      "BIGINT", List.of("BIGINT", "INTEGER", "SMALLINT", "TINYINT", "UBIGINT", "UINTEGER", "USMALLINT", "UTINYINT", "HUGEINT"),
      "DOUBLE", List.of("DOUBLE", "FLOAT", "DECIMAL", "BIGINT", "INTEGER", "SMALLINT", "TINYINT", "HUGEINT"),
      "BOOLEAN", List.of("BOOLEAN"),
      "VARCHAR[]", List.of("VARCHAR[]"));

  private final String fileName;
  private final boolean required;
  private final List<Col> columns;

  NativeTable(String fileName, boolean required, List<Col> columns) {
    this.fileName = fileName;
    this.required = required;
    this.columns = columns;
  }

  private static Col col(String name, String type, boolean required) {
    return new Col(name, type, required);
  }

  String fileName() {
    return fileName;
  }

  boolean required() {
    return required;
  }

  List<Col> columns() {
    return columns;
  }

  /** Loads {@code file} into table in_NAME with every input column (absent optional ones as NULL) and row_nr. */
  void load(Connection conn, Path file) throws SQLException {
    boolean csv = file.getFileName().toString().endsWith(".csv");
    Map<String, String> present = describe(conn, file, csv);
    for (Col c : columns) {
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
      st.execute("CREATE TABLE in_" + fileName + " AS SELECT " + select + ", row_number() OVER () AS row_nr FROM "
          + source(file, csv, present));
    } catch (SQLException e) {
      throw new IngestException(file, "", firstLines(e.getMessage(), 3), e);
    }
    checkNulls(conn, file);
  }

  void createEmpty(Connection conn) throws SQLException {
    String ddl = columns.stream().map(c -> c.name() + " " + c.type()).collect(Collectors.joining(", "));
    try (Statement st = conn.createStatement()) {
      st.execute("CREATE TABLE in_" + fileName + " (" + ddl + ", row_nr BIGINT)");
    }
  }

  private void checkNulls(Connection conn, Path file) throws SQLException {
    for (Col c : columns) {
      if (!c.required()) {
        continue;
      }
      try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
          "SELECT min(row_nr) FROM in_" + fileName + " WHERE " + c.name() + " IS NULL")) {
        rs.next();
        long row = rs.getLong(1);
        if (!rs.wasNull()) {
          throw new IngestException(file, "row " + row + ", field " + c.name(), "required value is empty (" + c.type() + ")");
        }
      }
    }
  }

  /** Column name to type as the file declares it (CSV: parsed with the declared types, so bad values fail with a line). */
  private Map<String, String> describe(Connection conn, Path file, boolean csv) throws SQLException {
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

  static String firstLines(String message, int n) {
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
