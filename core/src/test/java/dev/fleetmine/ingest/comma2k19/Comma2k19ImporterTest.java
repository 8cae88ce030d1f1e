package dev.fleetmine.ingest.comma2k19;

import static dev.fleetmine.TestLakes.query;
import static dev.fleetmine.TestLakes.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fleetmine.TestLakes;
import dev.fleetmine.ingest.Ingestor;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.lake.Lake;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingests the real comma2k19 minute of shared/data (given as the parent folder) and pins the ego track.
 * Expected values were computed independently with numpy (np.load, np.interp, WGS84 ENU).
 */
class Comma2k19ImporterTest {
  static final Path PARENT = TestLakes.sharedData().resolve("comma2k19");
  static final String LOG = "comma2k19-segment-2018-08-02--08-34-47-40";

  @TempDir
  static Path dir;
  static Lake lake;

  @BeforeAll
  static void ingest() {
    lake = Lake.open(dir.resolve("lake"));
    try (Ingestor in = Ingestor.begin(lake)) {
      new Comma2k19Importer().read(List.of(PARENT), in, Progress.NONE);
      in.commit("ingest comma2k19");
    }
  }

  @Test
  void oneEgoOnlyLogOf1200PosesOverAMinute() {
    assertThat(query(lake, "SELECT log_id, source_format, vehicle, location, ego_frames, object_rows, start_ns,"
        + " end_ns, duration_s, frame, origin_x, origin_y, origin_z, ego_pose_known FROM logs"))
        .containsExactly(Arrays.asList(LOG, "comma2k19", null, null, 1200L, 0L, 46408547498000L, 46468496658000L,
            59.94916, "ecef-enu", 0.0, 0.0, 0.0, true));
  }

  @Test
  void originIsTheFirstPositionInEnu() {
    List<Object> meta = query(lake, "SELECT json_extract_string(metadata, '$.origin_lat_deg')::DOUBLE,"
        + " json_extract_string(metadata, '$.origin_lon_deg')::DOUBLE,"
        + " json_extract_string(metadata, '$.ecef_origin_x')::DOUBLE,"
        + " json_extract_string(metadata, '$.gps_week') FROM logs").get(0);
    // 37.721 N, 122.472 W: south-west San Francisco, where comma2k19 was recorded (Bay Area).
    assertThat((double) meta.get(0)).isCloseTo(37.72100000894998, within(1e-9));
    assertThat((double) meta.get(1)).isCloseTo(-122.4722990890495, within(1e-9));
    assertThat((double) meta.get(2)).isEqualTo(-2712087.5168089615);
    assertThat(meta.get(3)).isEqualTo("2012");
    List<Object> first = query(lake, "SELECT x, y, z, yaw FROM ego ORDER BY ts_ns LIMIT 1").get(0);
    assertThat(first.subList(0, 3)).containsExactly(0.0, 0.0, 0.0);
    assertThat((double) first.get(3)).isCloseTo(1.546225381348131, within(1e-9));
    List<Object> last = query(lake, "SELECT x, y, z FROM ego ORDER BY ts_ns DESC LIMIT 1").get(0);
    // About 1 km north in the minute, 43 m east, 8 m climb.
    assertThat((double) last.get(0)).isCloseTo(43.09423339, within(1e-6));
    assertThat((double) last.get(1)).isCloseTo(1010.32949745, within(1e-6));
    assertThat((double) last.get(2)).isCloseTo(7.97203816, within(1e-6));
  }

  @Test
  void speedIsCanSpeedInMetresPerSecond() {
    // 16.7 m/s = 60 km/h mean, 8.0..19.8 m/s (29..71 km/h): plausible for dense urban highway traffic;
    // in km/h or mph the integral below would not match the GNSS track.
    List<Object> s = query(lake, "SELECT avg(speed), min(speed), max(speed), count(speed) FROM ego").get(0);
    assertThat((double) s.get(0)).isCloseTo(16.729038836770474, within(1e-9));
    assertThat((double) s.get(1)).isCloseTo(7.974305555555556, within(1e-9));
    assertThat((double) s.get(2)).isCloseTo(19.832876601224307, within(1e-9));
    assertThat(s.get(3)).isEqualTo(1200L);
  }

  @Test
  void trackLengthMatchesTheIntegralOfCanSpeed() {
    List<Object> r = query(lake, """
        WITH e AS (SELECT ts_ns, x, y, speed, lag(x) OVER w AS x0, lag(y) OVER w AS y0, lag(speed) OVER w AS s0,
          lag(ts_ns) OVER w AS t0 FROM ego WINDOW w AS (ORDER BY ts_ns))
        SELECT sum(sqrt((x - x0) ^ 2 + (y - y0) ^ 2)), sum((speed + s0) / 2 * (ts_ns - t0) / 1e9) FROM e""").get(0);
    double track = (double) r.get(0);
    double integral = (double) r.get(1);
    assertThat(track).isCloseTo(1011.2535700278459, within(1e-6));
    assertThat(integral).isCloseTo(1003.245312215671, within(1e-6));
    // CAN speed reads 0.8 % low against GNSS distance, a typical wheel-odometry scale error.
    assertThat(integral / track).isCloseTo(1.0, within(0.01));
  }

  @Test
  void yawFollowsTheDirectionOfTravel() {
    // The body x axis of the orientation quaternions against the heading of the pose-derived velocity:
    // within 1.5 degrees everywhere (a mount offset of about 0.9 degrees remains).
    List<Object> r = query(lake, "SELECT avg(d), max(abs(d)) FROM (SELECT degrees(atan2(sin(yaw - h), cos(yaw - h))) AS d"
        + " FROM (SELECT yaw, atan2(lead(y) OVER w - lag(y) OVER w, lead(x) OVER w - lag(x) OVER w) AS h FROM ego"
        + " WINDOW w AS (ORDER BY ts_ns)) WHERE h IS NOT NULL)").get(0);
    assertThat((double) r.get(0)).isCloseTo(0.9, within(0.1));
    assertThat((double) r.get(1)).isLessThan(1.5);
    assertThat(scalar(lake, "SELECT count(*) FROM objects")).isEqualTo(0L);
  }

  @Test
  void logIdsOfSegmentDirectories() {
    assertThat(Comma2k19Importer.logId(Path.of("/d/segment-2018-08-02--08-34-47-40")))
        .isEqualTo("comma2k19-segment-2018-08-02--08-34-47-40");
    assertThat(Comma2k19Importer.logId(Path.of("/d/Chunk_1/b0c9d2329ad1606b|2018-07-27--06-03-57/3")))
        .isEqualTo("comma2k19-b0c9d2329ad1606b_2018-07-27--06-03-57--3");
  }
}
