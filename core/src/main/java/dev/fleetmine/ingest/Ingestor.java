package dev.fleetmine.ingest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetmine.ingest.map.LaneNeighborTable;
import dev.fleetmine.ingest.map.MapCellTable;
import dev.fleetmine.ingest.map.MapFiles;
import dev.fleetmine.ingest.map.MapPointTable;
import dev.fleetmine.ingest.map.MapRaster;
import dev.fleetmine.ingest.map.VectorMap;
import dev.fleetmine.lake.Lake;
import dev.fleetmine.lake.LakeException;
import dev.fleetmine.lake.LakeViews;
import dev.fleetmine.lake.LogEntry;
import dev.fleetmine.lake.Snapshot;
import dev.fleetmine.lake.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
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
 * The write path of the lake: a {@link LogSink} that stages each log's rows in an in-process DuckDB,
 * derives kinematics once per log (see {@link Kinematics}), looks positions up in the log's map when it
 * has one (see {@link MapRaster}), writes one Parquet file per table per log,
 * and publishes all logs of the ingest in one atomic snapshot on {@link #commit}.
 *
 * <p>Memory is bounded by the largest log, not the fleet: a log's staged rows are dropped as soon as
 * its files are written. Closing an ingestor that was not committed deletes every file it wrote, so a
 * failed ingest leaves the lake as it was (and a crash leaves only unreferenced files that
 * {@link Lake#vacuum()} removes).
 */
public final class Ingestor implements LogSink, AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ID_SEPARATOR = "\u001f";
  /** The staging table of a log's object rows as importers give them, before anything is derived. */
  static final String RAW_OBJECTS_DDL = "CREATE TABLE raw_objects (ts_ns BIGINT, source VARCHAR, track_id VARCHAR,"
      + " category VARCHAR, raw_label VARCHAR, x DOUBLE, y DOUBLE, z DOUBLE, length DOUBLE, width DOUBLE,"
      + " height DOUBLE, yaw DOUBLE, vx DOUBLE, vy DOUBLE, score DOUBLE)";

  private final Lake lake;
  private final Snapshot base;
  private final DuckDBConnection conn;
  private final Path staging;
  private final Map<String, LogEntry> written = new LinkedHashMap<>();
  private final List<Path> createdFiles = new ArrayList<>();
  private final WriteHook writeHook;
  private LogInfo current;
  private VectorMap currentMap;
  private DuckDBAppender egoAppender;
  private DuckDBAppender objectAppender;
  private DuckDBAppender eventAppender;
  private long egoRows;
  private long objectRows;
  private boolean committed;
  private long validateNanos;
  private long deriveNanos;
  private long writeNanos;
  private long egoDeriveNanos;
  private long mapNanos;

  /** Called after each log's files are written; tests use it to fail an ingest midway. */
  public interface WriteHook {
    WriteHook NONE = (log, index) -> {};

    void afterLog(String logId, int index) throws IOException;
  }

  private Ingestor(Lake lake, WriteHook writeHook) {
    this.lake = lake;
    this.base = lake.current();
    this.writeHook = writeHook;
    this.staging = lake.newStagingDir();
    try {
      this.conn = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
      try (Statement st = conn.createStatement()) {
        st.execute("SET temp_directory = " + LakeViews.quote(staging.toString()));
        st.execute("SET preserve_insertion_order = false");
        st.execute("CREATE TABLE raw_ego (ts_ns BIGINT, x DOUBLE, y DOUBLE, z DOUBLE, yaw DOUBLE, speed DOUBLE)");
        st.execute(RAW_OBJECTS_DDL);
        st.execute("CREATE TABLE raw_events (ts_ns BIGINT, end_ns BIGINT, type VARCHAR, source VARCHAR,"
            + " track_ids VARCHAR, detail VARCHAR)");
      }
      createMapStaging(conn);
    } catch (SQLException e) {
      throw new LakeException("cannot start the ingest engine (DuckDB): " + e.getMessage(), e);
    }
  }

  /** Starts an ingest against the lake's current snapshot. */
  public static Ingestor begin(Lake lake) {
    return new Ingestor(requireNonNull(lake, "lake is null"), WriteHook.NONE);
  }

  /** Starts an ingest that calls {@code hook} after each log is written (fault injection). */
  public static Ingestor begin(Lake lake, WriteHook hook) {
    return new Ingestor(requireNonNull(lake, "lake is null"), requireNonNull(hook, "hook is null"));
  }

  @Override
  public void beginLog(LogInfo log) {
    requireNonNull(log, "log is null");
    if (current != null) {
      throw new IllegalStateException("log " + current.logId() + " was not ended before log " + log.logId());
    }
    if (written.containsKey(log.logId())) {
      throw new IllegalArgumentException("log id " + log.logId() + " appears twice in one ingest");
    }
    if (log.mapFile() != null && !Files.isRegularFile(log.mapFile())) {
      throw new IngestException(log.mapFile(), "", "map file does not exist");
    }
    // read the map before any row is staged, so a bad map fails the log early
    long m0 = System.nanoTime();
    VectorMap map = log.mapFile() == null ? null : MapFiles.read(log.mapFile());
    mapNanos += System.nanoTime() - m0;
    current = log;
    currentMap = map;
    try {
      egoAppender = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "raw_ego");
      objectAppender = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "raw_objects");
      eventAppender = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "raw_events");
    } catch (SQLException e) {
      throw sqlFailure("stage", e);
    }
  }

  @Override
  public void ego(EgoSample s) {
    requireLog();
    try {
      egoAppender.beginRow().append(s.tsNs()).append(s.x()).append(s.y()).append(s.z()).append(s.yaw());
      appendOrNull(egoAppender, s.speed());
      egoAppender.endRow();
      egoRows++;
    } catch (SQLException e) {
      throw sqlFailure("stage ego row of", e);
    }
  }

  @Override
  public void object(ObjectSample o) {
    requireLog();
    try {
      appendObject(objectAppender, o);
      objectRows++;
    } catch (SQLException e) {
      throw sqlFailure("stage object row of", e);
    }
  }

  /** Appends one object as a row of raw_objects (NaN velocity and score become NULL). */
  static void appendObject(DuckDBAppender a, ObjectSample o) throws SQLException {
    a.beginRow().append(o.tsNs()).append(o.source());
    if (o.trackId() == null) {
      a.appendNull();
    } else {
      a.append(o.trackId());
    }
    a.append(o.category().sqlName()).append(o.rawLabel())
        .append(o.x()).append(o.y()).append(o.z())
        .append(o.length()).append(o.width()).append(o.height()).append(o.yaw());
    appendOrNull(a, o.vx());
    appendOrNull(a, o.vy());
    appendOrNull(a, o.score());
    a.endRow();
  }

  @Override
  public void event(EventSample e) {
    requireLog();
    try {
      eventAppender.beginRow().append(e.tsNs()).append(e.endNs()).append(e.type()).append(e.source())
          .append(String.join(ID_SEPARATOR, e.trackIds())).append(e.detail()).endRow();
    } catch (SQLException ex) {
      throw sqlFailure("stage event of", ex);
    }
  }

  @Override
  public void endLog() {
    LogInfo log = requireLog();
    try {
      egoAppender.close();
      objectAppender.close();
      eventAppender.close();
      long t0 = System.nanoTime();
      Kinematics.validate(conn, log);
      long t1 = System.nanoTime();
      Kinematics.MapMode mapMode = stageMap(log);
      Map<Table, String> files = new EnumMap<>(Table.class);
      try (Statement st = conn.createStatement()) {
        for (String sql : Kinematics.deriveStatements(log.egoPoseKnown(), mapMode)) {
          long s0 = System.nanoTime();
          st.execute(sql);
          egoDeriveNanos += System.nanoTime() - s0;
        }
        long t2 = System.nanoTime();
        String mapFile = null;
        if (log.mapFile() != null) {
          Path target = created(lake.newMapFile(log.logId()));
          Files.copy(log.mapFile(), target, StandardCopyOption.COPY_ATTRIBUTES);
          mapFile = lake.relativize(target);
        }
        files.put(Table.EGO, copy(st, Table.EGO, log, "SELECT " + quoted(log.logId()) + " AS log_id, "
            + Table.EGO.columnNames().replace("log_id, ", "") + " FROM ego_d ORDER BY ts_ns"));
        files.put(Table.OBJECTS, copy(st, Table.OBJECTS, log, "SELECT " + quoted(log.logId()) + " AS log_id, "
            + Table.OBJECTS.castColumns().replace("CAST(log_id AS VARCHAR) AS log_id, ", "") + " FROM ("
            + Kinematics.objectsSelect(log.egoPoseKnown(), mapMode) + ")"));
        files.put(Table.EVENTS, copy(st, Table.EVENTS, log, "SELECT " + quoted(log.logId()) + " AS log_id, ts_ns,"
            + " end_ns, type, source, CASE WHEN track_ids = '' THEN []::VARCHAR[] ELSE string_split(track_ids, chr(31)) END"
            + " AS track_ids, detail FROM raw_events ORDER BY ts_ns, type"));
        files.put(Table.LOGS, copy(st, Table.LOGS, log, logRowSql(log, mapFile)));
        long t3 = System.nanoTime();
        validateNanos += t1 - t0;
        deriveNanos += t2 - t1;
        writeNanos += t3 - t2;
        written.put(log.logId(), new LogEntry(log.logId(), files, mapFile));
        st.execute("DELETE FROM raw_ego; DELETE FROM raw_objects; DELETE FROM raw_events;"
            + CLEAR_MAP_STAGING + " DROP TABLE IF EXISTS ego_d;");
      }
      writeHook.afterLog(log.logId(), written.size() - 1);
    } catch (SQLException e) {
      throw sqlFailure("write", e);
    } catch (IOException e) {
      throw new LakeException("cannot write log " + log.logId() + ": " + e.getMessage(), e);
    } finally {
      current = null;
      currentMap = null;
    }
  }

  /**
   * Loads the current log's map cells under its positions, and says how rows get their map columns;
   * positions in the ego frame (no ego pose) cannot be placed on a map.
   */
  private Kinematics.MapMode stageMap(LogInfo log) throws SQLException {
    long t0 = System.nanoTime();
    Kinematics.MapMode mode = stageMap(conn, currentMap, log.egoPoseKnown(), log.originX(), log.originY(),
        "SELECT x, y, yaw FROM raw_ego UNION ALL SELECT x, y, yaw FROM raw_objects");
    mapNanos += System.nanoTime() - t0;
    return mode;
  }

  /** SQL that empties the tables {@link #stageMap} loads, once a log is written. */
  static final String CLEAR_MAP_STAGING = "DELETE FROM " + MapCellTable.NAME + "; DELETE FROM " + MapPointTable.NAME
      + "; DELETE FROM " + LaneNeighborTable.NAME + ";";

  /** Creates the (empty) tables {@link #stageMap} loads. */
  static void createMapStaging(DuckDBConnection conn) throws SQLException {
    MapCellTable.create(conn);
    MapPointTable.create(conn);
    LaneNeighborTable.create(conn);
  }

  /**
   * Loads the cells of {@code map} (null: none) under the poses {@code positionsSql} yields (x, y, yaw),
   * those poses' exact distances and the map's lane neighbours, and says how rows get their map columns. A cell's content and a
   * pose's distances depend only on the map, so loading fewer positions gives those the same columns.
   */
  static Kinematics.MapMode stageMap(DuckDBConnection conn, VectorMap map, boolean egoPoseKnown, double originX,
      double originY, String positionsSql) throws SQLException {
    if (map == null || !egoPoseKnown) {
      return Kinematics.MapMode.NONE;
    }
    MapCellTable.load(conn, map, originX, originY, positionsSql);
    MapPointTable.load(conn, map, originX, originY, positionsSql);
    LaneNeighborTable.load(conn, map);
    return map.knowsIntersections() ? Kinematics.MapMode.CELLS : Kinematics.MapMode.CELLS_WITHOUT_INTERSECTIONS;
  }

  /** Logs written so far in this ingest, in order. */
  public List<String> logIds() {
    return List.copyOf(written.keySet());
  }

  public long egoRows() {
    return egoRows;
  }

  public long objectRows() {
    return objectRows;
  }

  /**
   * Seconds spent so far validating, deriving kinematics, writing Parquet, deriving ego, and reading and
   * rasterizing maps (for benchmarks).
   */
  public double[] phaseSeconds() {
    return new double[] {validateNanos / 1e9, deriveNanos / 1e9, writeNanos / 1e9, egoDeriveNanos / 1e9,
        mapNanos / 1e9};
  }

  /**
   * Publishes every log written so far in one snapshot and deletes the files of the logs it replaced.
   *
   * @param operation what to record in the snapshot, for example {@code ingest kitti}
   */
  public Snapshot commit(String operation) {
    if (current != null) {
      throw new IllegalStateException("log " + current.logId() + " is still open; call endLog() first");
    }
    if (committed) {
      throw new IllegalStateException("already committed");
    }
    Snapshot next = lake.commit(base, operation, written, List.of());
    committed = true;
    for (String id : written.keySet()) {
      base.log(id).ifPresent(old -> {
        old.files().values().forEach(f -> Lake.deleteQuietly(lake.resolve(f)));
        if (old.mapFile() != null) {
          Lake.deleteQuietly(lake.resolve(old.mapFile()));
        }
      });
    }
    return next;
  }

  /** Releases DuckDB; if {@link #commit} did not succeed, deletes every file this ingest wrote. */
  @Override
  public void close() {
    release(conn, committed, createdFiles, staging);
  }

  private String copy(Statement st, Table table, LogInfo log, String select) throws SQLException {
    Path file = created(lake.newDataFile(table, log.logId()));
    copyTo(st, select, file);
    return lake.relativize(file);
  }

  /** Writes the rows of {@code select} to a new lake data file with the lake's Parquet options. */
  static void copyTo(Statement st, String select, Path file) throws SQLException {
    st.execute("COPY (" + select + ") TO " + quoted(file.toString()) + " (" + Lake.PARQUET_COPY_OPTIONS + ")");
  }

  private String logRowSql(LogInfo log, String mapFile) {
    String metadata;
    try {
      metadata = JSON.writeValueAsString(log.metadata());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return "WITH t AS (SELECT ts_ns FROM ego_d UNION ALL SELECT ts_ns FROM raw_objects),"
        + " b AS (SELECT min(ts_ns) AS s, max(ts_ns) AS e FROM t)"
        + " SELECT " + quoted(log.logId()) + " AS log_id, " + quoted(log.sourceFormat()) + " AS source_format, "
        + nullable(log.vehicle()) + "::VARCHAR AS vehicle, " + nullable(log.location()) + "::VARCHAR AS location,"
        + " coalesce(b.s, 0) AS start_ns, coalesce(b.e, 0) AS end_ns, coalesce(b.e - b.s, 0) / 1e9 AS duration_s,"
        + " (SELECT count(*) FROM ego_d) AS ego_frames,"
        + " (SELECT median(d) / 1e9 FROM (SELECT ts_ns - lag(ts_ns) OVER (ORDER BY ts_ns) AS d FROM ego_d)) AS frame_interval_s,"
        + " (SELECT count(*) FROM raw_objects) AS object_rows, "
        + quoted(log.frame()) + " AS frame, " + log.originX() + "::DOUBLE AS origin_x, " + log.originY()
        + "::DOUBLE AS origin_y, " + log.originZ() + "::DOUBLE AS origin_z, " + log.egoPoseKnown()
        + " AS ego_pose_known, " + nullable(mapFile) + "::VARCHAR AS map_file, " + quoted(metadata)
        + " AS metadata, now()::TIMESTAMP AS ingested_at FROM b";
  }

  private Path created(Path p) {
    createdFiles.add(p);
    return p;
  }

  private LogInfo requireLog() {
    if (current == null) {
      throw new IllegalStateException("no log is open; call beginLog() first");
    }
    return current;
  }

  private RuntimeException sqlFailure(String what, SQLException e) {
    String log = current == null ? "" : " log " + current.logId();
    return new LakeException("cannot " + what + log + ": " + e.getMessage(), e);
  }

  private static void appendOrNull(DuckDBAppender a, double v) throws SQLException {
    if (Double.isNaN(v)) {
      a.appendNull();
    } else {
      a.append(v);
    }
  }

  private static String quoted(String s) {
    return LakeViews.quote(s);
  }

  private static String nullable(String s) {
    return s == null ? "NULL" : LakeViews.quote(s);
  }

  /**
   * Closes a writer's DuckDB connection and, when it did not commit, deletes every file it created; the
   * staging directory goes either way (shared by the Ingestor and the PredictionWriter).
   */
  static void release(Connection conn, boolean committed, List<Path> createdFiles, Path staging) {
    try {
      conn.close();
    } catch (SQLException ignored) {
      // closing an in-memory database cannot lose data
    }
    if (!committed) {
      createdFiles.forEach(Lake::deleteQuietly);
    }
    Lake.deleteTreeQuietly(staging);
  }

  /** Counts rows of a single-value query; used by validation. */
  static long count(Connection conn, String sql) throws SQLException {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
