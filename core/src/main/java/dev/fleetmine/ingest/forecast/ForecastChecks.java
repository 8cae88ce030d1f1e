package dev.fleetmine.ingest.forecast;

import dev.fleetmine.ingest.IngestException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The rules a loaded forecast file must follow (docs/formats/forecasts.md), checked in SQL over
 * {@link ForecastInput#TABLE} against the snapshot's {@code logs} and {@code objects} views. Each rule
 * reports its first offending row (smallest row number) with the column to blame.
 */
final class ForecastChecks {
  private static final String T = ForecastInput.TABLE;

  private ForecastChecks() {}

  /** Runs every rule; the first violation throws {@link IngestException}. */
  static void check(Connection conn, Path file) throws SQLException {
    long rows = scalar(conn, "SELECT count(*) FROM " + T);
    if (rows == 0) {
      throw new IngestException(file, "", "has no rows; a model's forecasts need at least one");
    }
    values(conn, file);
    references(conn, file);
    consistency(conn, file);
  }

  /** Per-row rules: mode, finite positions, target after the forecast moment, probability range. */
  private static void values(Connection conn, Path file) throws SQLException {
    rule(conn, file, "mode", "SELECT row_nr, 'must be >= 0, got ' || mode FROM " + T + " WHERE mode < 0");
    rule(conn, file, "x", "SELECT row_nr, 'must be a finite number, got ' || x FROM " + T + " WHERE NOT isfinite(x)");
    rule(conn, file, "y", "SELECT row_nr, 'must be a finite number, got ' || y FROM " + T + " WHERE NOT isfinite(y)");
    rule(conn, file, "target_ts_ns", "SELECT row_nr, 'must be after ts_ns (' || ts_ns || '), got ' || target_ts_ns"
        + " FROM " + T + " WHERE target_ts_ns <= ts_ns");
    rule(conn, file, "probability", "SELECT row_nr, 'must be in [0, 1], got ' || probability FROM " + T
        + " WHERE NOT (probability BETWEEN 0 AND 1)");
  }

  /** The log must be in the snapshot and the track must have a ground-truth row at the forecast moment. */
  private static void references(Connection conn, Path file) throws SQLException {
    rule(conn, file, "log_id", "SELECT row_nr, 'log ''' || log_id || ''' is not in the lake; logs: '"
        + " || coalesce((SELECT string_agg(log_id, ', ' ORDER BY log_id) FROM (SELECT log_id FROM logs ORDER BY log_id"
        + " LIMIT 10)), '(none)') || CASE WHEN (SELECT count(*) FROM logs) > 10 THEN ', ...' ELSE '' END"
        + " FROM " + T + " WHERE log_id NOT IN (SELECT log_id FROM logs)");
    rule(conn, file, "track_id", "SELECT min(f.row_nr), 'track ''' || f.track_id || ''' has no ground-truth row in log '''"
        + " || f.log_id || ''' at ts_ns ' || f.ts_ns || ' (the forecast moment)' FROM " + T + " f"
        + " ANTI JOIN (SELECT DISTINCT log_id, ts_ns, track_id FROM objects WHERE source = 'gt') o"
        + " ON o.log_id = f.log_id AND o.ts_ns = f.ts_ns AND o.track_id = f.track_id GROUP BY f.log_id, f.ts_ns, f.track_id");
  }

  /** One row per target of a mode; one probability per mode, all modes or none; modes share their targets. */
  private static void consistency(Connection conn, Path file) throws SQLException {
    rule(conn, file, "target_ts_ns", "SELECT row_nr, 'repeats row ' || first_row || ' (same log_id, ts_ns, track_id,"
        + " mode and target_ts_ns)' FROM (SELECT row_nr, first_value(row_nr) OVER (PARTITION BY log_id, ts_ns, track_id,"
        + " mode, target_ts_ns ORDER BY row_nr) AS first_row FROM " + T + ") WHERE row_nr <> first_row");
    rule(conn, file, "probability", "SELECT min(row_nr) FILTER (WHERE probability IS NULL), 'is empty while row '"
        + " || min(row_nr) FILTER (WHERE probability IS NOT NULL) || ' of the same forecast (log_id, ts_ns, track_id)"
        + " has one: give every mode a probability or none' FROM " + T + " GROUP BY log_id, ts_ns, track_id"
        + " HAVING count(probability) > 0 AND count(probability) < count(*)");
    rule(conn, file, "probability", "SELECT row_nr, 'is ' || probability || ' but row ' || first_row || ' of the same"
        + " mode has ' || first_p || ' (one probability per mode)' FROM (SELECT row_nr, probability, first_value(row_nr)"
        + " OVER w AS first_row, first_value(probability) OVER w AS first_p FROM " + T + " WINDOW w AS (PARTITION BY"
        + " log_id, ts_ns, track_id, mode ORDER BY row_nr)) WHERE probability <> first_p");
    rule(conn, file, "target_ts_ns", "WITH agent AS (SELECT log_id, ts_ns, track_id, count(DISTINCT target_ts_ns) AS n"
        + " FROM " + T + " GROUP BY ALL), modes AS (SELECT log_id, ts_ns, track_id, mode, count(*) AS k, min(row_nr) AS r"
        + " FROM " + T + " GROUP BY ALL) SELECT m.r, 'mode ' || m.mode || ' of track ''' || m.track_id || ''' at ts_ns '"
        + " || m.ts_ns || ' has ' || m.k || ' target timestamps, but the modes of this forecast have ' || a.n"
        + " || ' distinct ones: every mode must give the same target timestamps'"
        + " FROM modes m JOIN agent a USING (log_id, ts_ns, track_id) WHERE m.k <> a.n");
  }

  /** Runs a query of (row, message) and throws for its smallest row, if any. */
  private static void rule(Connection conn, Path file, String column, String sql) throws SQLException {
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM (" + sql + ") ORDER BY 1 LIMIT 1")) {
      if (rs.next()) {
        throw new IngestException(file, "row " + rs.getLong(1) + ", column " + column, rs.getString(2));
      }
    }
  }

  private static long scalar(Connection conn, String sql) throws SQLException {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
