package dev.fleetmine.ingest.av2;

import static dev.fleetmine.TestLakes.query;
import static dev.fleetmine.TestLakes.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fleetmine.TestLakes;
import dev.fleetmine.ingest.IngestException;
import dev.fleetmine.ingest.Ingestor;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.lake.Lake;
import dev.fleetmine.lake.LakeViews;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Av2MotionImporterTest {
  static final String SCENARIO = "0a1e6f0a-1817-4a98-b02e-db8c9327d151";
  /** start_timestamp is stored as float64 3.15986559459579E17; rounded to the microsecond. */
  static final long START_NS = 315986559459579000L;

  @TempDir
  Path dir;

  static Path forecasting() {
    return TestLakes.sharedData().resolve("argoverse2/forecasting");
  }

  static Path realParquet() {
    return forecasting().resolve(SCENARIO).resolve("scenario_" + SCENARIO + ".parquet");
  }

  private Lake ingest(Path input) {
    Lake lake = Lake.open(dir.resolve("lake"));
    try (Ingestor in = Ingestor.begin(lake)) {
      new Av2MotionImporter().read(List.of(input), in, Progress.NONE);
      in.commit("ingest av2-motion");
    }
    return lake;
  }

  @Test
  void ingestsTheRealScenarioWithExactCounts() {
    Lake lake = ingest(forecasting());
    // 2434 rows = 58 tracks (AV included), 110 steps; the AV's 110 rows become the ego
    assertThat(query(lake, "SELECT log_id, source_format, location, frame, ego_frames, object_rows, start_ns, end_ns,"
        + " duration_s, origin_z, map_file IS NOT NULL FROM logs")).containsExactly(List.of(SCENARIO, "av2-motion",
        "austin", "city", 110L, 2324L, START_NS, START_NS + 109 * 100_000_000L, 10.9, 0.0, true));
    assertThat(query(lake, "SELECT count(DISTINCT track_id), count(DISTINCT ts_ns), count(*) FILTER (WHERE track_id"
        + " = 'AV') FROM objects")).containsExactly(List.of(57L, 110L, 0L));
    assertThat(query(lake, "SELECT raw_label, category, length, width, height, z, count(*) FROM objects"
        + " GROUP BY ALL ORDER BY raw_label")).containsExactly(
        List.of("background", "static_object", 1.0, 1.0, 1.0, 0.5, 22L),
        List.of("pedestrian", "pedestrian", 0.5, 0.5, 1.7, 0.85, 329L),
        List.of("riderless_bicycle", "bicycle", 1.8, 0.6, 1.1, 0.55, 142L),
        List.of("static", "static_object", 1.0, 1.0, 1.0, 0.5, 167L),
        List.of("vehicle", "car", 4.0, 2.0, 1.6, 0.8, 1664L));
    assertThat((String) scalar(lake, "SELECT metadata FROM logs")).contains("\"focal_track_id\":\"138951\"",
        "\"map_id\":\"74806\"", "\"scenario_id\":\"" + SCENARIO + "\"");
  }

  @Test
  void keepsPositionsVelocitiesAndEgoSpeedFromTheSource() {
    Lake lake = ingest(forecasting().resolve(SCENARIO));
    // AV at timestep 0: position (-433.71031511630383, 1326.4229802368), velocity (0.38783, 5.87024)
    assertThat(query(lake, "SELECT origin_x, origin_y FROM logs")).containsExactly(
        List.of(-433.71031511630383, 1326.4229802368));
    List<Object> ego = query(lake, "SELECT x, y, z, yaw, speed FROM ego WHERE ts_ns = " + START_NS).get(0);
    assertThat(ego.subList(0, 3)).containsExactly(0.0, 0.0, 0.0);
    assertThat((double) ego.get(3)).isCloseTo(1.5022921725578375, within(1e-12));
    // 5.88 m/s = 21 km/h, slowing to a stop near timestep 40 and pulling away: plausible city driving
    assertThat((double) ego.get(4)).isCloseTo(5.8830416093997995, within(1e-9));
    List<List<Object>> raw = duck("SELECT position_x, position_y, velocity_x, velocity_y, heading FROM read_parquet("
        + LakeViews.quote(realParquet().toString()) + ") WHERE track_id = '138951' AND timestep = 60");
    List<Object> lake60 = query(lake, "SELECT o.x + l.origin_x, o.y + l.origin_y, o.vx, o.vy, o.yaw FROM objects o"
        + " JOIN logs l USING (log_id) WHERE track_id = '138951' AND ts_ns = " + (START_NS + 60 * 100_000_000L)).get(0);
    for (int i = 0; i < 5; i++) {
      // velocities are stored as FLOAT (derived columns), positions and yaw as DOUBLE
      double tolerance = i == 2 || i == 3 ? 1e-6 : 1e-9;
      assertThat((double) lake60.get(i)).isCloseTo((double) raw.get(0).get(i), within(tolerance));
    }
  }

  @Test
  void eventsNameTheFocalTrackTrackCategoriesAndTheObservedWindow() {
    Lake lake = ingest(forecasting());
    assertThat(query(lake, "SELECT type, ts_ns - " + START_NS + ", end_ns - " + START_NS + ", len(track_ids), detail"
        + " FROM events ORDER BY type, detail")).containsExactly(
        List.of("focal_track", 0L, 10_900_000_000L, 1L,
            "{\"scenario_id\":\"" + SCENARIO + "\",\"object_type\":\"vehicle\"}"),
        List.of("observed_window", 0L, 4_900_000_000L, 0L, "{\"observed_steps\":50,\"num_timestamps\":110}"),
        List.of("track_category", 0L, 10_900_000_000L, 51L, "{\"object_category\":0,\"name\":\"track_fragment\"}"),
        List.of("track_category", 0L, 10_900_000_000L, 4L, "{\"object_category\":1,\"name\":\"unscored_track\"}"),
        List.of("track_category", 0L, 10_900_000_000L, 1L, "{\"object_category\":2,\"name\":\"scored_track\"}"),
        List.of("track_category", 0L, 10_900_000_000L, 1L, "{\"object_category\":3,\"name\":\"focal_track\"}"));
    assertThat(scalar(lake, "SELECT track_ids[1] FROM events WHERE type = 'focal_track'")).isEqualTo("138951");
    assertThat(scalar(lake, "SELECT track_ids[1] FROM events WHERE detail LIKE '%scored_track%'"
        + " AND detail NOT LIKE '%unscored%'")).isEqualTo("139344");
  }

  @Test
  void missingColumnIsRejectedNamingIt() {
    Path file = rewrite("SELECT * EXCLUDE (heading) FROM %s");
    assertRejected(file, file + ": column heading: missing; expected one of [DOUBLE, FLOAT]");
  }

  @Test
  void wrongColumnTypeIsRejectedNamingIt() {
    Path file = rewrite("SELECT * REPLACE (timestep::VARCHAR AS timestep) FROM %s");
    assertRejected(file, file + ": column timestep: has type VARCHAR; expected one of [BIGINT,");
  }

  @Test
  void nullValueIsRejectedNamingRecordAndColumn() {
    Path file = rewrite("SELECT * REPLACE (CASE WHEN track_id = 'AV' AND timestep = 3 THEN NULL ELSE position_x END"
        + " AS position_x) FROM %s");
    assertRejected(file, file + ": record ");
    assertRejected(file, " column position_x: is null");
  }

  @Test
  void scenarioWithoutTheAvTrackIsRejected() {
    Path file = rewrite("SELECT * FROM %s WHERE track_id <> 'AV'");
    assertRejected(file, file + ": track_id AV: is missing; expected the ego's track 'AV'");
  }

  @Test
  void timestampsOffTheTenHertzGridAreRejected() {
    Path file = rewrite("SELECT * REPLACE (end_timestamp + 5e7 AS end_timestamp) FROM %s");
    assertRejected(file, file + ": record 0 column end_timestamp: is 315986570409579000 with start_timestamp "
        + START_NS + " and num_timestamps 110; expected start + (num_timestamps - 1) x 100 ms");
  }

  @Test
  void truncatedParquetIsRejected() throws IOException {
    Path file = dir.resolve("in").resolve("scenario_cut.parquet");
    Files.createDirectories(file.getParent());
    byte[] bytes = Files.readAllBytes(realParquet());
    Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
    assertRejected(file, file + ": cannot read the Parquet file (truncated or corrupt?)");
  }

  /** Writes the real scenario transformed by {@code select} (with %s for the source) as a new scenario file. */
  private Path rewrite(String select) {
    Path file = dir.resolve("in").resolve("scenario_" + SCENARIO + ".parquet");
    try {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    duckExecute("COPY (" + select.formatted("read_parquet(" + LakeViews.quote(realParquet().toString()) + ")")
        + ") TO " + LakeViews.quote(file.toString()) + " (FORMAT parquet)");
    return file;
  }

  private void assertRejected(Path input, String message) {
    Lake lake = Lake.open(dir.resolve("lake"));
    assertThatThrownBy(() -> ingestInto(lake, input)).isInstanceOf(IngestException.class).hasMessageContaining(message);
    assertThat(lake.current().logs()).isEmpty();
  }

  private static void ingestInto(Lake lake, Path input) {
    try (Ingestor in = Ingestor.begin(lake)) {
      new Av2MotionImporter().read(List.of(input), in, Progress.NONE);
      in.commit("ingest av2-motion");
    }
  }

  private static void duckExecute(String sql) {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new AssertionError(sql + ": " + e.getMessage(), e);
    }
  }

  private static List<List<Object>> duck(String sql) {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      List<List<Object>> rows = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new AssertionError(sql + ": " + e.getMessage(), e);
    }
  }
}
