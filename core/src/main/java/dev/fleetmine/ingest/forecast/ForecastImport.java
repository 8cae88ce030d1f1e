package dev.fleetmine.ingest.forecast;

import dev.fleetmine.ingest.IngestException;
import dev.fleetmine.lake.Lake;
import dev.fleetmine.query.LakeQuery;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Imports a model's trajectory forecasts from a native CSV or Parquet file (docs/formats/forecasts.md)
 * into the lake's {@code forecasts} table, replacing that model's earlier forecasts atomically.
 *
 * <p>Every rule is checked before anything is written: a bad file throws {@link IngestException} naming
 * the file, the row (1-based, header excluded) and the column, and leaves the lake as it was.
 */
public final class ForecastImport {
  private ForecastImport() {}

  /**
   * What one import committed.
   *
   * @param model           the model
   * @param rows            forecast rows (one per agent, moment, mode and target timestamp)
   * @param agents          forecasts: distinct (log, ts_ns, track_id)
   * @param logs            logs with forecasts
   * @param snapshotVersion the snapshot published
   * @param elapsed         wall time
   */
  public record Imported(String model, long rows, long agents, long logs, long snapshotVersion, Duration elapsed) {}

  /**
   * Validates {@code file} against the lake's current snapshot and commits it as {@code model}'s forecasts.
   *
   * @throws IngestException for a file that breaks a rule; nothing is written
   * @throws dev.fleetmine.lake.CommitConflictException if another writer committed meanwhile; nothing is written
   */
  public static Imported importFile(Lake lake, String model, Path file) {
    ForecastWriter.checkModel(model);
    long start = System.nanoTime();
    try (LakeQuery session = LakeQuery.open(lake)) {
      try {
        ForecastInput.load(session.connection(), file);
        ForecastChecks.check(session.connection(), file);
      } catch (SQLException e) {
        throw new IngestException(file, "", ForecastInput.firstLine(e.getMessage()), e);
      }
      ForecastWriter.Written w = ForecastWriter.store(lake, session, model, "SELECT log_id, ts_ns, track_id, mode,"
          + " probability, target_ts_ns, x, y FROM " + ForecastInput.TABLE, "import forecasts " + model + " from "
          + file.getFileName());
      return new Imported(model, w.rows(), w.agents(), w.logs(), w.snapshot().version(),
          Duration.ofNanos(System.nanoTime() - start));
    }
  }
}
