package dev.fleetmine.ingest.av2;

import static java.util.Objects.requireNonNull;

import dev.fleetmine.ingest.IngestException;
import dev.fleetmine.lake.LakeViews;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One Argoverse 2 motion-forecasting scenario ({@code scenario_<id>.parquet}) read with DuckDB and
 * validated: the scenario-wide fields, repeated on every row in the file, and one state per track and
 * timestep.
 *
 * @param file          the Parquet file
 * @param scenarioId    scenario_id
 * @param city          city (for example austin)
 * @param focalTrackId  focal_track_id
 * @param mapId         map_id, or null when the file has none
 * @param sliceId       slice_id, or null when the file has none
 * @param startNs       start_timestamp rounded to the microsecond (see {@link #timestampNs})
 * @param numTimestamps num_timestamps
 * @param states        rows in file order
 */
record MotionScenario(Path file, String scenarioId, String city, String focalTrackId, String mapId, String sliceId,
    long startNs, int numTimestamps, List<State> states) {
  /** The scenarios are resampled to 10 Hz (av2 motion_forecasting constants AV2_SCENARIO_STEP_HZ). */
  static final long STEP_NS = 100_000_000L;

  /**
   * One track state.
   *
   * @param record   0-based row number in the file
   * @param category object_category: 0 fragment, 1 unscored, 2 scored, 3 focal
   */
  record State(long record, String trackId, String objectType, int category, int timestep, boolean observed,
      double x, double y, double heading, double vx, double vy) {}

  private static final Set<String> INTEGER = Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
      "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT");
  private static final Set<String> FLOATING = Set.of("FLOAT", "DOUBLE");
  private static final Set<String> NUMBER = union(INTEGER, FLOATING);
  private static final Set<String> TEXT = Set.of("VARCHAR");
  /** Required columns and the DuckDB types accepted for each. */
  private static final Map<String, Set<String>> COLUMNS = columns();
  /** Columns that hold one value per scenario, repeated on every row. */
  private static final List<String> SCENARIO_FIELDS = List.of("scenario_id", "start_timestamp", "end_timestamp",
      "num_timestamps", "focal_track_id", "city", "map_id", "slice_id");

  public MotionScenario {
    requireNonNull(scenarioId, "scenarioId is null");
    states = List.copyOf(states);
  }

  /** Timestamp of a timestep: start + timestep x 100 ms. */
  long timestampNs(int timestep) {
    return startNs + timestep * STEP_NS;
  }

  /** Reads and validates one scenario file; throws {@link IngestException} naming record and column. */
  static MotionScenario read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IngestException(file, "", "is missing; expected an Argoverse 2 scenario Parquet file");
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      String source = "read_parquet(" + LakeViews.quote(file.toString()) + ", file_row_number = true)";
      Map<String, String> types = describe(st, source);
      checkColumns(file, types);
      String optional = (types.containsKey("map_id") ? "map_id::VARCHAR" : "NULL") + " AS map_id, "
          + (types.containsKey("slice_id") ? "slice_id::VARCHAR" : "NULL") + " AS slice_id";
      try (ResultSet rs = st.executeQuery("SELECT file_row_number, " + String.join(", ", COLUMNS.keySet()) + ", "
          + optional + " FROM " + source + " ORDER BY file_row_number")) {
        return fromRows(file, rs);
      }
    } catch (SQLException e) {
      throw new IngestException(file, "", "cannot read the Parquet file (truncated or corrupt?): " + e.getMessage(), e);
    }
  }

  private static Map<String, String> describe(Statement st, String source) throws SQLException {
    Map<String, String> types = new LinkedHashMap<>();
    try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + source)) {
      while (rs.next()) {
        types.put(rs.getString("column_name"), rs.getString("column_type"));
      }
    }
    return types;
  }

  private static void checkColumns(Path file, Map<String, String> types) {
    COLUMNS.forEach((name, accepted) -> {
      String type = types.get(name);
      if (type == null) {
        throw new IngestException(file, "column " + name, "missing; expected one of " + new TreeSet<>(accepted)
            + " (columns present: " + String.join(", ", types.keySet()) + ")");
      }
      if (!accepted.contains(type)) {
        throw new IngestException(file, "column " + name, "has type " + type + "; expected one of " + new TreeSet<>(accepted));
      }
    });
  }

  /** Reads every row, checking nulls and that the scenario-wide columns agree on every row. */
  private static MotionScenario fromRows(Path file, ResultSet rs) throws SQLException {
    List<State> states = new ArrayList<>();
    Map<String, Object> scenario = null;
    while (rs.next()) {
      long record = rs.getLong("file_row_number");
      Map<String, Object> row = new LinkedHashMap<>();
      for (String column : COLUMNS.keySet()) {
        Object v = rs.getObject(column);
        if (v == null) {
          throw new IngestException(file, "record " + record + " column " + column, "is null; expected a value");
        }
        row.put(column, v);
      }
      row.put("map_id", rs.getString("map_id"));
      row.put("slice_id", rs.getString("slice_id"));
      scenario = checkScenarioFields(file, record, scenario, row);
      states.add(state(file, record, row));
    }
    if (scenario == null) {
      throw new IngestException(file, "", "has no rows; expected one row per track and timestep");
    }
    return new MotionScenario(file, (String) scenario.get("scenario_id"), (String) scenario.get("city"),
        (String) scenario.get("focal_track_id"), (String) scenario.get("map_id"), (String) scenario.get("slice_id"),
        nanos(scenario.get("start_timestamp")), intValue(file, 0, "num_timestamps", scenario.get("num_timestamps")),
        states);
  }

  private static Map<String, Object> checkScenarioFields(Path file, long record, Map<String, Object> first,
      Map<String, Object> row) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (String f : SCENARIO_FIELDS) {
      fields.put(f, row.get(f));
    }
    if (first == null) {
      checkTiming(file, fields);
      return fields;
    }
    for (String f : SCENARIO_FIELDS) {
      if (!Objects.equals(first.get(f), fields.get(f))) {
        throw new IngestException(file, "record " + record + " column " + f, "is " + fields.get(f)
            + " but record 0 has " + first.get(f) + "; expected one value per scenario");
      }
    }
    return first;
  }

  /** The file's timestamps must describe a 10 Hz grid: end = start + (num_timestamps - 1) x 100 ms. */
  private static void checkTiming(Path file, Map<String, Object> fields) {
    int n = intValue(file, 0, "num_timestamps", fields.get("num_timestamps"));
    if (n < 1) {
      throw new IngestException(file, "record 0 column num_timestamps", "is " + n + "; expected at least 1");
    }
    long start = nanos(fields.get("start_timestamp"));
    long end = nanos(fields.get("end_timestamp"));
    if (end - start != (n - 1) * STEP_NS) {
      throw new IngestException(file, "record 0 column end_timestamp", "is " + end + " with start_timestamp "
          + start + " and num_timestamps " + n + "; expected start + (num_timestamps - 1) x 100 ms = "
          + (start + (n - 1) * STEP_NS) + " (10 Hz)");
    }
  }

  private static State state(Path file, long record, Map<String, Object> row) {
    int category = intValue(file, record, "object_category", row.get("object_category"));
    if (category < 0 || category > 3) {
      throw new IngestException(file, "record " + record + " column object_category", "is " + category
          + "; expected 0 (fragment), 1 (unscored), 2 (scored) or 3 (focal)");
    }
    int timestep = intValue(file, record, "timestep", row.get("timestep"));
    int n = intValue(file, record, "num_timestamps", row.get("num_timestamps"));
    if (timestep < 0 || timestep >= n) {
      throw new IngestException(file, "record " + record + " column timestep", "is " + timestep
          + "; expected 0 to num_timestamps - 1 = " + (n - 1));
    }
    return new State(record, (String) row.get("track_id"), (String) row.get("object_type"), category, timestep,
        (Boolean) row.get("observed"), finite(file, record, "position_x", row), finite(file, record, "position_y", row),
        finite(file, record, "heading", row), finite(file, record, "velocity_x", row),
        finite(file, record, "velocity_y", row));
  }

  private static double finite(Path file, long record, String column, Map<String, Object> row) {
    double v = ((Number) row.get(column)).doubleValue();
    if (!Double.isFinite(v)) {
      throw new IngestException(file, "record " + record + " column " + column, "is " + v + "; expected a finite number");
    }
    return v;
  }

  private static int intValue(Path file, long record, String column, Object v) {
    BigInteger b = v instanceof BigInteger big ? big : BigInteger.valueOf(((Number) v).longValue());
    if (b.bitLength() > 31) {
      throw new IngestException(file, "record " + record + " column " + column, "is " + b + "; expected a small integer");
    }
    return b.intValue();
  }

  /**
   * A timestamp in nanoseconds. The files store start/end as float64, exact only to 64 ns at today's
   * epoch; AV2 timestamps have microsecond resolution, so rounding to the microsecond recovers them.
   */
  private static long nanos(Object v) {
    if (v instanceof Double || v instanceof Float) {
      return Math.round(((Number) v).doubleValue() / 1000.0) * 1000L;
    }
    return ((Number) v).longValue();
  }

  private static Map<String, Set<String>> columns() {
    Map<String, Set<String>> m = new LinkedHashMap<>();
    m.put("observed", Set.of("BOOLEAN"));
    m.put("track_id", TEXT);
    m.put("object_type", TEXT);
    m.put("object_category", INTEGER);
    m.put("timestep", INTEGER);
    for (String f : List.of("position_x", "position_y", "heading", "velocity_x", "velocity_y")) {
      m.put(f, FLOATING);
    }
    m.put("scenario_id", TEXT);
    m.put("start_timestamp", NUMBER);
    m.put("end_timestamp", NUMBER);
    m.put("num_timestamps", INTEGER);
    m.put("focal_track_id", TEXT);
    m.put("city", TEXT);
    return m;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new HashSet<>(a);
    u.addAll(b);
    return Set.copyOf(u);
  }
}
