package dev.fleetmine.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleetmine.Fleetmine;
import dev.fleetmine.TestLakes;
import dev.fleetmine.eval.det3d.IouKind;
import dev.fleetmine.eval.det3d.Matching;
import dev.fleetmine.eval.report.EvalReport;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.query.Clip;
import dev.fleetmine.query.LakeQuery;
import dev.fleetmine.query.ScenarioLibrary;
import dev.fleetmine.query.ScenarioMiner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PointRCNN against the KITTI tracking labels of the shared sample (10 sequences), KITTI-style BEV IoU
 * matching (car 0.7, pedestrian and cyclist 0.5) and R40 AP, as `fleetmine eval --model pointrcnn` runs it.
 */
class ModelEvaluationTest {
  @TempDir
  static Path dir;
  static Fleetmine fm;
  static ModelEvaluation.Result result;
  static final ScenarioLibrary LIB = ScenarioLibrary.builtIn();

  @BeforeAll
  static void evaluate() {
    fm = Fleetmine.open(dir.resolve("lake"));
    fm.ingest("kitti", List.of(TestLakes.sharedData().resolve("kitti-tracking")), Progress.NONE);
    try (LakeQuery q = fm.query()) {
      result = ModelEvaluation.evaluate(q, LIB, new ModelEvaluation.Options("pointrcnn", "gt",
          Matching.Kitti.defaults(IouKind.BEV), List.of(new SliceBy.Distance(SliceBy.DEFAULT_BANDS), new SliceBy.Log(),
              new SliceBy.Query("crowded", "at least 3 pedestrians p where p.distance < 30"))));
    }
  }

  static ModelEvaluation.CategoryResult cat(String dimension, String slice, String category) {
    return result.slices().stream().filter(s -> s.dimension().equals(dimension) && s.name().equals(slice)).findFirst()
        .orElseThrow().categories().stream().filter(c -> c.category().equals(category)).findFirst().orElseThrow();
  }

  @Test
  void overallCountsAndApArePinned() {
    assertThat(result.logs()).hasSize(10);
    assertThat(result.skipped()).isEmpty();
    ModelEvaluation.CategoryResult car = cat("all", "all", "car");
    assertThat(List.of(car.truth(), car.tp(), car.fp(), car.fn())).containsExactly(19751, 16934, 11088, 2817);
    assertThat(car.ap()).isEqualTo(0.8221773883247581);
    ModelEvaluation.CategoryResult ped = cat("all", "all", "pedestrian");
    assertThat(List.of(ped.truth(), ped.tp(), ped.fp(), ped.fn())).containsExactly(1346, 687, 5961, 659);
    ModelEvaluation.CategoryResult cyc = cat("all", "all", "cyclist");
    assertThat(List.of(cyc.truth(), cyc.tp(), cyc.fp(), cyc.fn())).containsExactly(529, 365, 2102, 164);
    assertThat(result.slices().get(0).samples()).isEqualTo(4058);
  }

  @Test
  void slicesPartitionTheGroundTruth() {
    int byDistance = 0;
    int byLog = 0;
    for (ModelEvaluation.SliceResult s : result.slices()) {
      int cars = s.categories().stream().filter(c -> c.category().equals("car")).mapToInt(ModelEvaluation.CategoryResult::truth).sum();
      byDistance += s.dimension().equals("distance") ? cars : 0;
      byLog += s.dimension().equals("log") ? cars : 0;
    }
    assertThat(byDistance).isEqualTo(19751);
    assertThat(byLog).isEqualTo(19751);
    assertThat(cat("distance", "0-20 m", "car").ap()).isGreaterThan(cat("distance", ">= 60 m", "car").ap());
    assertThat(cat("distance", "0-20 m", "car").truth()).isEqualTo(5622);
    assertThat(cat("log", "kitti-0017", "car").truth()).isZero();
    assertThat(cat("log", "kitti-0017", "car").ap()).isNaN();
    assertThat(cat("query", "crowded", "pedestrian").truth()).isEqualTo(901);
  }

  @Test
  void failuresBecomeDisjointClipsPerLogAndAreStoredAsTags() {
    // 3,640 misses (every MISSED box) on 1,918 distinct frames, in 251 clips of which 111 hold one frame
    assertThat(result.missed()).hasSize(251);
    assertThat(result.falseAlarms()).hasSize(102);
    assertThat(result.missed().stream().mapToDouble(Clip::score).sum()).isEqualTo(2817 + 659 + 164);
    assertThat(result.falseAlarms().stream().mapToDouble(Clip::score).sum()).isEqualTo(11088 + 2102 + 5961);
    assertThat(result.missed().stream().mapToInt(c -> c.matches().size()).sum()).isEqualTo(1918);
    // a single-frame miss lasts one frame interval, half of it where the log starts or ends
    assertThat(result.missed().stream().filter(c -> c.matches().size() == 1 && c.durationS() == 0.1)).hasSize(109);
    assertThat(result.missed().stream().filter(c -> c.matches().size() == 1 && c.durationS() != 0.1).map(Clip::id))
        .containsExactly("kitti-0004@31250000000-31300000000", "kitti-0020@0-50000000");
    for (List<Clip> clips : List.of(result.missed(), result.falseAlarms())) {
      for (int i = 1; i < clips.size(); i++) {
        if (clips.get(i).logId().equals(clips.get(i - 1).logId())) {
          assertThat(clips.get(i).startNs()).isGreaterThan(clips.get(i - 1).endNs());
        }
      }
    }
    Clip longest = result.missed().stream().max((a, b) -> Double.compare(a.score(), b.score())).orElseThrow();
    // sequence 0017 (pedestrians and cyclists only): misses in frames 0-143 of 145; clamped to the log start
    assertThat(longest.id()).isEqualTo("kitti-0017@0-14350000000");
    assertThat(longest.matches()).hasSize(144);
    assertThat(longest.score()).isEqualTo(448);
    try (LakeQuery q = fm.query()) {
      ScenarioMiner.store(fm.lake(), q, "eval pointrcnn", List.of(
          new ScenarioMiner.TagSet("fn:pointrcnn", "misses", result.missed()),
          new ScenarioMiner.TagSet("fp:pointrcnn", "false alarms", result.falseAlarms())));
    }
    assertThat(TestLakes.scalar(fm.lake(), "SELECT count(*) FROM tags WHERE scenario = 'fn:pointrcnn'")).isEqualTo(251L);
  }

  @Test
  void reportIsWrittenAsJsonAndHtml() throws Exception {
    Path html = EvalReport.write(dir.resolve("report"), result, null);
    String page = Files.readString(html);
    assertThat(page).contains("<svg", "car (AP 82.2)", "distance: 0-20 m (5622)").doesNotContain("NaN");
    assertThat(Files.readString(dir.resolve("report/report.json"))).contains("\"ap\" : 0.8221773883247581");
    List<String> outcomes = Files.readAllLines(dir.resolve("report/outcomes.csv"));
    assertThat(outcomes).hasSize(1 + 37137 + 19751 + 1346 + 529);
    assertThat(outcomes.stream().filter(l -> l.startsWith("truth,") && l.contains(",MISSED,"))).hasSize(2817 + 659 + 164);
    assertThat(outcomes.stream().filter(l -> l.startsWith("detection,") && l.contains(",TP,"))).hasSize(16934 + 687 + 365);
  }

  @Test
  void unknownModelListsTheModelsInTheLake() {
    try (LakeQuery q = fm.query()) {
      assertThatThrownBy(() -> ModelEvaluation.evaluate(q, LIB, new ModelEvaluation.Options("pointrnn", "gt",
          Matching.Kitti.defaults(IouKind.BEV), List.of())))
          .hasMessage("the lake has no objects of model 'pointrnn'; models in the lake: pointrcnn");
    }
  }
}
