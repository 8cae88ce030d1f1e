package dev.fleetmine.ingest;

import dev.fleetmine.ingest.map.LaneNeighborTable;
import dev.fleetmine.ingest.map.MapCellTable;
import dev.fleetmine.ingest.map.MapPointTable;
import dev.fleetmine.ingest.map.MapRaster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Derives the stored kinematics of one staged log in SQL, once, at ingest: ego velocity, speed,
 * acceleration, jerk and yaw rate; object velocity, speed, acceleration, yaw rate and track age; and the
 * ego-relative geometry of every object (longitudinal/lateral offset, distance, relative heading and
 * velocity, time to collision).
 *
 * <p>Derivatives are central differences over each sequence's neighbours (one-sided at the ends), so a
 * value at time t uses samples at t-1 and t+1. Values a source gives (a CAN speed, a tracker velocity)
 * win over derived ones. Differences across gaps longer than {@value #MAX_GAP_S} s are not taken.
 *
 * <p>Where the log has a map, ego and object positions are also looked up in its rasterized cells
 * (table {@value MapCellTable#NAME}, see {@link MapRaster}) and their poses in the exact distances of
 * table {@value MapPointTable#NAME} for the map columns of docs/schema.md, and each track's steps from a
 * lane to its neighbour in table {@value LaneNeighborTable#NAME} give column lane_change.
 */
final class Kinematics {
  static final double MAX_GAP_S = 1.0;
  /** Assumed ego width: sources do not give it, and TTC only needs it to tell a collision course from a pass. */
  static final double EGO_WIDTH_M = 2.0;
  /**
   * Extra clearance under which a closest approach still counts as a collision course: none, the boxes'
   * sides would touch. (0.5 m took an oncoming car passing 2.1 m centre to centre for a conflict.)
   */
  static final double COLLISION_MARGIN_M = 0.0;
  /** Heading change of a run of same-signed yaw rate that makes it a turn: RefAV's TURN_ANGLE_THRESH. */
  static final double TURN_DEG = 45;

  /** Where the map columns of ego and objects come from. */
  enum MapMode {
    /** No usable map (none, or positions in the ego frame): every map column is NULL. */
    NONE,
    /** Join the map cells; a position in no cell is off every feature. */
    CELLS,
    /** As CELLS, for maps that do not mark intersections: in_intersection stays NULL. */
    CELLS_WITHOUT_INTERSECTIONS
  }

  private Kinematics() {}

  /** Rejects a staged log whose rows cannot be joined: no ego rows, duplicate or orphan timestamps. */
  static void validate(Connection conn, LogInfo log) throws SQLException {
    if (Ingestor.count(conn, "SELECT count(*) FROM raw_ego") == 0) {
      throw IngestException.inLog(log.logId(), "has no ego states; every log needs at least one ego row");
    }
    try (Statement st = conn.createStatement()) {
      try (ResultSet rs = st.executeQuery(
          "SELECT ts_ns, count(*) FROM raw_ego GROUP BY ts_ns HAVING count(*) > 1 ORDER BY ts_ns LIMIT 1")) {
        if (rs.next()) {
          throw IngestException.inLog(log.logId(), "ego timestamp " + rs.getLong(1) + " appears "
              + rs.getLong(2) + " times; ego timestamps must be unique");
        }
      }
    }
    Orphans orphans = firstObjectsWithoutEgo(conn, "raw_ego");
    if (orphans != null) {
      throw IngestException.inLog(log.logId(), orphans.rows() + " object rows at ts_ns " + orphans.tsNs()
          + " have no ego state at that timestamp; object timestamps must match ego timestamps");
    }
    validateTracks(conn, log.logId());
  }

  /** The object rows of raw_objects at one timestamp that has no row in the ego table. */
  record Orphans(long tsNs, long rows) {}

  /** The earliest timestamp of raw_objects missing from {@code egoTable} (raw_ego or ego_d), or null. */
  static Orphans firstObjectsWithoutEgo(Connection conn, String egoTable) throws SQLException {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT o.ts_ns, count(*) FROM raw_objects o"
        + " ANTI JOIN " + egoTable + " e ON o.ts_ns = e.ts_ns GROUP BY o.ts_ns ORDER BY o.ts_ns LIMIT 1")) {
      return rs.next() ? new Orphans(rs.getLong(1), rs.getLong(2)) : null;
    }
  }

  /** Rejects a staged track with two boxes at one timestamp. */
  static void validateTracks(Connection conn, String logId) throws SQLException {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT source, track_id, ts_ns"
        + " FROM raw_objects WHERE track_id IS NOT NULL GROUP BY ALL HAVING count(*) > 1 ORDER BY ts_ns LIMIT 1")) {
      if (rs.next()) {
        throw IngestException.inLog(logId, "track " + rs.getString(2) + " of source " + rs.getString(1)
            + " has two boxes at ts_ns " + rs.getLong(3) + "; a track has at most one box per timestamp");
      }
    }
  }

  /** SQL that turns raw_ego into the temp table ego_d with every derived column. */
  static List<String> deriveStatements(boolean egoPoseKnown, MapMode map) {
    String pk = Boolean.toString(egoPoseKnown);
    String ego = """
        CREATE OR REPLACE TEMP TABLE ego_d AS
        WITH n AS (
          SELECT *, lag(ts_ns) OVER w AS t0, lead(ts_ns) OVER w AS t1,
            lag(x) OVER w AS x0, lead(x) OVER w AS x1, lag(y) OVER w AS y0, lead(y) OVER w AS y1,
            lag(yaw) OVER w AS yaw0, lead(yaw) OVER w AS yaw1
          FROM raw_ego WINDOW w AS (ORDER BY ts_ns)),
        v AS (
          SELECT ts_ns, x, y, z, yaw, speed AS sensor_speed, %1$s
            CASE WHEN %2$s AND speed IS NOT NULL THEN speed * cos(yaw)
              WHEN %2$s AND dt > 0 THEN (coalesce(x1, x) - coalesce(x0, x)) / dt END AS vx,
            CASE WHEN %2$s AND speed IS NOT NULL THEN speed * sin(yaw)
              WHEN %2$s AND dt > 0 THEN (coalesce(y1, y) - coalesce(y0, y)) / dt END AS vy,
            CASE WHEN %2$s AND dt > 0 THEN atan2(sin(coalesce(yaw1, yaw) - coalesce(yaw0, yaw)),
              cos(coalesce(yaw1, yaw) - coalesce(yaw0, yaw))) / dt END AS yaw_rate
          FROM n),
        s AS (SELECT *, coalesce(sensor_speed, sqrt(vx * vx + vy * vy)) AS speed FROM v),
        a0 AS (
          SELECT *, (coalesce(lead(speed) OVER w, speed) - coalesce(lag(speed) OVER w, speed)) / nullif(dt, 0) AS accel,
            %5$s
          FROM s WINDOW w AS (ORDER BY ts_ns)),
        %6$s
        a AS (SELECT * EXCLUDE (run, turn_deg), %7$s FROM turns),
        k AS (
          SELECT ts_ns, x, y, z, atan2(sin(yaw), cos(yaw)) AS yaw, vx, vy, speed, accel,
            (coalesce(lead(accel) OVER w, accel) - coalesce(lag(accel) OVER w, accel)) / nullif(dt, 0) AS jerk,
            yaw_rate, lat_accel, turn
          FROM a WINDOW w AS (ORDER BY ts_ns)),
        ek AS (SELECT k.*, %3$s FROM k%4$s),
        %8$s
        SELECT * FROM lc
        """.formatted(dt(), pk, mapColumns(map), mapJoin("k", map), latAccel(pk), turnRuns("a0", null), turn(),
        laneChange("ek", "", "true", map));
    return List.of(ego);
  }

  /** A SELECT over raw_objects joined with ego_d that yields every objects column but log_id. */
  static String objectsSelect(boolean egoPoseKnown, MapMode map) {
    String pk = Boolean.toString(egoPoseKnown);
    return """
        WITH n AS (
          SELECT *, lag(ts_ns) OVER w AS t0, lead(ts_ns) OVER w AS t1,
            lag(x) OVER w AS x0, lead(x) OVER w AS x1, lag(y) OVER w AS y0, lead(y) OVER w AS y1,
            lag(yaw) OVER w AS yaw0, lead(yaw) OVER w AS yaw1,
            min(ts_ns) OVER (PARTITION BY source, track_id) AS first_ts,
            CASE WHEN track_id IS NOT NULL THEN sqrt(power(max(x) OVER t - min(x) OVER t, 2)
              + power(max(y) OVER t - min(y) OVER t, 2) + power(max(z) OVER t - min(z) OVER t, 2)) END AS track_extent
          FROM raw_objects WINDOW w AS (PARTITION BY source, track_id ORDER BY ts_ns), t AS (PARTITION BY source, track_id)),
        d AS (
          SELECT *, %1$s
            CASE WHEN track_id IS NOT NULL THEN (coalesce(x1, x) - coalesce(x0, x)) / nullif(dt, 0) END AS dx,
            CASE WHEN track_id IS NOT NULL THEN (coalesce(y1, y) - coalesce(y0, y)) / nullif(dt, 0) END AS dy
          FROM n),
        v AS (
          SELECT ts_ns, source, track_id, category, raw_label, x, y, z, length, width, height,
            atan2(sin(yaw), cos(yaw)) AS yaw, score, dt, dx, dy, track_extent,
            CASE WHEN track_id IS NOT NULL THEN (ts_ns - first_ts) / 1e9 END AS track_age_s,
            CASE WHEN %2$s THEN coalesce(vx, dx) ELSE vx END AS vx,
            CASE WHEN %2$s THEN coalesce(vy, dy) ELSE vy END AS vy,
            CASE WHEN track_id IS NOT NULL AND dt > 0 THEN atan2(sin(coalesce(yaw1, yaw) - coalesce(yaw0, yaw)),
              cos(coalesce(yaw1, yaw) - coalesce(yaw0, yaw))) / dt END AS yaw_rate
          FROM d),
        s AS (SELECT *, sqrt(vx * vx + vy * vy) AS speed FROM v),
        a0 AS (
          SELECT *, CASE WHEN track_id IS NOT NULL THEN
            (coalesce(lead(speed) OVER w, speed) - coalesce(lag(speed) OVER w, speed)) / nullif(dt, 0) END AS accel,
            %9$s
          FROM s WINDOW w AS (PARTITION BY source, track_id ORDER BY ts_ns)),
        %10$s
        a AS (SELECT * EXCLUDE (run, turn_deg), %11$s FROM turns),
        g AS (
          SELECT a.*,
            CASE WHEN %2$s THEN (a.x - e.x) * cos(e.yaw) + (a.y - e.y) * sin(e.yaw) ELSE a.x END AS lon,
            CASE WHEN %2$s THEN -(a.x - e.x) * sin(e.yaw) + (a.y - e.y) * cos(e.yaw) ELSE a.y END AS lat,
            CASE WHEN %2$s THEN atan2(sin(a.yaw - e.yaw), cos(a.yaw - e.yaw)) ELSE a.yaw END AS rel_heading,
            CASE WHEN %2$s THEN (a.vx - e.vx) * cos(e.yaw) + (a.vy - e.vy) * sin(e.yaw) ELSE a.dx END AS rel_vlon,
            CASE WHEN %2$s THEN -(a.vx - e.vx) * sin(e.yaw) + (a.vy - e.vy) * cos(e.yaw) ELSE a.dy END AS rel_vlat%3$s
          FROM a JOIN ego_d e ON a.ts_ns = e.ts_ns),
        r AS (SELECT *, sqrt(lon * lon + lat * lat) AS distance,
            -(lon * rel_vlon + lat * rel_vlat) / nullif(rel_vlon * rel_vlon + rel_vlat * rel_vlat, 0) AS tca FROM g),
        c AS (SELECT *, sqrt(power(lon + rel_vlon * tca, 2) + power(lat + rel_vlat * tca, 2)) AS miss FROM r),
        o AS (SELECT ts_ns, source, track_id, category, raw_label, x, y, z, length, width, height, yaw,
          vx, vy, speed, accel, lat_accel, yaw_rate, turn, track_extent, score, track_age_s, lon, lat, distance,
          rel_heading, rel_vlon, rel_vlat,
          CASE WHEN distance > 0 AND (lon * rel_vlon + lat * rel_vlat) / distance < -1e-3
              AND miss < (%7$s + width) / 2 + %8$s
            THEN distance / (-(lon * rel_vlon + lat * rel_vlat) / distance) END AS ttc,
          %4$s, %5$s
        FROM c%6$s),
        %12$s
        SELECT * FROM lc
        """.formatted(dt(), pk, map == MapMode.NONE ? "" : ", e.lane_id AS ego_lane_id", mapColumns(map),
        sameLane(map), mapJoin("c", map), EGO_WIDTH_M, COLLISION_MARGIN_M, latAccel("track_id IS NOT NULL"),
        turnRuns("a0", "source, track_id"), turn(),
        laneChange("o", "PARTITION BY source, track_id ", "track_id IS NOT NULL", map));
  }

  /**
   * Acceleration across the heading (positive to the left), from the central difference of the velocity
   * rotated into the row's own heading, as RefAV's has_lateral_acceleration reads it; NULL unless
   * {@code when} holds.
   */
  private static String latAccel(String when) {
    return "CASE WHEN " + when + " THEN (-(coalesce(lead(vx) OVER w, vx) - coalesce(lag(vx) OVER w, vx)) * sin(yaw)"
        + " + (coalesce(lead(vy) OVER w, vy) - coalesce(lag(vy) OVER w, vy)) * cos(yaw)) / nullif(dt, 0) END AS lat_accel";
  }

  /**
   * CTEs {@code signs} and {@code turns} over {@code from}: runs of rows whose yaw rate keeps its sign
   * (per {@code partition}, or the whole ego track when null) and each run's heading change in degrees,
   * the sum of yaw rate times the time to the previous row (RefAV's turning integrates the same way).
   */
  private static String turnRuns(String from, String partition) {
    String by = partition == null ? "" : "PARTITION BY " + partition + " ";
    return """
        signs AS (
          SELECT *, CASE WHEN sign(yaw_rate) IS DISTINCT FROM lag(sign(yaw_rate)) OVER (%1$sORDER BY ts_ns)
            THEN 1 ELSE 0 END AS starts,
            coalesce((ts_ns - lag(ts_ns) OVER (%1$sORDER BY ts_ns)), (lead(ts_ns) OVER (%1$sORDER BY ts_ns) - ts_ns)) / 1e9 AS step
          FROM %2$s),
        runs AS (SELECT * EXCLUDE (starts), sum(starts) OVER (%1$sORDER BY ts_ns) AS run FROM signs),
        turns AS (
          SELECT * EXCLUDE (step), degrees(sum(coalesce(yaw_rate, 0) * coalesce(step, 0)) OVER (%3$s)) AS turn_deg FROM runs),
        """.formatted(by, from, partition == null ? "PARTITION BY run" : "PARTITION BY " + partition + ", run");
  }

  /** Column turn: 'left' or 'right' on every row of a run that turns more than TURN_DEG degrees. */
  private static String turn() {
    return "CASE WHEN turn_deg > " + TURN_DEG + " THEN 'left' WHEN turn_deg < -" + TURN_DEG + " THEN 'right' END AS turn";
  }

  /**
   * CTE {@code lc} over {@code from} (which has lane_id and turn): column lane_change, the side of the lane
   * change when the previous row's lane has this row's lane as a neighbour, or this row's lane has the
   * next row's (rows of one track, per {@code partition}, in time order), NULL on rows with a turn or where
   * {@code when} fails. This is RefAV's changing_lanes reduced to the two rows around each step: RefAV
   * also needs sideways motion at the step and widens the event while the position across the lane moves
   * monotonically (docs/schema.md#derived-kinematics).
   */
  private static String laneChange(String from, String partition, String when, MapMode map) {
    if (map == MapMode.NONE) {
      return "lc AS (SELECT *, NULL::VARCHAR AS lane_change FROM " + from + ")";
    }
    String n = LaneNeighborTable.NAME;
    return """
        ls AS (SELECT *, lag(lane_id) OVER w AS lane_prev, lead(lane_id) OVER w AS lane_next
          FROM %1$s WINDOW w AS (%2$sORDER BY ts_ns)),
        lc AS (
          SELECT ls.* EXCLUDE (lane_prev, lane_next),
            CASE WHEN %3$s AND turn IS NULL THEN coalesce(step_in.side, step_out.side) END AS lane_change
          FROM ls LEFT JOIN %4$s step_in ON step_in.lane_id = ls.lane_prev AND step_in.neighbor_id = ls.lane_id
            LEFT JOIN %4$s step_out ON step_out.lane_id = ls.lane_id AND step_out.neighbor_id = ls.lane_next)
        """.formatted(from, partition, when, n);
  }

  /**
   * The map columns lane_id, lane_type, in_intersection, on_crosswalk, on_drivable of the joined cell m,
   * and intersection_distance, crosswalk_distance, stop_sign_distance of the joined pose mp.
   */
  private static String mapColumns(MapMode map) {
    return switch (map) {
      case NONE -> "NULL::VARCHAR AS lane_id, NULL::VARCHAR AS lane_type, NULL::BOOLEAN AS in_intersection,"
          + " NULL::BOOLEAN AS on_crosswalk, NULL::BOOLEAN AS on_drivable, NULL::DOUBLE AS intersection_distance,"
          + " NULL::DOUBLE AS crosswalk_distance, NULL::DOUBLE AS stop_sign_distance";
      case CELLS, CELLS_WITHOUT_INTERSECTIONS -> "m.lane_id, m.lane_type, "
          + (map == MapMode.CELLS ? "coalesce(m.in_intersection, false)" : "NULL::BOOLEAN") + " AS in_intersection,"
          + " coalesce(m.on_crosswalk, false) AS on_crosswalk, coalesce(m.on_drivable, false) AS on_drivable,"
          + " mp.intersection_distance, mp.crosswalk_distance, mp.stop_sign_distance";
    };
  }

  /** objects.same_lane_map: the object's lane is ego's, when both are in a lane. */
  private static String sameLane(MapMode map) {
    return map == MapMode.NONE ? "NULL::BOOLEAN AS same_lane_map"
        : "CASE WHEN m.lane_id IS NOT NULL AND ego_lane_id IS NOT NULL THEN m.lane_id = ego_lane_id END AS same_lane_map";
  }

  /**
   * LEFT JOINs of the cell under {@code alias}'s position and of its pose's exact distances (nothing
   * without a map); {@code alias}.yaw is already normalized like {@link MapPointTable#YAW_SQL}.
   */
  private static String mapJoin(String alias, MapMode map) {
    if (map == MapMode.NONE) {
      return "";
    }
    String cell = Double.toString(MapRaster.CELL_M);
    return " LEFT JOIN " + MapCellTable.NAME + " m ON m.cx = floor(" + alias + ".x / " + cell + ") AND m.cy = floor("
        + alias + ".y / " + cell + ")"
        + " LEFT JOIN " + MapPointTable.NAME + " mp ON mp.pose_x = " + alias + ".x AND mp.pose_y = " + alias + ".y"
        + " AND mp.pose_yaw = " + alias + ".yaw";
  }

  /** The time between a row's neighbours in seconds, NULL across a gap longer than MAX_GAP_S. */
  private static String dt() {
    return "CASE WHEN (coalesce(t1, ts_ns) - coalesce(t0, ts_ns)) / 1e9 <= 2 * " + MAX_GAP_S
        + " THEN (coalesce(t1, ts_ns) - coalesce(t0, ts_ns)) / 1e9 END AS dt,";
  }
}
