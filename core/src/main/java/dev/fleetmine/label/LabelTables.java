package dev.fleetmine.label;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetmine.lake.CurationStore;
import dev.fleetmine.query.ClipRef;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes and reads a label version's {@code cuboids.parquet} and {@code tags.parquet} (columns in
 * docs/curation.md) through an in-memory DuckDB: rows go into a table with DuckDB's appender and out
 * with {@code COPY ... (FORMAT parquet)}, sorted so that the same labels always give the same file.
 */
public final class LabelTables {
  /** The cuboids.parquet columns, in file order. */
  public static final String CUBOID_DDL = "log_id VARCHAR, ts_ns BIGINT, track_id VARCHAR, category VARCHAR, raw_label VARCHAR,"
      + " x DOUBLE, y DOUBLE, z DOUBLE, length DOUBLE, width DOUBLE, height DOUBLE, yaw DOUBLE, annotator VARCHAR,"
      + " attributes VARCHAR";
  /** The tags.parquet columns, in file order. */
  public static final String TAG_DDL = "log_id VARCHAR, start_ns BIGINT, end_ns BIGINT, tag VARCHAR, annotator VARCHAR";

  private LabelTables() {}

  /** Writes {@code cuboids} to a new Parquet file (score goes into attributes, as {@code "score"}). */
  public static void writeCuboids(List<Cuboid> cuboids, Path file) throws IOException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
      exec(c, "CREATE TABLE t (" + CUBOID_DDL + ")");
      try (DuckDBAppender a = ((DuckDBConnection) c).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "t")) {
        for (Cuboid b : cuboids) {
          a.beginRow();
          a.append(b.logId());
          a.append(b.tsNs());
          text(a, b.trackId());
          a.append(b.category());
          a.append(b.rawLabel());
          a.append(b.x());
          a.append(b.y());
          a.append(b.z());
          a.append(b.length());
          a.append(b.width());
          a.append(b.height());
          a.append(b.yaw());
          a.append(b.annotator());
          a.append(attributesWithScore(b));
          a.endRow();
        }
      }
      exec(c, "COPY (SELECT * FROM t ORDER BY log_id, ts_ns, track_id NULLS LAST, category, x, y, z) TO " + path(file)
          + " (FORMAT parquet)");
    } catch (SQLException e) {
      throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes {@code tags} to a new Parquet file. */
  public static void writeTags(List<ClipTag> tags, Path file) throws IOException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
      exec(c, "CREATE TABLE t (" + TAG_DDL + ")");
      try (DuckDBAppender a = ((DuckDBConnection) c).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "t")) {
        for (ClipTag t : tags) {
          a.beginRow();
          a.append(t.clip().logId());
          a.append(t.clip().startNs());
          a.append(t.clip().endNs());
          a.append(t.tag());
          a.append(t.annotator());
          a.endRow();
        }
      }
      exec(c, "COPY (SELECT * FROM t ORDER BY log_id, start_ns, end_ns, tag, annotator) TO " + path(file) + " (FORMAT parquet)");
    } catch (SQLException e) {
      throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads a cuboids.parquet in file order. */
  public static List<Cuboid> readCuboids(Path file) throws IOException {
    List<Cuboid> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT log_id, ts_ns, track_id, category, raw_label, x, y, z, length, width, height,"
            + " yaw, annotator, attributes FROM read_parquet(" + path(file) + ")")) {
      while (rs.next()) {
        String attributes = rs.getString(14);
        out.add(new Cuboid(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getDouble(6),
            rs.getDouble(7), rs.getDouble(8), rs.getDouble(9), rs.getDouble(10), rs.getDouble(11), rs.getDouble(12),
            rs.getString(13), scoreOf(attributes), attributes));
      }
    } catch (SQLException e) {
      throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** Reads a tags.parquet in file order. */
  public static List<ClipTag> readTags(Path file) throws IOException {
    List<ClipTag> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT log_id, start_ns, end_ns, tag, annotator FROM read_parquet(" + path(file) + ")")) {
      while (rs.next()) {
        out.add(new ClipTag(new ClipRef(rs.getString(1), rs.getLong(2), rs.getLong(3)), rs.getString(4), rs.getString(5)));
      }
    } catch (SQLException e) {
      throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static String attributesWithScore(Cuboid b) {
    if (b.score() == null) {
      return b.attributes();
    }
    try {
      var node = (com.fasterxml.jackson.databind.node.ObjectNode) CurationStore.json().readTree(b.attributes());
      node.put("score", b.score());
      return CurationStore.json().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(node);
    } catch (IOException | ClassCastException e) {
      throw new IllegalArgumentException("attributes of a box are not a JSON object: " + b.attributes(), e);
    }
  }

  private static Double scoreOf(String attributes) {
    try {
      JsonNode n = CurationStore.json().readTree(attributes == null ? "{}" : attributes).get("score");
      return n != null && n.isNumber() ? n.asDouble() : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static void text(DuckDBAppender a, String s) throws SQLException {
    if (s == null) {
      a.appendNull();
    } else {
      a.append(s);
    }
  }

  static String path(Path p) {
    return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
