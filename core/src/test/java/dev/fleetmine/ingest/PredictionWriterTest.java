package dev.fleetmine.ingest;

import static dev.fleetmine.TestLakes.query;
import static dev.fleetmine.TestLakes.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleetmine.TestLakes;
import dev.fleetmine.ingest.av2.Av2SensorImporter;
import dev.fleetmine.ingest.kitti.KittiTrackingImporter;
import dev.fleetmine.ingest.predictions.KittiDetections;
import dev.fleetmine.ingest.predictions.PredictionReaders;
import dev.fleetmine.lake.Lake;
import dev.fleetmine.lake.LakeViews;
import dev.fleetmine.lake.Snapshot;
import dev.fleetmine.lake.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adding a model's predictions to stored logs: the rows equal a full ingest's, a re-import replaces the
 * model's rows and nothing else, and a failure leaves the lake as it was.
 */
class PredictionWriterTest {
  static final Path KITTI = TestLakes.sharedData().resolve("kitti-tracking");
  static final Path DETECTIONS = KITTI.resolve("detections_pointrcnn");

  @TempDir
  Path dir;

  /** A KITTI root with the real labels and calibration but no detections (symbolic links, nothing copied). */
  Path labelsOnlyRoot(String... sequences) throws IOException {
    Path root = dir.resolve("labels-only");
    Files.createDirectories(root.resolve("label_02"));
    Files.createSymbolicLink(root.resolve("calib"), KITTI.resolve("calib"));
    for (String s : sequences) {
      Files.createSymbolicLink(root.resolve("label_02").resolve(s + ".txt"), KITTI.resolve("label_02/" + s + ".txt"));
    }
    return root;
  }

  static Lake ingestKitti(Path lakeDir, Path input) {
    Lake lake = Lake.open(lakeDir);
    try (Ingestor in = Ingestor.begin(lake)) {
      new KittiTrackingImporter().read(List.of(input), in, Progress.NONE);
      in.commit("ingest kitti");
    }
    return lake;
  }

  static Snapshot add(Lake lake, String model, Map<String, List<ObjectSample>> predictions) {
    try (PredictionWriter w = PredictionWriter.begin(lake, model)) {
      predictions.forEach(w::add);
      return w.commit("predictions add " + model);
    }
  }

  @Test
  void predictionsAddedLaterEqualAFullIngestOfAllTenSequences() throws IOException {
    Lake full = ingestKitti(dir.resolve("full"), KITTI);
    Lake later = ingestKitti(dir.resolve("later"), labelsOnlyRoot("0000", "0002", "0003", "0004", "0005", "0007",
        "0009", "0011", "0017", "0020"));
    assertThat(scalar(later, "SELECT count(*) FROM objects")).isEqualTo(23211L);

    Snapshot s = add(later, "pointrcnn", KittiDetections.read(List.of(DETECTIONS), "pointrcnn", null));

    assertThat(s.version()).isEqualTo(2);
    assertThat(s.operation()).isEqualTo("predictions add pointrcnn");
    assertThat(scalar(later, "SELECT count(*) FROM objects")).isEqualTo(60348L);
    // every column of every row, FLOAT columns bit for bit
    assertThat(exceptBothWays(full, later, "SELECT * FROM objects")).containsExactly(0L, 0L);
    assertThat(exceptBothWays(full, later, "SELECT * FROM ego")).containsExactly(0L, 0L);
    assertThat(exceptBothWays(full, later, "SELECT log_id, start_ns, end_ns, ego_frames, object_rows FROM logs"))
        .containsExactly(0L, 0L);
    assertThat(scalar(later, "SELECT sum(object_rows)::BIGINT FROM logs")).isEqualTo(60348L);
  }

  @Test
  void predictionsAddedLaterEqualAFullIngestWithEgoPoses() throws IOException {
    // oxts makes the ego move (north at 10 m/s), so velocities, relative velocities and TTC are derived
    Path root = rootWithOxts(true);
    Lake full = ingestKitti(dir.resolve("full"), root);
    Lake later = ingestKitti(dir.resolve("later"), rootWithOxts(false));

    add(later, "pointrcnn", KittiDetections.read(List.of(root.resolve("detections_pointrcnn")), "pointrcnn", null));

    assertThat(scalar(later, "SELECT count(*) FROM objects WHERE source = 'pointrcnn'")).isEqualTo(1069L);
    assertThat(exceptBothWays(full, later, "SELECT * FROM objects")).containsExactly(0L, 0L);
    assertThat(scalar(later, "SELECT bool_and(ego_pose_known) FROM logs")).isEqualTo(true);
    // untracked detections: relative velocity is minus ego's (0, -10 in the ego frame), never derived from a track
    assertThat(query(later, "SELECT count(*), count(rel_vlon), min(rel_vlon), max(rel_vlon) FROM objects"
        + " WHERE source = 'pointrcnn'")).containsExactly(Arrays.asList(1069L, 0L, null, null));
  }

  @Test
  void mapColumnsOfAddedRowsEqualTheIngestsOnAnArgoverseLog() {
    Lake lake = Lake.open(dir.resolve("lake"));
    try (Ingestor in = Ingestor.begin(lake)) {
      new Av2SensorImporter().read(
          List.of(TestLakes.sharedData().resolve("argoverse2/sensor/7fab2350-7eaf-3b7e-a39d-6937a4c1bede")), in,
          Progress.NONE);
      in.commit("ingest av2");
    }
    // the ground truth again as a model: same raw rows, so every derived and map column must come out equal
    Map<String, List<ObjectSample>> copy = Map.of("7fab2350-7eaf-3b7e-a39d-6937a4c1bede", query(lake,
        "SELECT ts_ns, track_id, category, raw_label, x, y, z, length, width, height, yaw FROM objects"
            + " WHERE source = 'gt'").stream()
        .map(r -> new ObjectSample((Long) r.get(0), "copy@v1", (String) r.get(1), Category.fromSqlName((String) r.get(2)),
            (String) r.get(3), (Double) r.get(4), (Double) r.get(5), (Double) r.get(6), (Double) r.get(7),
            (Double) r.get(8), (Double) r.get(9), (Double) r.get(10), Double.NaN, Double.NaN, Double.NaN))
        .toList());
    add(lake, "copy@v1", copy);

    assertThat(query(lake, "SELECT source, count(*), count(lane_id), count(same_lane_map), count(ttc) FROM objects"
        + " GROUP BY ALL ORDER BY ALL")).containsExactly(
        List.of("copy@v1", 11364L, 6279L, 6279L, 426L), List.of("gt", 11364L, 6279L, 6279L, 426L));
    // The copy's input yaw is the stored, already normalized one; normalizing it again moves 50 of them by an ulp.
    assertThat(query(lake, "SELECT count(*) FROM (SELECT * EXCLUDE (source, yaw) FROM objects WHERE source = 'gt'"
        + " EXCEPT ALL SELECT * EXCLUDE (source, yaw) FROM objects WHERE source = 'copy@v1')")).containsExactly(List.of(0L));
    assertThat((double) scalar(lake, "SELECT max(abs(g.yaw - c.yaw)) FROM objects g JOIN objects c"
        + " ON g.ts_ns = c.ts_ns AND g.track_id = c.track_id AND c.source = 'copy@v1' WHERE g.source = 'gt'"))
        .isLessThan(1e-15);
    assertThat(scalar(lake, "SELECT object_rows FROM logs")).isEqualTo(22728L);
  }

  @Test
  void reimportingAModelReplacesItsRowsAndDeletesTheReplacedFiles() throws IOException {
    Lake lake = ingestKitti(dir.resolve("lake"), labelsOnlyRoot("0000", "0003"));
    Map<String, List<ObjectSample>> m = KittiDetections.read(List.of(DETECTIONS.resolve("Car/0000.txt"),
        DETECTIONS.resolve("Car/0003.txt")), "m@v1", null);
    add(lake, "m@v1", m);
    add(lake, "m@v1", m);

    assertThat(query(lake, "SELECT log_id, source, count(*) FROM objects GROUP BY ALL ORDER BY ALL")).containsExactly(
        List.of("kitti-0000", "gt", 711L), List.of("kitti-0000", "m@v1", 1054L),
        List.of("kitti-0003", "gt", 388L), List.of("kitti-0003", "m@v1", 715L));
    assertThat(query(lake, "SELECT log_id, object_rows FROM logs ORDER BY 1"))
        .containsExactly(List.of("kitti-0000", 1765L), List.of("kitti-0003", 1103L));
    // one file per table per log is left: the replaced objects and logs files were deleted
    for (Table t : Table.values()) {
      try (Stream<Path> files = Files.walk(lake.root().resolve("data").resolve(t.tableName()))) {
        assertThat(files.filter(Files::isRegularFile).count()).as(t.tableName()).isEqualTo(2);
      }
    }
  }

  @Test
  void aSecondVersionCoexistsAndLeavesOtherSourcesUntouched() throws IOException {
    Lake lake = ingestKitti(dir.resolve("lake"), KITTI.resolve("label_02/0000.txt"));
    Lake before = ingestKitti(dir.resolve("before"), KITTI.resolve("label_02/0000.txt"));
    Snapshot v1 = lake.current();

    add(lake, "pointrcnn@v2", KittiDetections.read(List.of(DETECTIONS.resolve("Car/0000.txt"),
        DETECTIONS.resolve("Pedestrian/0000.txt"), DETECTIONS.resolve("Cyclist/0000.txt")), "pointrcnn@v2", null));

    assertThat(query(lake, "SELECT source, count(*) FROM objects GROUP BY ALL ORDER BY ALL")).containsExactly(
        List.of("gt", 711L), List.of("pointrcnn", 1838L), List.of("pointrcnn@v2", 1838L));
    assertThat(exceptBothWays(before, lake, "SELECT * FROM objects WHERE source <> 'pointrcnn@v2'"))
        .containsExactly(0L, 0L);
    // same boxes, same derived values: only the source differs
    assertThat(query(lake, "SELECT count(*) FROM (SELECT * EXCLUDE (source) FROM objects WHERE source = 'pointrcnn'"
        + " EXCEPT ALL SELECT * EXCLUDE (source) FROM objects WHERE source = 'pointrcnn@v2')")).containsExactly(List.of(0L));
    // ego, events and the map are the same files as before; objects and logs are new
    assertThat(lake.current().log("kitti-0000").orElseThrow().file(Table.EGO))
        .isEqualTo(v1.log("kitti-0000").orElseThrow().file(Table.EGO));
    assertThat(lake.current().log("kitti-0000").orElseThrow().file(Table.EVENTS))
        .isEqualTo(v1.log("kitti-0000").orElseThrow().file(Table.EVENTS));
    assertThat(lake.current().log("kitti-0000").orElseThrow().file(Table.OBJECTS))
        .isNotEqualTo(v1.log("kitti-0000").orElseThrow().file(Table.OBJECTS));
    assertThat(scalar(lake, "SELECT object_rows FROM logs")).isEqualTo(4387L);
  }

  @Test
  void aFailureInTheSecondLogLeavesTheLakeUnchanged() throws Exception {
    Lake lake = ingestKitti(dir.resolve("lake"), labelsOnlyRoot("0000", "0002"));
    Path csv = dir.resolve("preds.csv");
    Files.writeString(csv, """
        log_id,ts_ns,category,x,y,z,length,width,height,yaw,score
        kitti-0000,0,car,10,2,-0.9,4.5,1.8,1.5,0.1,0.9
        kitti-0002,999,car,10,2,-0.9,4.5,1.8,1.5,0.1,0.9
        """);
    Map<String, List<ObjectSample>> preds = PredictionReaders.read("native", List.of(csv), "m", null);
    var files = TestLakes.listing(lake.root());
    Snapshot v1 = lake.current();

    assertThatThrownBy(() -> add(lake, "m", preds)).isInstanceOf(IngestException.class)
        .hasMessage("log kitti-0002: 1 predictions of model m at ts_ns 999 have no ego state at that timestamp;"
            + " prediction timestamps must match the log's ego timestamps");

    assertThat(TestLakes.listing(lake.root())).isEqualTo(files);
    assertThat(lake.current()).isEqualTo(v1);
    try (Stream<Path> staging = Files.list(lake.root().resolve("_staging"))) {
      assertThat(staging).isEmpty();
    }
  }

  @Test
  void closingWithoutCommitLeavesNoTrace() throws Exception {
    Lake lake = ingestKitti(dir.resolve("lake"), labelsOnlyRoot("0003"));
    var files = TestLakes.listing(lake.root());
    try (PredictionWriter w = PredictionWriter.begin(lake, "m")) {
      KittiDetections.read(List.of(DETECTIONS.resolve("Cyclist/0003.txt")), "m", null).forEach(w::add);
      assertThat(w.logIds()).containsExactly("kitti-0003");
      assertThat(w.rows()).isEqualTo(75L);
    }
    assertThat(TestLakes.listing(lake.root())).isEqualTo(files);
  }

  @Test
  void misuseIsRejectedWithTheLogAndTheModel() throws IOException {
    Lake lake = ingestKitti(dir.resolve("lake"), labelsOnlyRoot("0000", "0002", "0003", "0004", "0005", "0007"));
    ObjectSample box = new ObjectSample(0, "m", null, Category.CAR, "car", 10, 2, -0.9, 4.5, 1.8, 1.5, 0.1,
        Double.NaN, Double.NaN, 0.9);
    try (PredictionWriter w = PredictionWriter.begin(lake, "m")) {
      assertThatThrownBy(() -> w.add("kitti-9999", List.of(box))).isInstanceOf(IngestException.class)
          .hasMessage("log kitti-9999: is not in the lake (predictions of model m need a log ingested before);"
              + " known logs: kitti-0000, kitti-0002, kitti-0003, kitti-0004, kitti-0005, ... (6 in all)");
      assertThatThrownBy(() -> w.add("kitti-0000", List.of(box, new ObjectSample(0, "other", null, Category.CAR, "car", 10, 2,
          -0.9, 4.5, 1.8, 1.5, 0.1, Double.NaN, Double.NaN, 0.9))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("prediction 1 of log kitti-0000 has source 'other', expected the model 'm'");
      w.add("kitti-0000", List.of(box));
      assertThatThrownBy(() -> w.add("kitti-0000", List.of(box))).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("log kitti-0000 was already added; pass all of a log's predictions in one call");
    }
    assertThatThrownBy(() -> PredictionWriter.begin(lake, "gt")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("model name 'gt' is reserved for ground truth");
  }

  /** Rows of {@code select} over lake a missing from lake b, and the other way (EXCEPT ALL: multiplicity counts). */
  static List<Long> exceptBothWays(Lake a, Lake b, String select) {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      LakeViews.register(c, a, a.current());
      st.execute("CREATE TABLE lake_a AS " + select);
      LakeViews.register(c, b, b.current());
      st.execute("CREATE TABLE lake_b AS " + select);
      return List.of(count(st, "SELECT count(*) FROM (FROM lake_a EXCEPT ALL FROM lake_b)"),
          count(st, "SELECT count(*) FROM (FROM lake_b EXCEPT ALL FROM lake_a)"));
    } catch (SQLException e) {
      throw new AssertionError(select + ": " + e.getMessage(), e);
    }
  }

  private static long count(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * A KITTI root for sequence 0003 with a synthetic oxts file (north at 10 m/s from 49 N 8.4 E, as in
   * KittiOxtsTest) and, when {@code detections}, the real PointRCNN files.
   */
  Path rootWithOxts(boolean detections) throws IOException {
    Path root = dir.resolve(detections ? "with-detections" : "labels-only-oxts");
    for (String sub : List.of("label_02", "calib", "oxts")) {
      Files.createDirectories(root.resolve(sub));
    }
    Files.createSymbolicLink(root.resolve("label_02/0003.txt"), KITTI.resolve("label_02/0003.txt"));
    Files.createSymbolicLink(root.resolve("calib/0003.txt"), KITTI.resolve("calib/0003.txt"));
    StringBuilder oxts = new StringBuilder();
    for (int f = 0; f < 144; f++) {
      double lat = 49.0 + Math.toDegrees(f / 6378137.0);
      oxts.append(String.format(Locale.ROOT, "%.12f %.12f 110.0 0 0 %.12f 10 0 10 0 0", lat, 8.4,
          Math.PI / 2)).append(" 0".repeat(19)).append('\n');
    }
    Files.writeString(root.resolve("oxts/0003.txt"), oxts);
    if (detections) {
      for (String cls : List.of("Car", "Pedestrian", "Cyclist")) {
        Files.createDirectories(root.resolve("detections_pointrcnn").resolve(cls));
        Files.createSymbolicLink(root.resolve("detections_pointrcnn").resolve(cls).resolve("0003.txt"),
            DETECTIONS.resolve(cls).resolve("0003.txt"));
      }
    }
    return root;
  }
}
