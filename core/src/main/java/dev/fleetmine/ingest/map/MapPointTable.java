package dev.fleetmine.ingest.map;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The staging table of a log's exact map distances in the ingest's DuckDB: one row per distinct pose
 * {@code (pose_x, pose_y, pose_yaw)} of the log's ego and objects, with the {@link MapDistances} of that
 * pose, for the ingest to join rows with on their position and heading (the key columns are named so
 * that they do not shadow the rows' own x, y, yaw). The heading is normalized with the same SQL
 * expression as the derived tables' {@code yaw} ({@value #YAW_SQL}), so the join keys are bit-identical.
 */
public final class MapPointTable {
  /** Name of the table in the ingest database. */
  public static final String NAME = "map_points";
  /** How the derived tables normalize a raw heading; the key's yaw is computed the same way. */
  public static final String YAW_SQL = "atan2(sin(yaw), cos(yaw))";

  private MapPointTable() {}

  /** Creates the (empty) table. */
  public static void create(DuckDBConnection conn) throws SQLException {
    try (Statement st = conn.createStatement()) {
      st.execute("CREATE TABLE " + NAME + " (pose_x DOUBLE NOT NULL, pose_y DOUBLE NOT NULL, pose_yaw DOUBLE NOT NULL,"
          + " intersection_distance DOUBLE, crosswalk_distance DOUBLE, stop_sign_distance DOUBLE)");
    }
  }

  /**
   * Replaces the table's rows with the distances of every distinct pose that {@code positionsSql} yields
   * (columns x, y, yaw: log-local, raw heading); returns the row count.
   */
  public static long load(DuckDBConnection conn, VectorMap map, double originX, double originY,
      String positionsSql) throws SQLException {
    clear(conn);
    // read every pose before appending: the appender writes to the connection the query reads from
    double[] poses = new double[3 * 1024];
    int n = 0;
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT DISTINCT x, y, " + YAW_SQL
        + " FROM (" + positionsSql + ") WHERE x IS NOT NULL AND y IS NOT NULL AND yaw IS NOT NULL")) {
      while (rs.next()) {
        if (3 * n + 3 > poses.length) {
          poses = Arrays.copyOf(poses, 2 * poses.length);
        }
        for (int k = 0; k < 3; k++) {
          poses[3 * n + k] = rs.getDouble(k + 1);
        }
        n++;
      }
    }
    MapDistances d = new MapDistances(map, originX, originY);
    try (DuckDBAppender a = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, NAME)) {
      for (int i = 0; i < n; i++) {
        double x = poses[3 * i];
        double y = poses[3 * i + 1];
        double yaw = poses[3 * i + 2];
        a.beginRow().append(x).append(y).append(yaw);
        appendNullable(a, d.intersection(x, y));
        appendNullable(a, d.crosswalk(x, y));
        appendNullable(a, d.stopSign(x, y, yaw));
        a.endRow();
      }
    }
    return n;
  }

  /** Deletes every row (after a log is written). */
  public static void clear(DuckDBConnection conn) throws SQLException {
    try (Statement st = conn.createStatement()) {
      st.execute("DELETE FROM " + NAME);
    }
  }

  private static void appendNullable(DuckDBAppender a, Double v) throws SQLException {
    if (v == null) {
      a.appendNull();
    } else {
      a.append(v.doubleValue());
    }
  }
}
