package dev.fleetmine.eval;

import static dev.fleetmine.TestLakes.query;
import static dev.fleetmine.ingest.forecast.ForecastTestLakes.FRAME;
import static dev.fleetmine.ingest.forecast.ForecastTestLakes.HEADER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fleetmine.Fleetmine;
import dev.fleetmine.eval.forecast.ForecastConfig;
import dev.fleetmine.eval.forecast.SkippedAgent;
import dev.fleetmine.ingest.forecast.ConstantVelocityForecaster;
import dev.fleetmine.ingest.forecast.ForecastImport;
import dev.fleetmine.ingest.forecast.ForecastTestLakes;
import dev.fleetmine.query.Clip;
import dev.fleetmine.query.LakeQuery;
import dev.fleetmine.query.ScenarioMiner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The constant-velocity baseline and the forecast evaluation on {@link ForecastTestLakes}, where every
 * error is known in closed form: car a and cyclist c move at constant velocity (error exactly 0),
 * pedestrian b turns left by 90 degrees at 1 s, so the forecast made then misses by 0.5 sqrt(2) m per
 * frame ahead.
 */
class ForecastEvaluationTest {
  static final double SQRT2 = Math.sqrt(2);
  static final long S = 1_000_000_000L;

  @TempDir
  Path dir;
  Fleetmine fm;

  @BeforeEach
  void build() {
    fm = ForecastTestLakes.build(dir.resolve("lake"));
  }

  @Test
  void constantVelocityForecastsEveryTrackEverySecondOverItsOwnFutureTimestamps() {
    ConstantVelocityForecaster.Result r = ConstantVelocityForecaster.run(fm.lake(), ConstantVelocityForecaster.Options.DEFAULTS);
    // a: moments 1, 2, 3, 4 s with 24, 24, 16, 8 targets (it ends at 5 s; at 0 s it has one sample, at 5 s
    // no future); b: 1, 2, 3 s with 24, 16, 8 (it ends at 4 s); c: 1 s with 8 (its log ends at 2 s)
    assertThat(List.of(r.model(), r.rows(), r.agents(), r.logs())).containsExactly("cv", 128L, 8L, 2L);
    assertThat(query(fm.lake(), "SELECT log_id, track_id, ts_ns, count(*), min(target_ts_ns), max(target_ts_ns),"
        + " count(DISTINCT mode), count(probability) FROM forecasts GROUP BY ALL ORDER BY ALL")).containsExactly(
        List.of("L", "a", S, 24L, S + FRAME, 4 * S, 1L, 0L),
        List.of("L", "a", 2 * S, 24L, 2 * S + FRAME, 5 * S, 1L, 0L),
        List.of("L", "a", 3 * S, 16L, 3 * S + FRAME, 5 * S, 1L, 0L),
        List.of("L", "a", 4 * S, 8L, 4 * S + FRAME, 5 * S, 1L, 0L),
        List.of("L", "b", S, 24L, S + FRAME, 4 * S, 1L, 0L),
        List.of("L", "b", 2 * S, 16L, 2 * S + FRAME, 4 * S, 1L, 0L),
        List.of("L", "b", 3 * S, 8L, 3 * S + FRAME, 4 * S, 1L, 0L),
        List.of("M", "c", S, 8L, S + FRAME, 2 * S, 1L, 0L));
    // b at 1 s goes on straight: (4 + 0.5 j, 0) j frames ahead
    assertThat(query(fm.lake(), "SELECT x, y FROM forecasts WHERE track_id = 'b' AND ts_ns = " + S
        + " AND target_ts_ns = " + 4 * S)).containsExactly(List.of(16.0, 0.0));
  }

  @Test
  void evaluatesWithExactErrorsPerCategoryLogAndScenarioAndMinesTheMissAsAClip() {
    ConstantVelocityForecaster.run(fm.lake(), ConstantVelocityForecaster.Options.DEFAULTS);
    try (LakeQuery q = fm.query()) {
      ScenarioMiner.store(fm.lake(), q, "tags", List.of(
          new ScenarioMiner.TagSet("turning", "by hand", List.of(new Clip("L", S - FRAME, S + FRAME, 1, List.of()))),
          new ScenarioMiner.TagSet("never", "by hand", List.of()),
          new ScenarioMiner.TagSet("fn:det", "detection misses are no scenario",
              List.of(new Clip("L", 0, 5 * S, 1, List.of())))));
    }
    ForecastEvaluation.Result r;
    try (LakeQuery q = fm.query()) {
      r = ForecastEvaluation.evaluate(q, "cv", ForecastConfig.ARGOVERSE2);
    }
    // b at 1 s: distance sqrt(0.5) j at j = 1..24 frames ahead: ADE 12.5 sqrt(0.5) = 6.25 sqrt(2), FDE 12 sqrt(2)
    double ade = 6.25 * SQRT2;
    double fde = 12 * SQRT2;
    assertThat(r.logs()).containsExactly("L", "M");
    assertThat(r.slices().stream().map(s -> s.dimension() + "/" + s.name()).toList()).containsExactly("all/all",
        "category/car", "category/cyclist", "category/pedestrian", "log/L", "log/M", "scenario/never", "scenario/turning");
    expect(r.slice("all", "all"), 8, 8, ade / 8, fde / 8, 1.0 / 8);
    expect(r.slice("category", "car"), 4, 4, 0, 0, 0);
    expect(r.slice("category", "cyclist"), 1, 1, 0, 0, 0);
    expect(r.slice("category", "pedestrian"), 3, 3, ade / 3, fde / 3, 1.0 / 3);
    expect(r.slice("log", "L"), 7, 7, ade / 7, fde / 7, 1.0 / 7);
    expect(r.slice("log", "M"), 1, 1, 0, 0, 0);
    expect(r.slice("scenario", "turning"), 2, 2, ade / 2, fde / 2, 0.5);
    assertThat(r.slice("scenario", "never").forecasts()).isZero();
    assertThat(r.slice("scenario", "never").minFde()).isNaN();
    // the constant-velocity errors are exactly zero, not merely small
    assertThat(r.overall().agents().stream().filter(a -> !a.agent().trackId().equals("b") || a.agent().tsNs() != S)
        .mapToDouble(a -> a.minAde() + a.minFde()).max().orElseThrow()).isEqualTo(0.0);
    assertThat(r.slice("all", "all").brierMinFde()).isNaN();
    // the model forecasts L every second: the one miss stands for a second, half of it either side
    assertThat(r.failures()).containsExactly(new Clip("L", S / 2, 3 * S / 2, 1, List.of(Clip.Match.of(S, List.of("b"), FailureClips.ROLE))));
    ScenarioMiner.TagSet tags = ForecastEvaluation.failureTags(r);
    assertThat(List.of(tags.name(), tags.query())).containsExactly("fde:cv", "forecasts of cv with minFDE > 2.0 m");
  }

  @Test
  void missesAtConsecutiveForecastMomentsOfALogAreOneClip() throws Exception {
    // one target a frame ahead, 3 m off (a miss) or exact: b misses at 1, 2 and 3 s, a at 1 and 3 s only;
    // the model forecasts every second, so the log's misses are one clip (a's alone would be two)
    List<String> lines = new ArrayList<>();
    for (int sec = 1; sec <= 3; sec++) {
      long t = sec * S + FRAME;
      double ax = 0.5 * (8 * sec + 1);
      lines.add("L," + sec * S + ",a,0,," + t + "," + (sec == 2 ? ax : ax + 3) + ",10");
      lines.add("L," + sec * S + ",b,0,," + t + ",7," + 0.5 * (8 * sec - 7));
    }
    ForecastImport.importFile(fm.lake(), "bad", ForecastTestLakes.csv(dir, "bad.csv", HEADER, lines.toArray(String[]::new)));
    ForecastEvaluation.Result r;
    try (LakeQuery q = fm.query()) {
      r = ForecastEvaluation.evaluate(q, "bad", ForecastConfig.ARGOVERSE2);
      ScenarioMiner.store(fm.lake(), q, "eval bad", List.of(ForecastEvaluation.failureTags(r)));
    }
    expect(r.slice("all", "all"), 6, 6, 15.0 / 6, 15.0 / 6, 5.0 / 6);
    assertThat(r.failures()).containsExactly(new Clip("L", S / 2, 7 * S / 2, 5, List.of(
        Clip.Match.of(S, List.of("a", "b"), FailureClips.ROLE), Clip.Match.of(2 * S, List.of("b"), FailureClips.ROLE),
        Clip.Match.of(3 * S, List.of("a", "b"), FailureClips.ROLE))));
    assertThat(query(fm.lake(), "SELECT scenario, count(*) FROM tags GROUP BY ALL")).containsExactly(List.of("fde:bad", 1L));
  }

  @Test
  void importedMultiModalForecastsWithProbabilitiesAndAnUnobservableTarget() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int j = 1; j <= 24; j++) {
      long t = S + j * FRAME;
      lines.add("L," + S + ",b,0,0.3," + t + "," + (4 + 0.5 * j) + ",0"); // straight on
      lines.add("L," + S + ",b,1,0.6," + t + ",4," + 0.5 * j); // the turn it took
    }
    lines.add("L," + 2 * S + ",a,0,1.0," + (2 * S + FRAME / 2) + ",8.25,10"); // between frames: nothing observed
    ForecastImport.importFile(fm.lake(), "mm", ForecastTestLakes.csv(dir, "mm.csv", HEADER, lines.toArray(String[]::new)));
    ForecastEvaluation.Result r;
    try (LakeQuery q = fm.query()) {
      r = ForecastEvaluation.evaluate(q, "mm", ForecastConfig.ARGOVERSE2);
    }
    ForecastEvaluation.SliceResult all = r.slice("all", "all");
    // best mode 1 (FDE 0), probability 0.6: brier-minFDE = (1 - 0.6)^2
    expect(all, 2, 1, 0, 0, 0);
    assertThat(all.brierMinFde()).isCloseTo(0.16, within(1e-15));
    assertThat(all.withProbabilities()).isEqualTo(1);
    assertThat(r.overall().agents().getFirst().bestMode()).isEqualTo(1);
    assertThat(r.overall().skipped()).extracting(SkippedAgent::reason).containsExactly(SkippedAgent.Reason.NO_OBSERVED_FUTURE);
    assertThat(r.failures()).isEmpty();
  }

  @Test
  void anUnknownModelIsNamedWithTheModelsThatExist() {
    ConstantVelocityForecaster.run(fm.lake(), ConstantVelocityForecaster.Options.DEFAULTS.withModel("cv2"));
    try (LakeQuery q = fm.query()) {
      assertThatThrownBy(() -> ForecastEvaluation.evaluate(q, "cv", ForecastConfig.ARGOVERSE2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("the lake has no forecasts of model 'cv'; models with forecasts: cv2");
    }
  }

  private static void expect(ForecastEvaluation.SliceResult s, int forecasts, int scored, double minAde, double minFde,
      double missRate) {
    assertThat(List.of(s.forecasts(), s.scored())).as(s.name()).containsExactly(forecasts, scored);
    assertThat(s.minAde()).as(s.name() + " minADE").isCloseTo(minAde, within(1e-12));
    assertThat(s.minFde()).as(s.name() + " minFDE").isCloseTo(minFde, within(1e-12));
    assertThat(s.missRate()).as(s.name() + " miss rate").isCloseTo(missRate, within(1e-15));
  }
}
