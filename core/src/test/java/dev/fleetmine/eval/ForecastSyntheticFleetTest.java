package dev.fleetmine.eval;

import static dev.fleetmine.TestLakes.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fleetmine.Fleetmine;
import dev.fleetmine.eval.forecast.ForecastConfig;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.ingest.forecast.ConstantVelocityForecaster;
import dev.fleetmine.query.LakeQuery;
import dev.fleetmine.synth.FleetGenerator;
import dev.fleetmine.synth.FleetSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The baseline and its evaluation over a synthetic fleet: every forecast is scored, counts are pinned. */
class ForecastSyntheticFleetTest {
  @TempDir
  Path dir;

  @Test
  void everyConstantVelocityForecastOfTheFleetIsScored() {
    Fleetmine fm = Fleetmine.open(dir.resolve("lake"));
    fm.write("generate", sink -> new FleetGenerator(FleetSpec.of(0.25, 11)).generate(sink, Progress.NONE));
    ConstantVelocityForecaster.Result cv = ConstantVelocityForecaster.run(fm.lake(), ConstantVelocityForecaster.Options.DEFAULTS);
    // the same count straight from the objects table: rows of a track up to 3 s after each of its whole-second
    // frames (10 Hz from the log start) at which it has at least two rows so far
    Object expectedRows = query(fm.lake(), "WITH g AS (SELECT o.log_id, o.track_id, o.ts_ns, o.ts_ns - l.start_ns AS t,"
        + " row_number() OVER (PARTITION BY o.log_id, o.track_id ORDER BY o.ts_ns) AS seen FROM objects o JOIN logs l"
        + " USING (log_id) WHERE o.source = 'gt') SELECT count(*) FROM g a JOIN g f ON f.log_id = a.log_id"
        + " AND f.track_id = a.track_id AND f.t > a.t AND f.t <= a.t + 3000000000 WHERE a.t % 1000000000 = 0"
        + " AND a.seen >= 2").get(0).get(0);
    assertThat(cv.rows()).isEqualTo(expectedRows);
    ForecastEvaluation.Result r;
    try (LakeQuery q = fm.query()) {
      r = ForecastEvaluation.evaluate(q, "cv", ForecastConfig.ARGOVERSE2);
    }
    ForecastEvaluation.SliceResult all = r.slice("all", "all");
    assertThat(List.of((long) all.forecasts(), (long) all.scored())).containsExactly(cv.agents(), cv.agents());
    assertThat(r.overall().skipped()).isEmpty();
    assertThat(r.slices().stream().filter(s -> s.dimension().equals("log")).mapToInt(s -> s.forecasts()).sum())
        .isEqualTo(all.forecasts());
    assertThat(List.of(cv.rows(), cv.agents(), cv.logs(), (long) r.failures().size()))
        .containsExactly(367_597L, 13_046L, 2L, 34L);
    // the 34 disjoint clips of the two logs hold every one of the 1,123 misses
    assertThat(r.failures().stream().mapToDouble(c -> c.score()).sum()).isEqualTo(1123.0)
        .isEqualTo(Math.rint(all.missRate() * all.scored()));
    assertThat(all.minAde()).isCloseTo(0.1898759661838119, within(1e-12));
    assertThat(all.minFde()).isCloseTo(0.5323786708086141, within(1e-12));
    assertThat(all.missRate()).isCloseTo(0.08608002452859113, within(1e-15));
  }
}
