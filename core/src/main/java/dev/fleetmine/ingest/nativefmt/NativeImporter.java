package dev.fleetmine.ingest.nativefmt;

import dev.fleetmine.ingest.Category;
import dev.fleetmine.ingest.EgoSample;
import dev.fleetmine.ingest.EventSample;
import dev.fleetmine.ingest.Importer;
import dev.fleetmine.ingest.IngestException;
import dev.fleetmine.ingest.LogInfo;
import dev.fleetmine.ingest.LogSink;
import dev.fleetmine.ingest.ObjectSample;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.lake.LakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The native format: a directory holding {@code logs}, {@code ego} and optionally {@code objects} and
 * {@code events} tables as {@code .parquet} or {@code .csv} files with the input columns of
 * docs/schema.md#native-format. Derived columns are computed at ingest like for every other source.
 */
public final class NativeImporter implements Importer {
  @Override
  public String format() {
    return "native";
  }

  @Override
  public String description() {
    return "a directory with logs, ego[, objects, events] as .parquet or .csv (docs/schema.md#native-format)";
  }

  @Override
  public void read(List<Path> inputs, LogSink sink, Progress progress) {
    for (Path dir : inputs) {
      if (!Files.isDirectory(dir)) {
        throw new IngestException(dir, "", "expected a directory with logs.parquet|csv and ego.parquet|csv");
      }
      try (Connection conn = DriverManager.getConnection("jdbc:duckdb:")) {
        Map<NativeTable, Path> files = locate(dir);
        for (Map.Entry<NativeTable, Path> f : files.entrySet()) {
          f.getKey().load(conn, f.getValue());
        }
        for (NativeTable absent : NativeTable.values()) {
          if (!files.containsKey(absent)) {
            absent.createEmpty(conn);
          }
        }
        checkReferences(conn, files);
        emit(conn, files, sink, progress);
      } catch (SQLException e) {
        throw new LakeException("native import of " + dir + " failed: " + e.getMessage(), e);
      }
    }
  }

  /** Finds each table's file in {@code dir}: exactly one of name.parquet / name.csv, required ones present. */
  private static Map<NativeTable, Path> locate(Path dir) {
    Map<NativeTable, Path> files = new LinkedHashMap<>();
    for (NativeTable t : NativeTable.values()) {
      List<Path> found = Stream.of(".parquet", ".csv").map(ext -> dir.resolve(t.fileName() + ext))
          .filter(Files::isRegularFile).toList();
      if (found.size() > 1) {
        throw new IngestException(dir, "", "both " + found.get(0).getFileName() + " and "
            + found.get(1).getFileName() + " exist; keep one");
      }
      if (found.isEmpty() && t.required()) {
        throw new IngestException(dir.resolve(t.fileName() + ".parquet"), "",
            "missing required table " + t.fileName() + " (as .parquet or .csv)");
      }
      if (!found.isEmpty()) {
        files.put(t, found.get(0));
      }
    }
    return files;
  }

  /** Every ego/object/event row must belong to a log listed in the logs table. */
  private static void checkReferences(Connection conn, Map<NativeTable, Path> files) throws SQLException {
    for (NativeTable t : List.of(NativeTable.EGO, NativeTable.OBJECTS, NativeTable.EVENTS)) {
      if (!files.containsKey(t)) {
        continue;
      }
      try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
          "SELECT row_nr, log_id FROM in_" + t.fileName() + " WHERE log_id NOT IN (SELECT log_id FROM in_logs)"
              + " ORDER BY row_nr LIMIT 1")) {
        if (rs.next()) {
          throw new IngestException(files.get(t), "row " + rs.getLong(1) + ", field log_id",
              "log '" + rs.getString(2) + "' is not listed in " + files.get(NativeTable.LOGS).getFileName());
        }
      }
    }
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT row_nr, category FROM in_objects WHERE category NOT IN (" + categoryList() + ") ORDER BY row_nr LIMIT 1")) {
      if (rs.next()) {
        throw new IngestException(files.get(NativeTable.OBJECTS), "row " + rs.getLong(1) + ", field category",
            "unknown category '" + rs.getString(2) + "'; expected one of " + categoryList().replace("'", ""));
      }
    }
  }

  private static void emit(Connection conn, Map<NativeTable, Path> files, LogSink sink, Progress progress)
      throws SQLException {
    List<LogInfo> logs = new ArrayList<>();
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT log_id, vehicle, location, frame, origin_x, origin_y, origin_z, ego_pose_known, metadata"
            + " FROM in_logs ORDER BY row_nr")) {
      while (rs.next()) {
        LogInfo info = new LogInfo(rs.getString(1), "native", rs.getString(2), rs.getString(3),
            rs.getString(4) == null ? "world" : rs.getString(4), dbl(rs, 5, 0), dbl(rs, 6, 0), dbl(rs, 7, 0),
            rs.getObject(8) == null || rs.getBoolean(8), null,
            rs.getString(9) == null ? Map.of() : Map.of("source_metadata", rs.getString(9)));
        logs.add(info);
      }
    }
    progress.start("native logs", logs.size());
    for (LogInfo log : logs) {
      sink.beginLog(log);
      emitEgo(conn, log.logId(), sink);
      emitObjects(conn, log.logId(), sink);
      emitEvents(conn, log.logId(), sink);
      sink.endLog();
      progress.advance(1);
    }
    progress.finish();
  }

  private static void emitEgo(Connection conn, String logId, LogSink sink) throws SQLException {
    try (var ps = conn.prepareStatement("SELECT ts_ns, x, y, z, yaw, speed FROM in_ego WHERE log_id = ? ORDER BY ts_ns")) {
      ps.setString(1, logId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          sink.ego(new EgoSample(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), dbl(rs, 4, 0), rs.getDouble(5),
              dbl(rs, 6, Double.NaN)));
        }
      }
    }
  }

  private static void emitObjects(Connection conn, String logId, LogSink sink) throws SQLException {
    try (var ps = conn.prepareStatement("SELECT ts_ns, source, track_id, category, raw_label, x, y, z, length, width,"
        + " height, yaw, vx, vy, score FROM in_objects WHERE log_id = ? ORDER BY ts_ns")) {
      ps.setString(1, logId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String category = rs.getString(4);
          sink.object(new ObjectSample(rs.getLong(1), rs.getString(2) == null ? ObjectSample.GROUND_TRUTH : rs.getString(2),
              rs.getString(3), Category.fromSqlName(category), rs.getString(5) == null ? category : rs.getString(5),
              rs.getDouble(6), rs.getDouble(7), dbl(rs, 8, 0), rs.getDouble(9), rs.getDouble(10), rs.getDouble(11),
              rs.getDouble(12), dbl(rs, 13, Double.NaN), dbl(rs, 14, Double.NaN), dbl(rs, 15, Double.NaN)));
        }
      }
    }
  }

  private static void emitEvents(Connection conn, String logId, LogSink sink) throws SQLException {
    try (var ps = conn.prepareStatement("SELECT ts_ns, end_ns, type, source, track_ids, detail FROM in_events"
        + " WHERE log_id = ? ORDER BY ts_ns")) {
      ps.setString(1, logId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long ts = rs.getLong(1);
          long end = rs.getObject(2) == null ? ts : rs.getLong(2);
          Array ids = rs.getArray(5);
          List<String> trackIds = ids == null ? List.of()
              : Arrays.stream((Object[]) ids.getArray()).map(String::valueOf).toList();
          sink.event(new EventSample(ts, end, rs.getString(3), rs.getString(4) == null ? "native" : rs.getString(4),
              trackIds, rs.getString(6) == null ? "{}" : rs.getString(6)));
        }
      }
    }
  }

  private static double dbl(ResultSet rs, int col, double ifNull) throws SQLException {
    double v = rs.getDouble(col);
    return rs.wasNull() ? ifNull : v;
  }

  private static String categoryList() {
    return String.join(", ", Arrays.stream(Category.values()).map(c -> "'" + c.sqlName() + "'").toList());
  }
}
