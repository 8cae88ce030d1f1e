package dev.fleetmine.ingest;

import static java.util.Objects.requireNonNull;

import dev.fleetmine.ingest.map.MapFiles;
import dev.fleetmine.lake.Lake;
import dev.fleetmine.lake.LakeException;
import dev.fleetmine.lake.LakeViews;
import dev.fleetmine.lake.LogEntry;
import dev.fleetmine.lake.Snapshot;
import dev.fleetmine.lake.Table;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Adds one model's predictions to logs already in the lake without re-ingesting them: per log it stages
 * the new rows, derives their columns with the ingest's SQL ({@link Kinematics#objectsSelect}) against the
 * log's stored ego rows (and map cells), and writes a new objects file (the old rows of every other source
 * plus the new ones, so a second import of the model replaces its rows) and a new logs file (object_rows
 * updated). {@link #commit} publishes every log in one snapshot; ego, events and the map stay the same files.
 *
 * <p>Like {@link Ingestor}, closing a writer that did not commit deletes every file it wrote.
 */
public final class PredictionWriter implements AutoCloseable {
  /** How many known log ids an unknown-log error lists. */
  private static final int KNOWN_IDS_SHOWN = 5;

  private final Lake lake;
  private final Snapshot base;
  private final String model;
  private final DuckDBConnection conn;
  private final Path staging;
  private final Map<String, LogEntry> written = new LinkedHashMap<>();
  private final List<Path> createdFiles = new ArrayList<>();
  private long rows;
  private boolean committed;

  private PredictionWriter(Lake lake, String model) {
    this.lake = lake;
    this.model = model;
    this.base = lake.current();
    this.staging = lake.newStagingDir();
    try {
      this.conn = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
      try (Statement st = conn.createStatement()) {
        st.execute("SET temp_directory = " + LakeViews.quote(staging.toString()));
        st.execute(Ingestor.RAW_OBJECTS_DDL);
      }
      Ingestor.createMapStaging(conn);
    } catch (SQLException e) {
      Lake.deleteTreeQuietly(staging);
      throw new LakeException("cannot start the prediction writer (DuckDB): " + e.getMessage(), e);
    }
  }

  /**
   * Starts writing predictions of {@code model} (its {@code source}: name or name@version, not {@code gt})
   * against the lake's current snapshot.
   */
  public static PredictionWriter begin(Lake lake, String model) {
    requireNonNull(lake, "lake is null");
    requireNonNull(model, "model is null");
    if (model.isBlank() || !model.strip().equals(model)) {
      throw new IllegalArgumentException("model name '" + model + "' is blank or has surrounding spaces");
    }
    if (model.equals(ObjectSample.GROUND_TRUTH)) {
      throw new IllegalArgumentException("model name '" + model + "' is reserved for ground truth");
    }
    return new PredictionWriter(lake, model);
  }

  public String model() {
    return model;
  }

  /**
   * Replaces the model's rows in log {@code logId} with {@code predictions} (all of the log's rows; an
   * empty list removes the model from the log) and writes the log's new objects and logs files.
   *
   * @throws IngestException if the log is not in the lake or a prediction's timestamp has no ego row
   * @throws IllegalArgumentException if a row's source is not the model or the log was already added
   */
  public void add(String logId, List<ObjectSample> predictions) {
    requireNonNull(logId, "logId is null");
    requireNonNull(predictions, "predictions is null");
    if (committed) {
      throw new IllegalStateException("already committed");
    }
    if (written.containsKey(logId)) {
      throw new IllegalArgumentException("log " + logId + " was already added; pass all of a log's predictions"
          + " in one call");
    }
    for (int i = 0; i < predictions.size(); i++) {
      if (!model.equals(predictions.get(i).source())) {
        throw new IllegalArgumentException("prediction " + i + " of log " + logId + " has source '"
            + predictions.get(i).source() + "', expected the model '" + model + "'");
      }
    }
    LogEntry old = base.log(logId).orElseThrow(() -> unknownLog(logId));
    if (!Table.schemaId().equals(old.schema())) {
      throw IngestException.inLog(logId, "was written by an older Fleetmine (schema " + old.schema()
          + ", now " + Table.schemaId() + "); re-ingest it before adding predictions");
    }
    try {
      written.put(logId, write(old, predictions));
      rows += predictions.size();
    } catch (SQLException e) {
      throw new LakeException("cannot write predictions of model " + model + " to log " + logId + ": "
          + e.getMessage(), e);
    } finally {
      clearStaging();
    }
  }

  /** Stages, validates and derives one log's predictions and writes its new objects and logs files. */
  private LogEntry write(LogEntry old, List<ObjectSample> predictions) throws SQLException {
    String logId = old.logId();
    StoredLog log = storedLog(old);
    try (DuckDBAppender a = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "raw_objects")) {
      for (ObjectSample o : predictions) {
        Ingestor.appendObject(a, o);
      }
    }
    try (Statement st = conn.createStatement()) {
      // The stored ego rows are exactly the ingest's ego_d (ego columns are stored as DOUBLE).
      st.execute("CREATE OR REPLACE TEMP TABLE ego_d AS SELECT * EXCLUDE (log_id) FROM read_parquet("
          + file(old, Table.EGO) + ")");
    }
    Kinematics.Orphans orphans = Kinematics.firstObjectsWithoutEgo(conn, "ego_d");
    if (orphans != null) {
      throw IngestException.inLog(logId, orphans.rows() + " predictions of model " + model + " at ts_ns "
          + orphans.tsNs() + " have no ego state at that timestamp; prediction timestamps must match the log's"
          + " ego timestamps");
    }
    Kinematics.validateTracks(conn, logId);
    Kinematics.MapMode mapMode = Ingestor.stageMap(conn,
        log.mapFile() == null ? null : MapFiles.read(lake.resolve(log.mapFile())), log.egoPoseKnown(),
        log.originX(), log.originY(), "SELECT x, y, yaw FROM raw_objects");
    Map<Table, String> files = new EnumMap<>(old.files());
    try (Statement st = conn.createStatement()) {
      Path objects = created(lake.newDataFile(Table.OBJECTS, logId));
      Ingestor.copyTo(st, "SELECT " + Table.OBJECTS.columnNames() + " FROM read_parquet(" + file(old, Table.OBJECTS)
          + ") WHERE source <> " + LakeViews.quote(model) + " UNION ALL SELECT " + LakeViews.quote(logId)
          + " AS log_id, " + Table.OBJECTS.castColumns().replace("CAST(log_id AS VARCHAR) AS log_id, ", "")
          + " FROM (" + Kinematics.objectsSelect(log.egoPoseKnown(), mapMode) + ")", objects);
      Path logs = created(lake.newDataFile(Table.LOGS, logId));
      Ingestor.copyTo(st, "SELECT * REPLACE ((SELECT count(*) FROM read_parquet("
          + LakeViews.quote(objects.toString()) + ")) AS object_rows) FROM read_parquet(" + file(old, Table.LOGS)
          + ")", logs);
      files.put(Table.OBJECTS, lake.relativize(objects));
      files.put(Table.LOGS, lake.relativize(logs));
    }
    return new LogEntry(logId, files, old.mapFile(), old.schema());
  }

  /** What derivation needs from the log's stored logs row. */
  private record StoredLog(boolean egoPoseKnown, double originX, double originY, String mapFile) {}

  private StoredLog storedLog(LogEntry entry) throws SQLException {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT ego_pose_known, origin_x,"
        + " origin_y, map_file FROM read_parquet(" + file(entry, Table.LOGS) + ")")) {
      if (!rs.next()) {
        throw new LakeException("logs file " + entry.file(Table.LOGS) + " of log " + entry.logId() + " is empty");
      }
      return new StoredLog(rs.getBoolean(1), rs.getDouble(2), rs.getDouble(3), rs.getString(4));
    }
  }

  private String file(LogEntry entry, Table table) {
    return LakeViews.quote(lake.resolve(entry.file(table)).toString());
  }

  private IngestException unknownLog(String logId) {
    List<String> known = base.logs().keySet().stream().limit(KNOWN_IDS_SHOWN).toList();
    String list = known.isEmpty() ? "the lake has no logs"
        : "known logs: " + String.join(", ", known)
            + (base.logs().size() > known.size() ? ", ... (" + base.logs().size() + " in all)" : "");
    return IngestException.inLog(logId, "is not in the lake (predictions of model " + model + " need a log"
        + " ingested before); " + list);
  }

  private void clearStaging() {
    try (Statement st = conn.createStatement()) {
      st.execute("DELETE FROM raw_objects; " + Ingestor.CLEAR_MAP_STAGING + " DROP TABLE IF EXISTS ego_d;");
    } catch (SQLException e) {
      throw new LakeException("cannot clear the prediction writer's staging tables: " + e.getMessage(), e);
    }
  }

  private Path created(Path p) {
    createdFiles.add(p);
    return p;
  }

  /** Logs written so far, in order. */
  public List<String> logIds() {
    return List.copyOf(written.keySet());
  }

  /** Prediction rows written so far. */
  public long rows() {
    return rows;
  }

  /**
   * Publishes every log written so far in one snapshot and deletes the objects and logs files it replaced.
   *
   * @param operation what to record in the snapshot, for example {@code predictions add pointrcnn@v2}
   */
  public Snapshot commit(String operation) {
    if (committed) {
      throw new IllegalStateException("already committed");
    }
    Snapshot next = lake.commit(base, operation, written, List.of());
    committed = true;
    for (String id : written.keySet()) {
      LogEntry old = base.log(id).orElseThrow();
      // ego, events and the map are shared by the old and the new entry: only these two were replaced
      Lake.deleteQuietly(lake.resolve(old.file(Table.OBJECTS)));
      Lake.deleteQuietly(lake.resolve(old.file(Table.LOGS)));
    }
    return next;
  }

  /** Releases DuckDB; if {@link #commit} did not succeed, deletes every file this writer wrote. */
  @Override
  public void close() {
    Ingestor.release(conn, committed, createdFiles, staging);
  }
}
