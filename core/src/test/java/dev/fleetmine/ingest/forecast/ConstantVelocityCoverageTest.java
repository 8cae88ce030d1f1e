package dev.fleetmine.ingest.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleetmine.Fleetmine;
import dev.fleetmine.TestLakes;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.ingest.forecast.ConstantVelocityForecaster.SkippedLog.Reason;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which logs of the real samples the constant-velocity baseline covers, and why it skips the others: the
 * comma2k19 segment has no tracks, the KITTI sequences have no ego poses and so no log-local velocity.
 */
class ConstantVelocityCoverageTest {
  static final List<String> KITTI = IntStream.of(0, 2, 3, 4, 5, 7, 9, 11, 17, 20)
      .mapToObj(i -> String.format("kitti-%04d", i)).toList();
  static final String COMMA = "comma2k19-segment-2018-08-02--08-34-47-40";
  static final List<String> COVERED = List.of("0a1e6f0a-1817-4a98-b02e-db8c9327d151", "7fab2350-7eaf-3b7e-a39d-6937a4c1bede",
      "adcf7d18-0510-35b0-a2fa-b4cea13a6d76", "waymo-637f20cafde22ff8");

  @TempDir
  static Path dir;
  static Fleetmine fm;

  @BeforeAll
  static void lake() {
    fm = Fleetmine.open(dir.resolve("lake"));
    Path data = TestLakes.sharedData();
    fm.ingest("av2", List.of(data.resolve("argoverse2/sensor")), Progress.NONE);
    fm.ingest("av2-motion", List.of(data.resolve("argoverse2/forecasting")), Progress.NONE);
    fm.ingest("kitti", List.of(data.resolve("kitti-tracking")), Progress.NONE);
    fm.ingest("waymo", List.of(data.resolve("waymo-motion")), Progress.NONE);
    fm.ingest("comma2k19", List.of(data.resolve("comma2k19")), Progress.NONE);
  }

  @Test
  void fourOfFifteenLogsAndWhyNotTheOthers() {
    ConstantVelocityForecaster.Result r = ConstantVelocityForecaster.run(fm.lake(), ConstantVelocityForecaster.Options.DEFAULTS);
    assertThat(r.logs()).isEqualTo(4);
    assertThat(r.agents()).isEqualTo(204 + 1105 + 1167 + 389);
    assertThat(TestLakes.query(fm.lake(), "SELECT DISTINCT log_id FROM forecasts ORDER BY 1").stream().map(row -> row.get(0)))
        .containsExactlyElementsOf(COVERED);
    assertThat(r.skipped()).hasSize(11);
    assertThat(r.skippedByReason()).containsExactly(Map.entry(Reason.NO_TRACKS, List.of(COMMA)),
        Map.entry(Reason.NO_VELOCITY, KITTI));
    // the reasons are facts of the lake: no tracked box in comma2k19, none with a velocity in KITTI
    assertThat(TestLakes.query(fm.lake(), "SELECT log_id LIKE 'kitti-%', count(track_id), count(vx) FROM objects"
        + " WHERE source = 'gt' AND (log_id LIKE 'kitti-%' OR log_id = '" + COMMA + "') GROUP BY 1"))
        .containsExactly(List.of(true, 23_211L, 0L));
  }

  @Test
  void momentsSparserThanTheLogsLeaveNoForecastableAgent() {
    // one moment per log, its first frame, where no track has two rows yet
    ConstantVelocityForecaster.Result r = ConstantVelocityForecaster.run(fm.lake(),
        new ConstantVelocityForecaster.Options("sparse", 100, 3));
    assertThat(r.logs()).isZero();
    assertThat(r.rows()).isZero();
    assertThat(r.skippedByReason()).containsExactly(Map.entry(Reason.NO_TRACKS, List.of(COMMA)),
        Map.entry(Reason.NO_VELOCITY, KITTI), Map.entry(Reason.TOO_SHORT, COVERED));
  }
}
