package dev.fleetmine.ingest.forecast;

import dev.fleetmine.lake.Lake;
import dev.fleetmine.lake.LakeException;
import dev.fleetmine.lake.LakeViews;
import dev.fleetmine.lake.Snapshot;
import dev.fleetmine.query.LakeQuery;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Writes one model's forecasts to a new file and publishes it in one snapshot, replacing the model's
 * earlier file: readers see the old forecasts or the new ones, never a mix, and a failure leaves no trace.
 */
final class ForecastWriter {
  private ForecastWriter() {}

  /**
   * What was committed.
   *
   * @param snapshot the published snapshot
   * @param rows     forecast rows written
   * @param agents   forecasts (distinct log, ts_ns, track_id)
   * @param logs     logs with at least one forecast
   * @param logIds   those logs, sorted
   */
  record Written(Snapshot snapshot, long rows, long agents, long logs, java.util.SortedSet<String> logIds) {}

  /** A model name is free text (it becomes a file name only after sanitising), but not blank. */
  static String checkModel(String model) {
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("a forecasting model needs a name, got '" + model + "'");
    }
    return model;
  }

  /**
   * Writes the rows of {@code select} (columns log_id, ts_ns, track_id, mode, probability, target_ts_ns,
   * x, y) as {@code model}'s forecasts, sorted, and commits them on top of the session's snapshot.
   *
   * @throws dev.fleetmine.lake.CommitConflictException if another writer committed since the session opened
   */
  static Written store(Lake lake, LakeQuery session, String model, String select, String operation) {
    Snapshot base = session.snapshot();
    Path file = lake.newForecastFile(model);
    boolean committed = false;
    try (Statement st = session.connection().createStatement()) {
      st.execute("COPY (SELECT " + LakeViews.quote(model) + "::VARCHAR AS model, log_id::VARCHAR AS log_id,"
          + " ts_ns::BIGINT AS ts_ns, track_id::VARCHAR AS track_id, mode::INTEGER AS mode,"
          + " probability::DOUBLE AS probability, target_ts_ns::BIGINT AS target_ts_ns, x::DOUBLE AS x, y::DOUBLE AS y"
          + " FROM (" + select + ") ORDER BY log_id, ts_ns, track_id, mode, target_ts_ns) TO "
          + LakeViews.quote(file.toString()) + " (" + Lake.PARQUET_COPY_OPTIONS + ")");
      long[] counts = counts(st, file);
      java.util.SortedSet<String> logIds = new java.util.TreeSet<>();
      try (ResultSet rs = st.executeQuery("SELECT DISTINCT log_id FROM read_parquet(" + LakeViews.quote(file.toString()) + ")")) {
        while (rs.next()) {
          logIds.add(rs.getString(1));
        }
      }
      Snapshot s = lake.commitForecasts(base, operation, Map.of(model, lake.relativize(file)));
      committed = true;
      String old = base.forecasts().get(model);
      if (old != null) {
        Lake.deleteQuietly(lake.resolve(old));
      }
      return new Written(s, counts[0], counts[1], counts[2], java.util.Collections.unmodifiableSortedSet(logIds));
    } catch (SQLException e) {
      throw new LakeException("cannot write the forecasts of model " + model + ": " + e.getMessage(), e);
    } finally {
      if (!committed) {
        Lake.deleteQuietly(file);
      }
    }
  }

  private static long[] counts(Statement st, Path file) throws SQLException {
    try (ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT (log_id, ts_ns, track_id)),"
        + " count(DISTINCT log_id) FROM read_parquet(" + LakeViews.quote(file.toString()) + ")")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
    }
  }
}
