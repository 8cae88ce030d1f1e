package dev.fleetmine.synth;

import java.util.Map;

/**
 * The frame conditions of docs/synthetic-fleet.md as SQL over the lake views: each query returns the
 * (log_id, ts_ns) frames where its scenario's defining condition holds.
 */
final class ScenarioContract {
  private ScenarioContract() {}

  static final String VEHICLE = "category IN ('car', 'truck', 'bus')";

  static final Map<ScenarioType, String> FRAMES = Map.ofEntries(Map.entry(
      ScenarioType.OVERTAKING_ON_RIGHT,
      "SELECT DISTINCT o.log_id, o.ts_ns FROM objects o JOIN ego e USING (log_id, ts_ns) WHERE o.source = 'gt' AND o."
          + VEHICLE + " AND o.lat > -5.25 AND o.lat <= -1.75 AND abs(o.lon) < 5 AND o.rel_vlon > 1"
          + " AND abs(o.rel_heading) < pi() / 6 AND e.speed > 5"), Map.entry(
      ScenarioType.NEAR_MISS,
      "SELECT DISTINCT log_id, ts_ns FROM objects WHERE source = 'gt' AND ttc < 1.5 AND ((" + VEHICLE
          + " AND distance < 20 AND abs(lat) < 2.5) OR (category IN ('pedestrian', 'cyclist')"
          + " AND distance < 15 AND abs(lat) < 3))"), Map.entry(
      ScenarioType.STOPPED_VEHICLE,
      "SELECT DISTINCT o.log_id, o.ts_ns FROM objects o JOIN ego e USING (log_id, ts_ns) WHERE o.source = 'gt' AND o."
          + VEHICLE + " AND o.speed < 0.5 AND o.lon > 0 AND abs(o.lat) <= o.lon AND o.distance < 50"
          + " AND abs(o.lat) < 5.25 AND e.speed > 3"), Map.entry(
      ScenarioType.JAYWALKER,
      "SELECT DISTINCT log_id, ts_ns FROM objects WHERE source = 'gt' AND category = 'pedestrian' AND speed > 0.3"
          + " AND abs(rel_vlat) > 0.7 * speed AND lon > 0 AND abs(lat) <= lon AND distance < 30 AND abs(lat) < 5.25"),
      Map.entry(ScenarioType.HARD_BRAKE,
      "SELECT log_id, ts_ns FROM ego WHERE accel < -4.0"),
      Map.entry(ScenarioType.LEFT_TURN_ACROSS_ONCOMING,
      "SELECT log_id, ts_ns FROM ego WHERE yaw_rate > 0.15"),
      Map.entry(ScenarioType.LEAD_VEHICLE_STOPPED,
      "SELECT DISTINCT log_id, ts_ns FROM objects WHERE source = 'gt' AND " + VEHICLE
          + " AND speed < 0.5 AND abs(lat) < 1.5 AND lon > 0 AND lon < 40 AND abs(rel_heading) < 0.35"),
      Map.entry(ScenarioType.PEDESTRIAN_CROSSING,
      "SELECT DISTINCT o.log_id, o.ts_ns FROM objects o JOIN ego e USING (log_id, ts_ns)"
          + " WHERE o.source = 'gt' AND o.category = 'pedestrian' AND abs(o.lat) < 2.0 AND o.lon > 0 AND o.lon < 40"
          + " AND abs(e.yaw_rate) < 0.1"),
      Map.entry(ScenarioType.CUT_IN,
      "SELECT DISTINCT log_id, ts_ns FROM (SELECT o.log_id, o.ts_ns, o.lat, o.lon, o.rel_heading, e.yaw_rate,"
          + " lag(abs(o.lat)) OVER w AS prev_abs_lat,"
          + " max(abs(o.lat)) OVER (PARTITION BY o.log_id, o.track_id ORDER BY o.ts_ns"
          + "   RANGE BETWEEN 5000000000 PRECEDING AND CURRENT ROW) AS max_abs_lat_5s"
          + " FROM objects o JOIN ego e USING (log_id, ts_ns) WHERE o.source = 'gt' AND o." + VEHICLE
          + " WINDOW w AS (PARTITION BY o.log_id, o.track_id ORDER BY o.ts_ns))"
          + " WHERE abs(lat) <= 1.0 AND prev_abs_lat > 1.0 AND max_abs_lat_5s >= 2.5 AND lon > 0 AND lon < 20"
          + " AND abs(rel_heading) < 0.35 AND abs(yaw_rate) < 0.1"));

  /** Truth intervals of one type from the lake's events. */
  static String truth(ScenarioType type) {
    return "SELECT log_id, ts_ns AS t0, end_ns AS t1, track_ids FROM events WHERE source = 'synthetic-truth'"
        + " AND type = '" + type.eventType() + "'";
  }

  /** Condition frames outside every truth interval of their type (must be empty). */
  static String falsePositives(ScenarioType type) {
    return "SELECT f.log_id, f.ts_ns FROM (" + FRAMES.get(type) + ") f ANTI JOIN (" + truth(type) + ") t"
        + " ON f.log_id = t.log_id AND f.ts_ns BETWEEN t.t0 AND t.t1 ORDER BY 1, 2";
  }

  /** Truth intervals of the type with how many condition frames they contain. */
  static String coverage(ScenarioType type) {
    return "SELECT t.log_id, t.t0, t.t1, count(f.ts_ns) AS frames FROM (" + truth(type) + ") t LEFT JOIN ("
        + FRAMES.get(type) + ") f ON f.log_id = t.log_id AND f.ts_ns BETWEEN t.t0 AND t.t1 GROUP BY ALL ORDER BY 1, 2";
  }
}
