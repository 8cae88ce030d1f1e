package dev.fleetmine.ingest.map;

import static dev.fleetmine.TestLakes.query;
import static dev.fleetmine.TestLakes.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fleetmine.TestLakes;
import dev.fleetmine.ingest.Category;
import dev.fleetmine.ingest.EgoSample;
import dev.fleetmine.ingest.IngestException;
import dev.fleetmine.ingest.Ingestor;
import dev.fleetmine.ingest.LogInfo;
import dev.fleetmine.ingest.ObjectSample;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.ingest.av2.Av2MotionImporter;
import dev.fleetmine.ingest.av2.Av2SensorImporter;
import dev.fleetmine.ingest.waymo.WaymoMotionImporter;
import dev.fleetmine.lake.Lake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The map columns of ego and objects on the real logs that carry a map (Argoverse 2 sensor and motion,
 * Waymo), and their absence elsewhere.
 *
 * <p>Every count pinned here was cross-checked by an independent brute-force script (Python, reading
 * the map JSON and the lake rows: each position's cell centre tested against every lane, crossing and
 * drivable polygon; no mismatch in 30,784 ego and object rows).
 */
class MapColumnsTest {
  static final String A = "7fab2350-7eaf-3b7e-a39d-6937a4c1bede";
  static final String B = "adcf7d18-0510-35b0-a2fa-b4cea13a6d76";
  static final String M = "0a1e6f0a-1817-4a98-b02e-db8c9327d151";
  static final String W = "waymo-637f20cafde22ff8";

  @TempDir
  static Path dir;
  static Lake lake;

  @BeforeAll
  static void ingestEveryLogWithAMap() {
    lake = Lake.open(dir.resolve("lake"));
    Path data = TestLakes.sharedData();
    try (Ingestor in = Ingestor.begin(lake)) {
      new Av2SensorImporter().read(List.of(data.resolve("argoverse2/sensor")), in, Progress.NONE);
      new Av2MotionImporter().read(List.of(data.resolve("argoverse2/forecasting")), in, Progress.NONE);
      new WaymoMotionImporter().read(List.of(data.resolve("waymo-motion")), in, Progress.NONE);
      in.commit("ingest maps");
    }
  }

  @Test
  void objectMapColumnsPerLog() {
    // log, rows, on_crosswalk, on_drivable, in_intersection, in_intersection known, on a lane,
    // same_lane_map true, same_lane_map false
    assertThat(query(lake, "SELECT log_id, count(*), count(*) FILTER (WHERE on_crosswalk), count(*) FILTER (WHERE"
        + " on_drivable), count(*) FILTER (WHERE in_intersection), count(in_intersection), count(lane_id),"
        + " count(*) FILTER (WHERE same_lane_map), count(*) FILTER (WHERE NOT same_lane_map) FROM objects"
        + " GROUP BY 1 ORDER BY 1")).containsExactly(
        List.of(M, 2324L, 37L, 1590L, 97L, 2324L, 729L, 0L, 729L),
        List.of(A, 11364L, 231L, 7049L, 1006L, 11364L, 6279L, 25L, 6254L),
        List.of(B, 12078L, 573L, 5525L, 607L, 12078L, 2388L, 43L, 2345L),
        // Waymo maps do not mark intersections; lanes are 3.5 m corridors, the drivable area their union
        List.of(W, 4505L, 483L, 3264L, 0L, 0L, 3264L, 91L, 3173L));
    assertThat(query(lake, "SELECT log_id, count(*), count(DISTINCT track_id) FROM objects WHERE category ="
        + " 'pedestrian' AND on_crosswalk GROUP BY 1 ORDER BY 1")).containsExactly(
        List.of(A, 35L, 1L), List.of(B, 419L, 7L), List.of(W, 260L, 7L));
  }

  @Test
  void egoMapColumnsPerLog() {
    // log, frames, on_crosswalk, on_drivable, in_intersection, on a lane
    assertThat(query(lake, "SELECT log_id, count(*), count(*) FILTER (WHERE on_crosswalk), count(*) FILTER (WHERE"
        + " on_drivable), count(*) FILTER (WHERE in_intersection), count(lane_id) FROM ego GROUP BY 1 ORDER BY 1"))
        .containsExactly(
            List.of(M, 110L, 0L, 110L, 19L, 110L),
            List.of(A, 156L, 6L, 156L, 23L, 156L),
            List.of(B, 156L, 10L, 156L, 43L, 156L),
            List.of(W, 91L, 0L, 91L, 0L, 91L));
    assertThat(scalar(lake, "SELECT count(*) FROM ego WHERE lane_type <> 'VEHICLE'")).isEqualTo(0L);
  }

  @Test
  void laneTypeHistogramOfObjects() {
    assertThat(query(lake, "SELECT log_id, coalesce(lane_type, '-'), count(*) FROM objects GROUP BY ALL ORDER BY ALL"))
        .containsExactly(
            List.of(M, "-", 1595L), List.of(M, "BIKE", 100L), List.of(M, "VEHICLE", 629L),
            List.of(A, "-", 5085L), List.of(A, "BIKE", 22L), List.of(A, "VEHICLE", 6257L),
            List.of(B, "-", 9690L), List.of(B, "BIKE", 9L), List.of(B, "BUS", 14L), List.of(B, "VEHICLE", 2365L),
            List.of(W, "-", 1241L), List.of(W, "VEHICLE", 3264L));
  }

  /**
   * Pedestrian 5a4a07fe of log adcf7d18 at ts 315973161159517000, checked by hand: its centre (28.966,
   * 24.869) is (1497.838, 236.381) in the city frame (origin 1468.872, 211.512), cell (57, 49) with centre
   * (1497.62, 236.26). In the map JSON that point lies between lane 42806288's left boundary (x 1496.24 at
   * that y) and right boundary (x 1499.73), and also in lane 42806684 (both VEHICLE, is_intersection), in
   * crossing 2642618 and in drivable area 1413643. A rendering of the rasterized map (drivable grey, lanes
   * by type, intersection lanes darker, crossings yellow with their JSON outlines) shows the pedestrian on
   * the north crosswalk of the intersection that ego drives through; ego, 38 m away, is on lane
   * 42811487 before the intersection.
   */
  @Test
  void oneHandCheckedPedestrianOnACrosswalk() {
    List<Object> row = query(lake, "SELECT o.x, o.y, o.lane_id, o.lane_type, o.in_intersection, o.on_crosswalk,"
        + " o.on_drivable, o.same_lane_map, e.lane_id, e.in_intersection, e.on_crosswalk, l.origin_x, l.origin_y"
        + " FROM objects o JOIN ego e USING (log_id, ts_ns) JOIN logs l USING (log_id) WHERE log_id = '" + B
        + "' AND o.track_id = '5a4a07fe-d783-49db-bf7e-5c1aeb7db496' AND ts_ns = 315973161159517000").get(0);
    assertThat((double) row.get(0) + (double) row.get(11)).isCloseTo(1497.838, within(1e-3));
    assertThat((double) row.get(1) + (double) row.get(12)).isCloseTo(236.381, within(1e-3));
    assertThat(MapRaster.cell((double) row.get(0))).isEqualTo(57);
    assertThat(MapRaster.cell((double) row.get(1))).isEqualTo(49);
    assertThat(row.subList(2, 11)).containsExactly("42806288", "VEHICLE", true, true, true, false, "42811487", false,
        false);
  }

  @Test
  void logsWithoutAMapOrWithoutEgoPosesHaveNullMapColumns() throws Exception {
    Lake other = Lake.open(dir.resolve("other"));
    Path map = MapFilesTest.motionMap();
    try (Ingestor in = Ingestor.begin(other)) {
      for (LogInfo log : List.of(LogInfo.of("plain", "native", null),
          LogInfo.of("ego-frame", "native", null).withMap(map).withoutEgoPose())) {
        in.beginLog(log);
        in.ego(new EgoSample(0, 0, 0, 0, 0, Double.NaN));
        in.object(ObjectSample.groundTruth(0, "p", Category.PEDESTRIAN, "ped", 5, 0, 0, 0.5, 0.5, 1.7, 0));
        in.endLog();
      }
      in.commit("test");
    }
    assertThat(query(other, "SELECT count(*), count(lane_id), count(lane_type), count(in_intersection),"
        + " count(on_crosswalk), count(on_drivable), count(same_lane_map), count(intersection_distance),"
        + " count(crosswalk_distance), count(stop_sign_distance) FROM objects"))
        .containsExactly(List.of(2L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L));
    assertThat(query(other, "SELECT count(*), count(lane_id), count(in_intersection), count(on_crosswalk),"
        + " count(on_drivable), count(intersection_distance), count(crosswalk_distance), count(stop_sign_distance)"
        + " FROM ego")).containsExactly(List.of(2L, 0L, 0L, 0L, 0L, 0L, 0L, 0L));
  }

  @Test
  void aMalformedMapFailsTheIngestAndWritesNothing() throws Exception {
    Lake other = Lake.open(dir.resolve("failing"));
    try (Ingestor in = Ingestor.begin(other)) {
      in.beginLog(LogInfo.of("kept", "native", null));
      in.ego(new EgoSample(0, 0, 0, 0, 0, Double.NaN));
      in.endLog();
      in.commit("first");
    }
    var before = TestLakes.listing(dir.resolve("failing"));
    Path truncated = dir.resolve("log_map_archive_truncated.json");
    Files.write(truncated, Arrays.copyOf(Files.readAllBytes(MapFilesTest.motionMap()), 1234));
    try (Ingestor in = Ingestor.begin(other)) {
      in.beginLog(LogInfo.of("good", "native", null));
      in.ego(new EgoSample(0, 0, 0, 0, 0, Double.NaN));
      in.endLog();
      assertThatThrownBy(() -> in.beginLog(LogInfo.of("bad", "av2-motion", null).withMap(truncated)))
          .isInstanceOf(IngestException.class)
          .hasMessageStartingWith(truncated + ": line 1, column 1235: is not valid JSON (truncated file?)");
    }
    assertThat(TestLakes.listing(dir.resolve("failing"))).isEqualTo(before);
    assertThat(query(other, "SELECT log_id FROM logs")).containsExactly(List.of("kept"));
  }
}
