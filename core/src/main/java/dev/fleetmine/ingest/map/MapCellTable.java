package dev.fleetmine.ingest.map;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongPredicate;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The staging table of a log's rasterized map in the ingest's DuckDB: one row per non-empty cell that
 * some position of the log falls in, keyed by cell indices, for the ingest to join positions with on
 * {@code (floor(x / 0.5), floor(y / 0.5))}. Cells no position reads are not staged (a map has tens of
 * thousands of cells, a log's positions touch a few thousand).
 */
public final class MapCellTable {
  /** Name of the table in the ingest database. */
  public static final String NAME = "map_cells";

  private MapCellTable() {}

  /** Creates the (empty) table. */
  public static void create(DuckDBConnection conn) throws SQLException {
    try (Statement st = conn.createStatement()) {
      st.execute("CREATE TABLE " + NAME + " (cx INTEGER NOT NULL, cy INTEGER NOT NULL, lane_id VARCHAR,"
          + " lane_type VARCHAR, in_intersection BOOLEAN, on_crosswalk BOOLEAN NOT NULL, on_drivable BOOLEAN NOT NULL)");
    }
  }

  /**
   * Replaces the table's rows with the non-empty cells of {@code map} under the log-local positions that
   * {@code positionsSql} yields (columns x, y); returns the row count.
   */
  public static long load(DuckDBConnection conn, VectorMap map, double originX, double originY,
      String positionsSql) throws SQLException {
    Set<Long> wanted = new HashSet<>();
    int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE};
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT DISTINCT floor(x / "
        + MapRaster.CELL_M + "), floor(y / " + MapRaster.CELL_M + ") FROM (" + positionsSql + ")")) {
      while (rs.next()) {
        int cx = MapRaster.index(rs.getDouble(1));
        int cy = MapRaster.index(rs.getDouble(2));
        wanted.add(MapRaster.key(cx, cy));
        box[0] = Math.min(box[0], cx);
        box[1] = Math.min(box[1], cy);
        box[2] = Math.max(box[2], cx);
        box[3] = Math.max(box[3], cy);
      }
    }
    return load(conn, map, originX, originY, new MapRaster.Window(box[0], box[1], box[2], box[3]), wanted::contains);
  }

  /** Replaces the table's rows with the kept non-empty cells of {@code map} in {@code window}. */
  static long load(DuckDBConnection conn, VectorMap map, double originX, double originY, MapRaster.Window window,
      LongPredicate keep) throws SQLException {
    clear(conn);
    try (DuckDBAppender a = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, NAME)) {
      return MapRaster.rasterize(map, originX, originY, window, keep, c -> {
        a.beginRow().append(c.cx()).append(c.cy());
        appendNullable(a, c.laneId());
        appendNullable(a, c.laneType());
        if (c.inIntersection() == null) {
          a.appendNull();
        } else {
          a.append(c.inIntersection().booleanValue());
        }
        a.append(c.onCrosswalk()).append(c.onDrivable()).endRow();
      });
    }
  }

  /** Deletes every row (after a log is written). */
  public static void clear(DuckDBConnection conn) throws SQLException {
    try (Statement st = conn.createStatement()) {
      st.execute("DELETE FROM " + NAME);
    }
  }

  private static void appendNullable(DuckDBAppender a, String s) throws SQLException {
    if (s == null) {
      a.appendNull();
    } else {
      a.append(s);
    }
  }
}
