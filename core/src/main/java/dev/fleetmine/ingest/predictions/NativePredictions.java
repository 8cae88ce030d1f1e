package dev.fleetmine.ingest.predictions;

import static dev.fleetmine.ingest.nativefmt.InputTable.col;

import dev.fleetmine.ingest.Category;
import dev.fleetmine.ingest.IngestException;
import dev.fleetmine.ingest.ObjectSample;
import dev.fleetmine.ingest.nativefmt.InputTable;
import dev.fleetmine.lake.LakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A model's boxes in Fleetmine's own predictions format (docs/formats/predictions.md): a CSV (with a
 * header row) or Parquet file, one row per box, in the log-local frame with the box centre and yaw
 * counter-clockwise from +x. Read with DuckDB; every column's type and every value is checked before a
 * row is used, and bad input names the file, the row and the column.
 */
public final class NativePredictions {
  /** The input columns; other columns of the file are ignored. */
  static final InputTable COLUMNS = new InputTable("predictions", List.of(
      col("log_id", "VARCHAR", true), col("ts_ns", "BIGINT", true), col("category", "VARCHAR", true),
      col("x", "DOUBLE", true), col("y", "DOUBLE", true), col("z", "DOUBLE", true),
      col("length", "DOUBLE", true), col("width", "DOUBLE", true), col("height", "DOUBLE", true),
      col("yaw", "DOUBLE", true), col("score", "DOUBLE", true),
      col("track_id", "VARCHAR", false), col("raw_label", "VARCHAR", false)));
  private static final List<String> FINITE = List.of("x", "y", "z", "yaw", "score");
  private static final List<String> POSITIVE = List.of("length", "width", "height");

  private NativePredictions() {}

  /**
   * Reads the files' rows as predictions of {@code model}; rows of one log in several files are merged.
   *
   * @return log id to the model's boxes in that log (in file and row order), sorted by log id
   */
  public static Map<String, List<ObjectSample>> read(List<Path> files, String model) {
    Map<String, List<ObjectSample>> out = new TreeMap<>();
    for (Path file : files) {
      readFile(file.toAbsolutePath().normalize(), model, out);
    }
    return out;
  }

  private static void readFile(Path file, String model, Map<String, List<ObjectSample>> out) {
    String name = file.getFileName().toString();
    if (!Files.isRegularFile(file) || !(name.endsWith(".csv") || name.endsWith(".parquet"))) {
      throw new IngestException(file, "", (Files.isRegularFile(file) ? "unknown file type" : "does not exist")
          + "; expected a predictions file ending in .csv or .parquet");
    }
    try (Connection conn = DriverManager.getConnection("jdbc:duckdb:")) {
      COLUMNS.load(conn, file);
      checkValues(conn, file);
      try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT log_id, ts_ns, track_id,"
          + " category, raw_label, x, y, z, length, width, height, yaw, score FROM " + COLUMNS.table()
          + " ORDER BY row_nr")) {
        while (rs.next()) {
          String category = rs.getString(4);
          out.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(new ObjectSample(rs.getLong(2), model,
              rs.getString(3), Category.fromSqlName(category), rs.getString(5) == null ? category : rs.getString(5),
              rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), rs.getDouble(9), rs.getDouble(10),
              rs.getDouble(11), rs.getDouble(12), Double.NaN, Double.NaN, rs.getDouble(13)));
        }
      }
    } catch (SQLException e) {
      throw new LakeException("reading predictions " + file + " failed: " + e.getMessage(), e);
    }
  }

  /** Rejects unknown categories, non-finite positions, yaws and scores, and non-positive or non-finite sizes. */
  private static void checkValues(Connection conn, Path file) throws SQLException {
    String categories = Arrays.stream(Category.values()).map(c -> "'" + c.sqlName() + "'")
        .collect(Collectors.joining(", "));
    firstBad(conn, file, "category", "category NOT IN (" + categories + ")",
        "unknown category; expected one of " + categories.replace("'", ""));
    for (String c : FINITE) {
      firstBad(conn, file, c, "NOT isfinite(" + c + ")", "expected a finite number");
    }
    for (String c : POSITIVE) {
      firstBad(conn, file, c, "NOT (isfinite(" + c + ") AND " + c + " > 0)", "expected a positive size in metres");
    }
  }

  /** Throws for the first row where {@code condition} holds, naming the row, the column and its value. */
  private static void firstBad(Connection conn, Path file, String column, String condition, String expected)
      throws SQLException {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT row_nr, " + column
        + "::VARCHAR FROM " + COLUMNS.table() + " WHERE " + condition + " ORDER BY row_nr LIMIT 1")) {
      if (rs.next()) {
        throw new IngestException(file, "row " + rs.getLong(1) + ", field " + column,
            expected + ", got '" + rs.getString(2) + "'");
      }
    }
  }
}
