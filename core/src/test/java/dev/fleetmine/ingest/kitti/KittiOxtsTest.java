package dev.fleetmine.ingest.kitti;

import static dev.fleetmine.TestLakes.query;
import static dev.fleetmine.TestLakes.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fleetmine.ingest.IngestException;
import dev.fleetmine.ingest.Ingestor;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.lake.Lake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The oxts path: the shared sample has no GPS/IMU files, so the test writes one for sequence 0003 in
 * which the car drives due north at 10 m/s (1 m per frame) from 49 N 8.4 E.
 */
class KittiOxtsTest {
  static final double LAT0 = 49.0;
  static final double LON0 = 8.4;
  static final double EARTH_RADIUS = 6378137.0;

  @TempDir
  Path dir;

  /** A KITTI root with the real label and calib of 0003 and a synthetic oxts file of {@code frames} lines. */
  Path rootWithOxts(int frames) throws IOException {
    Path root = dir.resolve("kitti");
    Path real = KittiTrackingImporterTest.KITTI;
    for (String sub : List.of("label_02", "calib", "oxts")) {
      Files.createDirectories(root.resolve(sub));
    }
    Files.copy(real.resolve("label_02/0003.txt"), root.resolve("label_02/0003.txt"));
    Files.copy(real.resolve("calib/0003.txt"), root.resolve("calib/0003.txt"));
    List<String> lines = new ArrayList<>();
    for (int f = 0; f < frames; f++) {
      // At the start latitude one metre of Mercator y is 1/R radians of latitude (scale = cos(lat0)).
      double lat = LAT0 + Math.toDegrees(f / EARTH_RADIUS);
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%.12f %.12f 110.0 0 0 %.12f 10 0 10 0 0",
          lat, LON0, Math.PI / 2));
      line.append(" 0".repeat(KittiOxts.FIELDS.size() - 11));
      lines.add(line.toString());
    }
    Files.write(root.resolve("oxts/0003.txt"), lines);
    return root;
  }

  @Test
  void oxtsGivesEgoPosesAndPutsObjectsInTheLogFrame() throws IOException {
    Lake lake = Lake.open(dir.resolve("lake"));
    try (Ingestor in = Ingestor.begin(lake)) {
      new KittiTrackingImporter().read(List.of(rootWithOxts(144)), in, Progress.NONE);
      in.commit("test");
    }
    double scale = Math.cos(Math.toRadians(LAT0));
    List<Object> log = query(lake, "SELECT frame, ego_pose_known, origin_x, origin_y, origin_z, ego_frames"
        + " FROM logs").get(0);
    assertThat(log.subList(0, 2)).containsExactly("kitti-mercator", true);
    assertThat((double) log.get(2)).isCloseTo(scale * Math.toRadians(LON0) * EARTH_RADIUS, within(1e-6));
    assertThat((double) log.get(3)).isCloseTo(scale * EARTH_RADIUS * Math.log(Math.tan(Math.PI * (90 + LAT0) / 360)),
        within(1e-6));
    assertThat((double) log.get(4)).isEqualTo(110.0);
    assertThat(log.get(5)).isEqualTo(144L);

    List<Object> ego = query(lake, "SELECT x, y, yaw, speed FROM ego WHERE ts_ns = 10 * 100000000").get(0);
    assertThat((double) ego.get(0)).isCloseTo(0, within(1e-9));
    assertThat((double) ego.get(1)).isCloseTo(10, within(1e-3));
    assertThat((double) ego.get(2)).isCloseTo(Math.PI / 2, within(1e-12));
    assertThat((double) ego.get(3)).isEqualTo(10.0);

    // Track 0 at frame 0 (Car, camera 3.408 1.537 4.759): numpy gives velodyne (5.041112, -3.400226) and,
    // through inverse(Tr_imu_to_velo), IMU (5.852484, -3.716506, -0.061454). Heading north, IMU forward is
    // log +y and IMU left is log -x; lon/lat (derived by the Ingestor against the ego pose) give back the
    // IMU coordinates.
    List<Object> car = query(lake, "SELECT x, y, z, lon, lat FROM objects WHERE source = 'gt' AND track_id = '0'"
        + " AND ts_ns = 0").get(0);
    assertThat((double) car.get(0)).isCloseTo(3.716506, within(1e-6));
    assertThat((double) car.get(1)).isCloseTo(5.852484, within(1e-6));
    assertThat((double) car.get(2)).isCloseTo(-0.061454, within(1e-6));
    assertThat((double) car.get(3)).isCloseTo(5.852484, within(1e-6));
    assertThat((double) car.get(4)).isCloseTo(-3.716506, within(1e-6));
    assertThat(scalar(lake, "SELECT count(*) FROM objects")).isEqualTo(388L);
  }

  @Test
  void oxtsShorterThanTheLabelsIsAnError() throws IOException {
    Path root = rootWithOxts(100);
    Lake lake = Lake.open(dir.resolve("lake"));
    assertThatThrownBy(() -> {
      try (Ingestor in = Ingestor.begin(lake)) {
        new KittiTrackingImporter().read(List.of(root), in, Progress.NONE);
        in.commit("test");
      }
    }).isInstanceOf(IngestException.class)
        .hasMessage(root.resolve("oxts/0003.txt") + ": line 144: missing: boxes go up to frame 143 (0003.txt or its"
            + " detections) but the oxts file has only 100 lines, one per frame");
    assertThat(lake.current().logs()).isEmpty();
  }

  @Test
  void oxtsLineWithTooFewFieldsNamesTheLine() throws IOException {
    Path root = rootWithOxts(144);
    Path oxts = root.resolve("oxts/0003.txt");
    List<String> lines = new ArrayList<>(Files.readAllLines(oxts));
    lines.set(4, lines.get(4).substring(0, lines.get(4).lastIndexOf(' ')));
    Files.write(oxts, lines);
    assertThatThrownBy(() -> new KittiTrackingImporter().read(List.of(root), new NullSink(), Progress.NONE))
        .isInstanceOf(IngestException.class)
        .hasMessageStartingWith(oxts + ": line 5: expected 30 fields (lat lon alt");
  }
}
