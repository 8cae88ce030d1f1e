package dev.fleetmine.ingest.av2;

import static dev.fleetmine.TestLakes.query;
import static dev.fleetmine.TestLakes.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fleetmine.ingest.IngestException;
import dev.fleetmine.ingest.Ingestor;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.ingest.av2.EgoRowsFixture.EgoRow;
import dev.fleetmine.lake.Lake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code EGO_VEHICLE} rows of scenario-mining logs, on the real log 7fab2350 with one ego row added per
 * annotated timestamp (156): never objects; dropped when the log has its pose file; the ego track when it
 * has not. Each case is compared with the same log ingested as published (no ego rows, pose file present).
 */
class Av2EgoRowsTest {
  static final String LOG = Av2SensorImporterTest.LOG_A;
  static final String OBJECTS = "SELECT ts_ns, track_id, category, raw_label, x, y, z, length, width, height, yaw"
      + " FROM objects ORDER BY ts_ns, track_id";
  static final String EGO = "SELECT ts_ns, x, y, z, yaw, speed, accel FROM ego ORDER BY ts_ns";

  @TempDir
  Path dir;

  private Lake ingest(String name, Path input) {
    Lake lake = Lake.open(dir.resolve(name));
    try (Ingestor in = Ingestor.begin(lake)) {
      new Av2SensorImporter().read(List.of(input), in, Progress.NONE);
      in.commit("ingest av2");
    }
    return lake;
  }

  private Path log(String name) throws IOException {
    return EgoRowsFixture.copyLog(Av2SensorImporterTest.sensorData(), LOG, dir.resolve(name));
  }

  /** One ego row per annotated timestamp, at the ego origin (RefAV's form) or at the real city pose. */
  private static List<EgoRow> egoRows(Path log, boolean cityPoses) throws IOException {
    List<EgoRow> rows = new ArrayList<>();
    for (long ts : EgoRowsFixture.timestamps(log.resolve(Av2SensorImporter.ANNOTATIONS))) {
      rows.add(cityPoses ? new EgoRow(ts, Av2SensorImporterTest.egoPoseByNlerp(log.resolve(Av2SensorImporter.POSES), ts))
          : EgoRow.atOrigin(ts));
    }
    return rows;
  }

  @Test
  void withThePoseFileTheEgoRowsAreDroppedAndCounted() throws IOException {
    Lake published = ingest("published", log("a"));
    Path log = log("b");
    EgoRowsFixture.addEgoRows(log.resolve(Av2SensorImporter.ANNOTATIONS), egoRows(log, false));
    Lake lake = ingest("lake", log);
    assertThat(query(lake, "SELECT object_rows, ego_frames, frame, ego_pose_known, metadata FROM logs")).containsExactly(
        List.of(11364L, 156L, "city", true, "{\"city_map_id\":\"47896\",\"ego_rows_dropped\":\"156\",\"ego_rows_used\":\"0\"}"));
    assertThat(scalar(published, "SELECT metadata FROM logs"))
        .isEqualTo("{\"city_map_id\":\"47896\",\"ego_rows_dropped\":\"0\",\"ego_rows_used\":\"0\"}");
    assertThat(scalar(lake, "SELECT count(*) FROM objects WHERE raw_label = 'EGO_VEHICLE' OR track_id = 'ego'")).isEqualTo(0L);
    assertThat(query(lake, OBJECTS)).isEqualTo(query(published, OBJECTS));
    assertThat(query(lake, EGO)).isEqualTo(query(published, EGO));
  }

  @Test
  void withoutThePoseFileEgoRowsAtCityPosesAreTheEgoTrack() throws IOException {
    Lake published = ingest("published", log("a"));
    Path log = log("b");
    EgoRowsFixture.addEgoRows(log.resolve(Av2SensorImporter.ANNOTATIONS), egoRows(log, true));
    Files.delete(log.resolve(Av2SensorImporter.POSES));
    Lake lake = ingest("lake", log);
    assertThat(query(lake, "SELECT object_rows, ego_frames, frame, ego_pose_known, metadata FROM logs")).containsExactly(
        List.of(11364L, 156L, "city", true, "{\"city_map_id\":\"47896\",\"ego_rows_dropped\":\"0\",\"ego_rows_used\":\"156\"}"));
    // the rows hold the pose file's values at each timestamp (linear rotation in the fixture, slerp in the
    // importer: equal to 1e-9), so the ego track and every box land where the pose file puts them
    List<List<Object>> ego = query(lake, EGO);
    List<List<Object>> expected = query(published, EGO);
    assertThat(ego).hasSameSizeAs(expected);
    for (int i = 0; i < ego.size(); i++) {
      assertThat(ego.get(i).get(0)).isEqualTo(expected.get(i).get(0));
      for (int c = 1; c < 5; c++) {
        assertThat((double) ego.get(i).get(c)).as("ego row %d column %d", i, c).isCloseTo((double) expected.get(i).get(c), within(1e-9));
      }
      for (int c = 5; c < 7; c++) { // derived: speed and accel, by the same SQL from the same poses
        assertThat((double) ego.get(i).get(c)).as("ego row %d column %d", i, c).isCloseTo((double) expected.get(i).get(c), within(1e-6));
      }
    }
    assertThat(query(lake, "SELECT origin_x, origin_y, origin_z FROM logs").get(0)).satisfiesExactly(
        x -> assertThat((double) x).isCloseTo(5173.484175153497, within(1e-9)),
        y -> assertThat((double) y).isCloseTo(2418.6736293805775, within(1e-9)),
        z -> assertThat((double) z).isCloseTo(66.94625048234683, within(1e-9)));
    // pinned frames: the first (the origin, 10.48 m/s), the 100th (almost stopped) and the last
    assertThat(ego.get(0).subList(1, 4)).containsExactly(0.0, 0.0, 0.0);
    assertThat((double) ego.get(0).get(5)).isCloseTo(10.475838048353314, within(1e-6));
    assertPose(ego.get(99), 315966263559829000L, 50.21130199840081, -33.2141581647561, 2.1299019132309525,
        -0.5775806583227, 0.2850926731419254);
    assertPose(ego.get(155), 315966269160171000L, 61.34688660679603, -32.33832090033866, 2.3455667878274085,
        0.5309618833468965, 4.733119954815466);
    List<List<Object>> boxes = query(lake, OBJECTS);
    List<List<Object>> expectedBoxes = query(published, OBJECTS);
    assertThat(boxes).hasSameSizeAs(expectedBoxes);
    for (int i = 0; i < boxes.size(); i++) {
      assertThat(boxes.get(i).subList(0, 4)).isEqualTo(expectedBoxes.get(i).subList(0, 4));
      for (int c : new int[] {4, 5, 6, 10}) {
        assertThat((double) boxes.get(i).get(c)).isCloseTo((double) expectedBoxes.get(i).get(c), within(1e-6));
      }
    }
  }

  private static void assertPose(List<Object> row, long ts, double x, double y, double z, double yaw, double speed) {
    assertThat(row.get(0)).isEqualTo(ts);
    assertThat((double) row.get(1)).isCloseTo(x, within(1e-9));
    assertThat((double) row.get(2)).isCloseTo(y, within(1e-9));
    assertThat((double) row.get(3)).isCloseTo(z, within(1e-9));
    assertThat((double) row.get(4)).isCloseTo(yaw, within(1e-9));
    assertThat((double) row.get(5)).isCloseTo(speed, within(1e-6));
  }

  @Test
  void withoutThePoseFileEgoRowsAtTheOriginKeepTheLogInTheEgoFrame() throws Exception {
    Path log = log("b");
    EgoRowsFixture.addEgoRows(log.resolve(Av2SensorImporter.ANNOTATIONS), egoRows(log, false));
    Files.delete(log.resolve(Av2SensorImporter.POSES));
    Lake lake = ingest("lake", log);
    assertThat(query(lake, "SELECT object_rows, ego_frames, frame, ego_pose_known, origin_x, metadata FROM logs")).containsExactly(
        List.of(11364L, 156L, "ego", false, 0.0,
            "{\"city_map_id\":\"47896\",\"ego_rows_dropped\":\"0\",\"ego_rows_used\":\"156\"}"));
    assertThat(query(lake, "SELECT count(*), max(abs(x) + abs(y) + abs(z) + abs(yaw)) FROM ego"))
        .containsExactly(List.of(156L, 0.0));
    // record 0, a bicycle, is where annotations.feather puts it in the ego frame
    Path ann = log.resolve(Av2SensorImporter.ANNOTATIONS);
    long ts = Av2SensorImporterTest.rawTimestamp(ann, 0);
    double[] box = Av2SensorImporterTest.rawRow(ann, 0, List.of("tx_m", "ty_m", "tz_m"));
    assertThat(query(lake, "SELECT x, y, z FROM objects WHERE ts_ns = " + ts
        + " AND track_id = '1046f12a-152a-4e82-b61b-75468bcda8ae'").get(0)).containsExactly(box[0], box[1], box[2]);
  }

  @Test
  void twoEgoRowsAtOneTimestampAreRejectedNamingBoth() throws IOException {
    Path log = log("b");
    List<EgoRow> rows = egoRows(log, true);
    rows.add(rows.get(3));
    EgoRowsFixture.addEgoRows(log.resolve(Av2SensorImporter.ANNOTATIONS), rows);
    Files.delete(log.resolve(Av2SensorImporter.POSES));
    Lake lake = Lake.open(dir.resolve("lake"));
    assertThatThrownBy(() -> {
      try (Ingestor in = Ingestor.begin(lake)) {
        new Av2SensorImporter().read(List.of(log), in, Progress.NONE);
        in.commit("ingest av2");
      }
    }).isInstanceOf(IngestException.class).hasMessage(log.resolve(Av2SensorImporter.ANNOTATIONS)
        + ": records 11367 and 11520 (category EGO_VEHICLE): both have timestamp_ns "
        + EgoRowsFixture.timestamps(log.resolve(Av2SensorImporter.ANNOTATIONS))[3] + "; expected one ego row per timestamp");
    assertThat(lake.current().logs()).isEmpty();
  }
}
