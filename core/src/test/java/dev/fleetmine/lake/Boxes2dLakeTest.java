package dev.fleetmine.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleetmine.TestLakes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The boxes2d table in the lake format: snapshot field, commit, vacuum and view. */
class Boxes2dLakeTest {
  @TempDir
  Path dir;

  @Test
  void snapshotWithBoxes2dRoundTripsThroughTheCodec() {
    Snapshot s = new Snapshot(4, 1764075600000L, "import coco", new TreeMap<>(), new TreeMap<>(),
        new TreeMap<>(Map.of("cv", "forecasts/cv/3.parquet")),
        new TreeMap<>(Map.of("val/gt", "boxes2d/val/gt/1.parquet", "val/yolo@v8", "boxes2d/val/yolo_v8/2.parquet")));
    Snapshot back = SnapshotCodec.decode(SnapshotCodec.encode(s), "test");
    assertThat(back).isEqualTo(s);
    assertThat(back.boxes2d()).containsExactly(Map.entry("val/gt", "boxes2d/val/gt/1.parquet"),
        Map.entry("val/yolo@v8", "boxes2d/val/yolo_v8/2.parquet"));
    assertThat(new String(SnapshotCodec.encode(s), StandardCharsets.UTF_8)).contains("\"format_version\" : 1");
  }

  @Test
  void aSnapshotWrittenBeforeBoxes2dExistedReadsAsHavingNone() {
    String old = """
        { "format_version": 1, "version": 2, "committed_at": 5, "operation": "import forecasts cv",
          "logs": {}, "tags": {}, "forecasts": { "cv": "forecasts/cv/x.parquet" } }""";
    Snapshot s = SnapshotCodec.decode(old.getBytes(StandardCharsets.UTF_8), "old.json");
    assertThat(s.boxes2d()).isEmpty();
    assertThat(s.forecasts()).containsExactly(Map.entry("cv", "forecasts/cv/x.parquet"));
    // the six-argument constructor of older code still builds a snapshot without 2D boxes
    assertThat(new Snapshot(2, 5, "import forecasts cv", new TreeMap<>(), new TreeMap<>(), s.forecasts()))
        .isEqualTo(s);
  }

  @Test
  void commitReplaceAndVacuumKeepOnlyTheCurrentFile() throws Exception {
    Lake lake = Lake.open(dir.resolve("lake"));
    Path first = writeBoxes(lake, "val", "gt", 1.0);
    lake.commitBoxes2d(lake.current(), "gt", Map.of("val/gt", lake.relativize(first)));
    assertThat(lake.current().boxes2d()).containsExactly(Map.entry("val/gt", lake.relativize(first)));
    assertThat(lake.relativize(first)).startsWith("boxes2d/val/gt/");
    assertThat(TestLakes.query(lake, "SELECT dataset, source, image_id, x FROM boxes2d"))
        .containsExactly(List.of("val", "gt", 7L, 1.0));

    Path second = writeBoxes(lake, "val", "gt", 5.0);
    lake.commitBoxes2d(lake.current(), "gt again", Map.of("val/gt", lake.relativize(second)));
    // later commits of other tables keep the boxes
    lake.commitForecasts(lake.current(), "no forecasts", Map.of());
    assertThat(lake.current().boxes2d()).containsExactly(Map.entry("val/gt", lake.relativize(second)));
    assertThat(lake.vacuum()).isEqualTo(1 + 2); // the replaced file and snapshots 1 and 2
    assertThat(first).doesNotExist();
    assertThat(second).exists();
    assertThat(TestLakes.query(lake, "SELECT x FROM boxes2d")).containsExactly(List.of(5.0));
  }

  @Test
  void refusesToCommitAMissingFile() {
    Lake lake = Lake.open(dir.resolve("lake"));
    assertThatThrownBy(() -> lake.commitBoxes2d(lake.current(), "x", Map.of("val/gt", "boxes2d/val/gt/nope.parquet")))
        .isInstanceOf(LakeException.class)
        .hasMessage("refusing to commit 2D boxes val/gt: file boxes2d/val/gt/nope.parquet does not exist");
    assertThat(lake.current().version()).isZero();
  }

  @Test
  void anEmptyLakeHasAnEmptyTypedBoxes2dView() {
    Lake lake = Lake.open(dir.resolve("lake"));
    assertThat(TestLakes.query(lake, "SELECT column_name, column_type FROM (DESCRIBE boxes2d)")).containsExactly(
        List.of("dataset", "VARCHAR"), List.of("source", "VARCHAR"), List.of("ordinal", "BIGINT"),
        List.of("image_id", "BIGINT"), List.of("file_name", "VARCHAR"), List.of("width", "INTEGER"),
        List.of("height", "INTEGER"), List.of("annotation_id", "BIGINT"), List.of("category_id", "BIGINT"),
        List.of("category", "VARCHAR"), List.of("x", "DOUBLE"), List.of("y", "DOUBLE"), List.of("w", "DOUBLE"),
        List.of("h", "DOUBLE"), List.of("area", "DOUBLE"), List.of("iscrowd", "BOOLEAN"), List.of("score", "DOUBLE"));
    assertThat(TestLakes.scalar(lake, "SELECT count(*) FROM boxes2d")).isEqualTo(0L);
  }

  private static Path writeBoxes(Lake lake, String dataset, String source, double x) throws Exception {
    Path file = lake.newBoxes2dFile(dataset, source);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("COPY (SELECT '" + dataset + "' AS dataset, '" + source + "' AS source, 0::BIGINT AS ordinal,"
          + " 7::BIGINT AS image_id, NULL::VARCHAR AS file_name, NULL::INTEGER AS width, NULL::INTEGER AS height,"
          + " 1::BIGINT AS annotation_id, 3::BIGINT AS category_id, 'car' AS category, " + x + "::DOUBLE AS x,"
          + " 2.0::DOUBLE AS y, 3.0::DOUBLE AS w, 4.0::DOUBLE AS h, 12.0::DOUBLE AS area, false AS iscrowd,"
          + " NULL::DOUBLE AS score) TO '" + file + "' (" + Lake.PARQUET_COPY_OPTIONS + ")");
    }
    return file;
  }
}
