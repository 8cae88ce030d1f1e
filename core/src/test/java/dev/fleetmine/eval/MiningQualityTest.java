package dev.fleetmine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleetmine.Fleetmine;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.query.LakeQuery;
import dev.fleetmine.query.ScenarioLibrary;
import dev.fleetmine.synth.FleetGenerator;
import dev.fleetmine.synth.FleetSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every library scenario the generator injects is mined with precision and recall >= 0.95. */
class MiningQualityTest {
  @TempDir
  Path dir;

  @Test
  void libraryScenariosFindTheInjectedScenarios() {
    Fleetmine fm = Fleetmine.open(dir.resolve("lake"));
    fm.write("generate", sink -> new FleetGenerator(FleetSpec.of(1, 11)).generate(sink, Progress.NONE));
    ScenarioLibrary lib = ScenarioLibrary.builtIn();
    try (LakeQuery q = fm.query()) {
      List<TruthInstance> truth = MiningScorer.fromEvents(q, "synthetic-truth");
      List<String> names = MiningScorer.scenariosWithTruth(lib, truth);
      assertThat(names).containsExactly("hard_brake", "cut_in", "pedestrian_crossing", "lead_vehicle_stopped",
          "left_turn_across_oncoming", "overtaking_on_right", "stopped_vehicle", "near_miss", "jaywalker");
      Map<String, MiningMetrics> scores = MiningScorer.score(q, lib, names, truth).stream()
          .collect(Collectors.toMap(MiningScorer.Score::scenario, MiningScorer.Score::metrics));
      scores.forEach((name, m) -> {
        assertThat(m.clipPrecision()).as("%s clip precision", name).isGreaterThanOrEqualTo(0.95);
        assertThat(m.clipRecall()).as("%s clip recall", name).isGreaterThanOrEqualTo(0.95);
        assertThat(m.logBalancedAccuracy()).as("%s log balanced accuracy", name).isGreaterThanOrEqualTo(0.95);
        assertThat(m.truths()).as("%s truth occurrences", name).isPositive();
      });
    }
  }

  @Test
  void metricsOnAHandMadeCase() {
    var clip = new dev.fleetmine.query.Clip("a", 10, 30, 1, List.of(
        dev.fleetmine.query.Clip.Match.of(10, List.of("x"), "v"), dev.fleetmine.query.Clip.Match.of(20, List.of("x", "y"), "v")));
    var truth = List.of(new TruthInstance("a", "s", 20, 40, List.of("x")));
    MiningMetrics m = MiningMetrics.of(List.of(clip), truth, Map.of("a", new long[] {0, 10, 20, 30, 40}, "b", new long[] {0}));
    assertThat(m.clipPrecision()).isEqualTo(1.0);
    assertThat(m.clipRecall()).isEqualTo(1.0);
    // timestamps: predicted {10, 20}, actual {20, 30, 40}: tp 1, fp 1, fn 2, tn 2 (a:0, b:0)
    assertThat(m.timestampF1()).isEqualTo(2.0 / 5.0);
    assertThat(m.timestampBalancedAccuracy()).isEqualTo((1.0 / 3 + 2.0 / 3) / 2);
    // referred: ts 10 x is fp; ts 20 x tp, y fp; ts 30, 40 x fn: tp 1 fp 2 fn 2
    assertThat(m.referredPrecision()).isEqualTo(1.0 / 3);
    assertThat(m.referredRecall()).isEqualTo(1.0 / 3);
    assertThat(m.referredF1()).isEqualTo(2.0 / 6.0);
    // logs: a tp, b tn
    assertThat(m.logBalancedAccuracy()).isEqualTo(1.0);
  }
}
