package dev.fleetmine.ingest.forecast;

import static dev.fleetmine.TestLakes.listing;
import static dev.fleetmine.TestLakes.query;
import static dev.fleetmine.ingest.forecast.ForecastTestLakes.HEADER;
import static dev.fleetmine.ingest.forecast.ForecastTestLakes.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleetmine.ingest.IngestException;
import dev.fleetmine.lake.Lake;
import dev.fleetmine.lake.LakeException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Importing forecast files: the stored rows, replacement, atomicity and every rule's error message. */
class ForecastImportTest {
  @TempDir
  Path dir;
  Lake lake;

  @BeforeEach
  void build() {
    lake = ForecastTestLakes.build(dir.resolve("lake")).lake();
  }

  @Test
  void importsACsvSortedWithProbabilitiesAndCounts() throws IOException {
    Path file = csv(dir, "f.csv", HEADER,
        "L,1000000000,b,1,0.75,1250000000,4.0,2.0",
        "L,1000000000,b,0,0.25,1250000000,6.0,0",
        "L,1000000000,b,1,0.75,1125000000,4.0,1.0",
        "L,1000000000,b,0,0.25,1125000000,5.0,0",
        "M,1000000000,c,0,,1125000000,2.25,-2.25");
    ForecastImport.Imported r = ForecastImport.importFile(lake, "mm@v1", file);
    assertThat(List.of(r.model(), r.rows(), r.agents(), r.logs(), r.snapshotVersion()))
        .containsExactly("mm@v1", 5L, 2L, 2L, 2L);
    // the file itself is sorted by log, moment, track, mode, target
    String stored = lake.resolve(lake.current().forecasts().get("mm@v1")).toString();
    assertThat(query(lake, "SELECT * FROM read_parquet('" + stored + "')")).containsExactly(
        List.of("mm@v1", "L", 1_000_000_000L, "b", 0, 0.25, 1_125_000_000L, 5.0, 0.0),
        List.of("mm@v1", "L", 1_000_000_000L, "b", 0, 0.25, 1_250_000_000L, 6.0, 0.0),
        List.of("mm@v1", "L", 1_000_000_000L, "b", 1, 0.75, 1_125_000_000L, 4.0, 1.0),
        List.of("mm@v1", "L", 1_000_000_000L, "b", 1, 0.75, 1_250_000_000L, 4.0, 2.0),
        java.util.Arrays.asList("mm@v1", "M", 1_000_000_000L, "c", 0, null, 1_125_000_000L, 2.25, -2.25));
    assertThat(query(lake, "SELECT count(*) FROM forecasts WHERE model = 'mm@v1'")).containsExactly(List.of(5L));
  }

  @Test
  void importsParquetWithoutTheOptionalProbabilityColumn() throws Exception {
    Path file = dir.resolve("f.parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("COPY (SELECT 'L' AS log_id, 1000000000::INTEGER AS ts_ns, 'a' AS track_id, 0::TINYINT AS mode,"
          + " 1125000000 AS target_ts_ns, 4.5::FLOAT AS x, 10 AS y) TO '" + file + "' (FORMAT parquet)");
    }
    ForecastImport.Imported r = ForecastImport.importFile(lake, "pq", file);
    assertThat(r.rows()).isEqualTo(1);
    assertThat(query(lake, "SELECT model, log_id, ts_ns, track_id, mode, probability, target_ts_ns, x, y FROM forecasts"))
        .containsExactly(java.util.Arrays.asList("pq", "L", 1_000_000_000L, "a", 0, null, 1_125_000_000L, 4.5, 10.0));
  }

  @Test
  void reimportingAModelReplacesItsFileAndKeepsOtherModels() throws IOException {
    ForecastImport.importFile(lake, "m", csv(dir, "1.csv", HEADER, "L,1000000000,a,0,,1125000000,1,1"));
    ForecastImport.importFile(lake, "other", csv(dir, "o.csv", HEADER, "L,1000000000,a,0,,1125000000,3,3"));
    String first = lake.current().forecasts().get("m");
    ForecastImport.importFile(lake, "m", csv(dir, "2.csv", HEADER, "L,2000000000,a,0,,2125000000,2,2",
        "L,2000000000,a,0,,2250000000,2,2"));
    assertThat(lake.current().forecasts()).containsOnlyKeys("m", "other");
    assertThat(lake.resolve(first)).doesNotExist();
    assertThat(query(lake, "SELECT model, ts_ns, x FROM forecasts ORDER BY model, target_ts_ns")).containsExactly(
        List.of("m", 2_000_000_000L, 2.0), List.of("m", 2_000_000_000L, 2.0), List.of("other", 1_000_000_000L, 3.0));
  }

  @Test
  void aFailedCommitLeavesNoTrace() throws Exception {
    ForecastImport.importFile(lake, "m", csv(dir, "1.csv", HEADER, "L,1000000000,a,0,,1125000000,1,1"));
    TreeMap<String, Long> before = listing(lake.root());
    Lake failing = Lake.open(lake.root(), version -> {
      throw new IOException("disk full (injected)");
    });
    Path file = csv(dir, "2.csv", HEADER, "L,2000000000,a,0,,2125000000,2,2");
    assertThatThrownBy(() -> ForecastImport.importFile(failing, "m", file)).isInstanceOf(LakeException.class)
        .hasMessageContaining("disk full (injected)");
    assertThat(listing(lake.root())).isEqualTo(before);
    assertThat(query(lake, "SELECT x FROM forecasts")).containsExactly(List.of(1.0));
  }

  @Test
  void aRejectedFileLeavesNoTrace() throws Exception {
    TreeMap<String, Long> before = listing(lake.root());
    Path file = csv(dir, "bad.csv", HEADER, "L,1000000000,a,0,,1125000000,1,1", "L,1000000000,zz,0,,1125000000,1,1");
    assertThatThrownBy(() -> ForecastImport.importFile(lake, "m", file)).isInstanceOf(IngestException.class);
    assertThat(listing(lake.root())).isEqualTo(before);
    assertThat(lake.current().forecasts()).isEmpty();
  }

  @Test
  void columnErrorsNameFileAndColumn() throws Exception {
    Path noY = csv(dir, "noy.csv", "log_id,ts_ns,track_id,mode,target_ts_ns,x", "L,1000000000,a,0,1125000000,1");
    rejects(noY, "column y: missing required column 'y' (DOUBLE); columns found: log_id, ts_ns, track_id, mode,"
        + " target_ts_ns, x");
    Path pq = dir.resolve("bad.parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("COPY (SELECT 'L' AS log_id, 1000000000 AS ts_ns, 'a' AS track_id, 0.5 AS mode, 1125000000 AS"
          + " target_ts_ns, 1.0 AS x, 1.0 AS y) TO '" + pq + "' (FORMAT parquet)");
    }
    rejects(pq, "column mode: has type DECIMAL(2,1), expected INTEGER");
    Path txt = csv(dir, "f.txt", HEADER);
    rejects(txt, "expected a .csv or .parquet file of forecasts (docs/formats/forecasts.md)");
    rejects(csv(dir, "empty.csv", HEADER), "has no rows; a model's forecasts need at least one");
  }

  @Test
  void valueErrorsNameFileRowAndColumn() throws IOException {
    String ok = "L,1000000000,a,0,,1125000000,1,1";
    rejects(csv(dir, "1.csv", HEADER, ok, "L,1000000000,a,0,,1250000000,abc,1"), "row 2, column x: 'abc' is not a number");
    rejects(csv(dir, "2.csv", HEADER, "L,1000000000,a,1.5,,1125000000,1,1"),
        "row 1, column mode: '1.5' is not an integer in the range of INTEGER");
    rejects(csv(dir, "3.csv", HEADER, ok, "L,1000000000,,0,,1250000000,1,1"),
        "row 2, column track_id: required value is empty (VARCHAR)");
    rejects(csv(dir, "4.csv", HEADER, "L,1000000000,a,0,,1125000000,NaN,1"), "row 1, column x: must be a finite number, got nan");
    rejects(csv(dir, "5.csv", HEADER, ok, "L,1000000000,a,0,,1250000000,1,inf"), "row 2, column y: must be a finite number, got inf");
    rejects(csv(dir, "6.csv", HEADER, "L,1000000000,a,-1,,1125000000,1,1"), "row 1, column mode: must be >= 0, got -1");
    rejects(csv(dir, "7.csv", HEADER, ok, "L,1000000000,a,0,,1000000000,1,1"),
        "row 2, column target_ts_ns: must be after ts_ns (1000000000), got 1000000000");
    rejects(csv(dir, "8.csv", HEADER, "L,1000000000,a,0,1.5,1125000000,1,1"),
        "row 1, column probability: must be in [0, 1], got 1.5");
  }

  @Test
  void referenceErrorsNameTheMissingLogOrTrack() throws IOException {
    String ok = "L,1000000000,a,0,,1125000000,1,1";
    rejects(csv(dir, "1.csv", HEADER, ok, "nope,1000000000,a,0,,1125000000,1,1"),
        "row 2, column log_id: log 'nope' is not in the lake; logs: L, M");
    // b starts at frame 7 (875 ms): at 0 it does not exist yet
    rejects(csv(dir, "2.csv", HEADER, ok, "L,0,b,0,,125000000,1,1"),
        "row 2, column track_id: track 'b' has no ground-truth row in log 'L' at ts_ns 0 (the forecast moment)");
    // a forecast moment between frames has no ground-truth row either
    rejects(csv(dir, "3.csv", HEADER, "L,1000000001,a,0,,1125000000,1,1"),
        "row 1, column track_id: track 'a' has no ground-truth row in log 'L' at ts_ns 1000000001 (the forecast moment)");
  }

  @Test
  void consistencyErrorsNameTheRowThatBreaksIt() throws IOException {
    String ok = "L,1000000000,a,0,0.5,1125000000,1,1";
    rejects(csv(dir, "1.csv", HEADER, ok, "L,1000000000,a,0,0.5,1250000000,1,1", "L,1000000000,a,0,0.5,1125000000,2,2"),
        "row 3, column target_ts_ns: repeats row 1 (same log_id, ts_ns, track_id, mode and target_ts_ns)");
    rejects(csv(dir, "2.csv", HEADER, ok, "L,1000000000,a,0,0.25,1250000000,1,1"),
        "row 2, column probability: is 0.25 but row 1 of the same mode has 0.5 (one probability per mode)");
    rejects(csv(dir, "3.csv", HEADER, ok, "L,1000000000,a,1,,1125000000,1,1"),
        "row 2, column probability: is empty while row 1 of the same forecast (log_id, ts_ns, track_id) has one:"
            + " give every mode a probability or none");
    rejects(csv(dir, "4.csv", HEADER, ok, "L,1000000000,a,0,0.5,1250000000,1,1", "L,1000000000,a,1,0.5,1125000000,1,1"),
        "row 3, column target_ts_ns: mode 1 of track 'a' at ts_ns 1000000000 has 1 target timestamps, but the modes"
            + " of this forecast have 2 distinct ones: every mode must give the same target timestamps");
  }

  @Test
  void aBlankModelNameIsRefused() throws IOException {
    Path file = csv(dir, "f.csv", HEADER, "L,1000000000,a,0,,1125000000,1,1");
    assertThatThrownBy(() -> ForecastImport.importFile(lake, " ", file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a forecasting model needs a name, got ' '");
  }

  private void rejects(Path file, String message) {
    assertThatThrownBy(() -> ForecastImport.importFile(lake, "m", file)).isInstanceOf(IngestException.class)
        .hasMessage(file + ": " + message);
    assertThat(lake.current().forecasts()).isEmpty();
  }
}
