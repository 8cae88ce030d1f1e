package dev.fleetmine.ingest.kitti;

import static dev.fleetmine.TestLakes.query;
import static dev.fleetmine.TestLakes.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fleetmine.TestLakes;
import dev.fleetmine.ingest.Ingestor;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.lake.Lake;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingests the ten real KITTI tracking sequences of shared/data once and pins what the lake holds. */
class KittiTrackingImporterTest {
  static final Path KITTI = TestLakes.sharedData().resolve("kitti-tracking");

  @TempDir
  static Path dir;
  static Lake lake;

  @BeforeAll
  static void ingestAll() {
    lake = Lake.open(dir.resolve("lake"));
    try (Ingestor in = Ingestor.begin(lake)) {
      new KittiTrackingImporter().read(List.of(KITTI), in, Progress.NONE);
      in.commit("ingest kitti");
    }
  }

  @Test
  void oneLogPerSequenceWithExactCounts() {
    // Counted independently with awk over label_02 and detections_pointrcnn:
    // log, gt rows, gt tracks, DontCare rows, pointrcnn rows, ego frames (0..max frame of labels or detections).
    List<List<Object>> expected = List.of(
        List.of("kitti-0000", 711L, 15L, "378", 1838L, 154L),
        List.of("kitti-0002", 1497L, 20L, "601", 2146L, 233L),
        List.of("kitti-0003", 388L, 9L, "473", 1069L, 144L),
        List.of("kitti-0004", 1113L, 41L, "899", 3122L, 314L),
        List.of("kitti-0005", 1476L, 36L, "672", 2099L, 297L),
        List.of("kitti-0007", 2734L, 63L, "988", 5754L, 800L),
        List.of("kitti-0009", 3776L, 89L, "1525", 5951L, 803L),
        List.of("kitti-0011", 3788L, 60L, "571", 4879L, 373L),
        List.of("kitti-0017", 883L, 11L, "616", 1215L, 145L),
        List.of("kitti-0020", 6845L, 134L, "2051", 9064L, 837L));
    assertThat(query(lake, """
        SELECT l.log_id,
          (SELECT count(*) FROM objects o WHERE o.log_id = l.log_id AND source = 'gt'),
          (SELECT count(DISTINCT track_id) FROM objects o WHERE o.log_id = l.log_id AND source = 'gt'),
          json_extract_string(l.metadata, '$.dont_care_rows'),
          (SELECT count(*) FROM objects o WHERE o.log_id = l.log_id AND source = 'pointrcnn'),
          l.ego_frames
        FROM logs l ORDER BY l.log_id""")).isEqualTo(expected);
  }

  @Test
  void totalsAndCategoryMapping() {
    assertThat(scalar(lake, "SELECT count(*) FROM objects WHERE source = 'gt'")).isEqualTo(23211L);
    assertThat(scalar(lake, "SELECT count(DISTINCT (log_id, track_id)) FROM objects WHERE source = 'gt'"))
        .isEqualTo(478L);
    assertThat(scalar(lake, "SELECT count(*) FROM objects WHERE source = 'pointrcnn'")).isEqualTo(37137L);
    assertThat(scalar(lake, "SELECT count(*) FROM objects WHERE source = 'pointrcnn' AND track_id IS NOT NULL"))
        .isEqualTo(0L);
    assertThat(scalar(lake, "SELECT count(*) FROM ego")).isEqualTo(4100L);
    assertThat(scalar(lake, "SELECT bool_and(NOT ego_pose_known AND frame = 'ego') FROM logs")).isEqualTo(true);
    // Car+Van -> car, Tram -> other_vehicle, Misc -> unknown; DontCare rows are not objects.
    assertThat(query(lake, "SELECT source, category, raw_label, count(*) FROM objects GROUP BY ALL ORDER BY ALL"))
        .containsExactly(
            List.of("gt", "car", "Car", 17750L),
            List.of("gt", "car", "Van", 2001L),
            List.of("gt", "cyclist", "Cyclist", 529L),
            List.of("gt", "other_vehicle", "Tram", 51L),
            List.of("gt", "pedestrian", "Pedestrian", 1346L),
            List.of("gt", "truck", "Truck", 956L),
            List.of("gt", "unknown", "Misc", 578L),
            List.of("pointrcnn", "car", "Car", 28022L),
            List.of("pointrcnn", "cyclist", "Cyclist", 2467L),
            List.of("pointrcnn", "pedestrian", "Pedestrian", 6648L));
  }

  @Test
  void firstVanOfSequence0000IsAheadAndToTheLeft() {
    // label_02/0000.txt line 3: Van, h w l = 2.000 1.823 4.434, camera x y z = -4.552 1.859 13.410 (bottom
    // centre), rotation_y -2.115. inverse(R0_rect * Tr_velo_to_cam) applied to the centre (y lifted by h/2)
    // gives velodyne (13.690568, 4.560799, -0.742469) (checked with numpy): 13.7 m ahead, 4.6 m left.
    List<Object> van = query(lake, "SELECT x, y, z, lon, lat, length, width, height, yaw, score, raw_label, ts_ns"
        + " FROM objects WHERE log_id = 'kitti-0000' AND source = 'gt' AND track_id = '0' AND ts_ns = 0").get(0);
    assertThat((double) van.get(0)).isCloseTo(13.690568, within(1e-6));
    assertThat((double) van.get(1)).isCloseTo(4.560799, within(1e-6));
    assertThat((double) van.get(2)).isCloseTo(-0.742469, within(1e-6));
    assertThat((double) van.get(3)).isCloseTo(13.690568, within(1e-6));
    assertThat((double) van.get(4)).isCloseTo(4.560799, within(1e-6));
    assertThat((double) van.get(5)).isEqualTo(4.433886);
    assertThat((double) van.get(6)).isEqualTo(1.823255);
    assertThat((double) van.get(7)).isEqualTo(2.0);
    // The heading through the calibration's rotation; the ideal-axes formula -ry - pi/2 gives 0.544692.
    assertThat((double) van.get(8)).isCloseTo(0.544845, within(1e-6));
    assertThat(van.get(9)).isNull();
    assertThat(van.get(10)).isEqualTo("Van");
    // PointRCNN's most confident box in frame 0 is the same van (camera -4.572 1.844 13.531, h 1.9605),
    // 12 cm further ahead; numpy gives velodyne (13.810911, 4.580579). The score is kept as given.
    List<Object> det = query(lake, "SELECT x, y, score, raw_label FROM objects WHERE log_id = 'kitti-0000'"
        + " AND source = 'pointrcnn' AND ts_ns = 0 ORDER BY score DESC LIMIT 1").get(0);
    assertThat((double) det.get(0)).isCloseTo(13.810911, within(1e-6));
    assertThat((double) det.get(1)).isCloseTo(4.580579, within(1e-6));
    assertThat((double) det.get(2)).isEqualTo(8.2981);
    assertThat(det.get(3)).isEqualTo("Car");
  }

  @Test
  void frameNumbersBecome10HzTimestamps() {
    assertThat(query(lake, "SELECT min(ts_ns), max(ts_ns), duration_s FROM ego JOIN logs USING (log_id)"
        + " WHERE log_id = 'kitti-0020' GROUP BY duration_s"))
        .containsExactly(List.of(0L, 83_600_000_000L, 83.6));
    assertThat(scalar(lake, "SELECT count(*) FROM ego WHERE x <> 0 OR y <> 0 OR yaw <> 0 OR speed IS NOT NULL"))
        .isEqualTo(0L);
  }
}
