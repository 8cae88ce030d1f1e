package dev.fleetmine.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forecasts table in the lake format: snapshot field, commit, vacuum and view. */
class ForecastLakeTest {
  @TempDir
  Path dir;

  @Test
  void snapshotWithForecastsRoundTripsThroughTheCodec() {
    EnumMap<Table, String> files = new EnumMap<>(Table.class);
    for (Table t : Table.values()) {
      files.put(t, "data/" + t.tableName() + "/a/1.parquet");
    }
    Snapshot s = new Snapshot(3, 1764075600000L, "import forecasts cv", new TreeMap<>(Map.of("a",
        new LogEntry("a", files, null))), new TreeMap<>(Map.of("cut_in", "tags/cut_in/2.parquet")),
        new TreeMap<>(Map.of("cv", "forecasts/cv/3.parquet", "lstm@v2", "forecasts/lstm_v2/4.parquet")));
    Snapshot back = SnapshotCodec.decode(SnapshotCodec.encode(s), "test");
    assertThat(back).isEqualTo(s);
    assertThat(back.forecasts()).containsExactly(Map.entry("cv", "forecasts/cv/3.parquet"),
        Map.entry("lstm@v2", "forecasts/lstm_v2/4.parquet"));
    assertThat(new String(SnapshotCodec.encode(s), StandardCharsets.UTF_8)).contains("\"format_version\" : 1");
  }

  @Test
  void aSnapshotWrittenBeforeForecastsExistedReadsAsHavingNone() {
    String old = """
        { "format_version": 1, "version": 2, "committed_at": 5, "operation": "mine cut_in",
          "logs": {}, "tags": { "cut_in": "tags/cut_in/x.parquet" } }""";
    Snapshot s = SnapshotCodec.decode(old.getBytes(StandardCharsets.UTF_8), "old.json");
    assertThat(s.forecasts()).isEmpty();
    assertThat(s.tags()).containsExactly(Map.entry("cut_in", "tags/cut_in/x.parquet"));
    assertThat(s.version()).isEqualTo(2);
    // the five-argument constructor of older code still builds a snapshot without forecasts
    assertThat(new Snapshot(2, 5, "mine cut_in", new TreeMap<>(), s.tags())).isEqualTo(s);
  }

  @Test
  void commitReplaceAndVacuumKeepOnlyTheCurrentForecastFile() throws Exception {
    Lake lake = Lake.open(dir.resolve("lake"));
    Path first = writeForecasts(lake, "cv", 1.0);
    Snapshot s1 = lake.commitForecasts(lake.current(), "forecasts cv", Map.of("cv", lake.relativize(first)));
    assertThat(s1.version()).isEqualTo(1);
    assertThat(lake.current().forecasts()).containsExactly(Map.entry("cv", lake.relativize(first)));
    assertThat(rows(lake, "SELECT model, log_id, ts_ns, track_id, mode, probability, target_ts_ns, x, y FROM forecasts"))
        .containsExactly(List.of("cv", "a", 0L, "t1", 0, 1.0, 100L, 1.0, 2.0));

    Path second = writeForecasts(lake, "cv", 7.0);
    lake.commitForecasts(lake.current(), "forecasts cv again", Map.of("cv", lake.relativize(second)));
    // tags and later commits keep the forecasts
    lake.commitTags(lake.current(), "no tags", Map.of());
    assertThat(lake.current().forecasts()).containsExactly(Map.entry("cv", lake.relativize(second)));
    assertThat(lake.vacuum()).isEqualTo(1 + 2); // the replaced forecast file and snapshots 1 and 2
    assertThat(first).doesNotExist();
    assertThat(second).exists();
    assertThat(rows(lake, "SELECT x FROM forecasts")).containsExactly(List.of(7.0));
  }

  @Test
  void refusesToCommitAMissingFile() {
    Lake lake = Lake.open(dir.resolve("lake"));
    assertThatThrownBy(() -> lake.commitForecasts(lake.current(), "x", Map.of("cv", "forecasts/cv/nope.parquet")))
        .isInstanceOf(LakeException.class)
        .hasMessage("refusing to commit forecasts of model cv: file forecasts/cv/nope.parquet does not exist");
    assertThat(lake.current().version()).isZero();
  }

  @Test
  void anEmptyLakeHasAnEmptyTypedForecastsView() throws Exception {
    Lake lake = Lake.open(dir.resolve("lake"));
    assertThat(rows(lake, "SELECT column_name, column_type FROM (DESCRIBE forecasts)")).containsExactly(
        List.of("model", "VARCHAR"), List.of("log_id", "VARCHAR"), List.of("ts_ns", "BIGINT"),
        List.of("track_id", "VARCHAR"), List.of("mode", "INTEGER"), List.of("probability", "DOUBLE"),
        List.of("target_ts_ns", "BIGINT"), List.of("x", "DOUBLE"), List.of("y", "DOUBLE"));
    assertThat(rows(lake, "SELECT count(*) FROM forecasts")).containsExactly(List.of(0L));
  }

  private static Path writeForecasts(Lake lake, String model, double x) throws Exception {
    Path file = lake.newForecastFile(model);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("COPY (SELECT '" + model + "' AS model, 'a' AS log_id, 0::BIGINT AS ts_ns, 't1' AS track_id, 0 AS mode,"
          + " 1.0::DOUBLE AS probability, 100::BIGINT AS target_ts_ns, " + x + "::DOUBLE AS x, 2.0::DOUBLE AS y) TO '"
          + file + "' (" + Lake.PARQUET_COPY_OPTIONS + ")");
    }
    return file;
  }

  private static List<List<Object>> rows(Lake lake, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
      LakeViews.register(c, lake, lake.current());
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
        List<List<Object>> out = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<Object> row = new ArrayList<>();
          for (int i = 1; i <= n; i++) {
            row.add(rs.getObject(i));
          }
          out.add(row);
        }
        return out;
      }
    }
  }
}
