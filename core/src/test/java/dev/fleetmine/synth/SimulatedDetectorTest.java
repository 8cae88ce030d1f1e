package dev.fleetmine.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleetmine.Fleetmine;
import dev.fleetmine.TestLakes;
import dev.fleetmine.eval.ModelComparison;
import dev.fleetmine.eval.ModelEvaluation;
import dev.fleetmine.eval.det3d.IouKind;
import dev.fleetmine.eval.det3d.Matching;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.query.LakeQuery;
import dev.fleetmine.query.ScenarioLibrary;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Six 1-minute logs with the two simulated detectors: the release story must be what the comparison finds. */
class SimulatedDetectorTest {
  @TempDir
  static Path dir;
  static Fleetmine fm;
  static final FleetSpec FLEET = new FleetSpec(0.1, 5, 1, 15);

  static Fleetmine generate(Path root) {
    Fleetmine f = Fleetmine.open(root);
    f.write("generate", sink -> new FleetGenerator(FLEET).generate(
        new SimulatedDetector(sink, SimulatedDetector.DEFAULT_VERSIONS, FLEET.seed()), Progress.NONE));
    return f;
  }

  @BeforeAll
  static void build() {
    fm = generate(dir.resolve("a"));
  }

  @Test
  void boxesAreDeterministicUntrackedAndBesideTheGroundTruth() {
    Fleetmine again = generate(dir.resolve("b"));
    String counts = "SELECT source, count(*), count(track_id), round(sum(x), 3) FROM objects GROUP BY source ORDER BY source";
    assertThat(TestLakes.query(again.lake(), counts)).isEqualTo(TestLakes.query(fm.lake(), counts));
    List<List<Object>> rows = TestLakes.query(fm.lake(), counts);
    assertThat(rows).extracting(r -> r.get(0)).containsExactly("gt", "sim-det@v1", "sim-det@v2");
    assertThat(rows.get(1).get(2)).isEqualTo(0L);
    assertThat(TestLakes.scalar(fm.lake(), "SELECT count(*) FROM objects WHERE source <> 'gt' AND (score <= 0 OR score >= 1)"))
        .isEqualTo(0L);
  }

  @Test
  void theComparisonFindsV2WorseOnVulnerableRoadUsersAndBetterOnCars() {
    try (LakeQuery q = fm.query()) {
      ModelComparison.Result r = ModelComparison.compare(q, ScenarioLibrary.builtIn(), new ModelEvaluation.Options(
          "sim-det@v2", "gt", Matching.Kitti.defaults(IouKind.BEV), List.of()), "sim-det@v1", 300, 0.95, 1);
      assertThat(verdict(r, "pedestrian")).isEqualTo(ModelComparison.Verdict.REGRESSION);
      assertThat(verdict(r, "cyclist")).isEqualTo(ModelComparison.Verdict.REGRESSION);
      assertThat(verdict(r, "car")).isEqualTo(ModelComparison.Verdict.IMPROVEMENT);
    }
  }

  static ModelComparison.Verdict verdict(ModelComparison.Result r, String category) {
    return r.deltas().stream().filter(d -> d.dimension().equals("all") && d.category().equals(category)).findFirst()
        .orElseThrow().verdict();
  }
}
