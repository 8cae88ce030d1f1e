package dev.fleetmine.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fleetmine.Fleetmine;
import dev.fleetmine.TestLakes;
import dev.fleetmine.eval.ModelEvaluation;
import dev.fleetmine.eval.SliceBy;
import dev.fleetmine.eval.det3d.IouKind;
import dev.fleetmine.eval.det3d.Matching;
import dev.fleetmine.ingest.ObjectSample;
import dev.fleetmine.ingest.PredictionWriter;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.ingest.predictions.PredictionReaders;
import dev.fleetmine.lake.CurationStore;
import dev.fleetmine.query.ClipRef;
import dev.fleetmine.query.LakeQuery;
import dev.fleetmine.query.ScenarioLibrary;
import dev.fleetmine.query.ScenarioMiner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Selections on the real KITTI tracking sample: PointRCNN's missed-object clips ({@code fn:pointrcnn}, as
 * {@code fleetmine eval} stores them) ranked by the model's uncertainty, diversity over the clip index's
 * windows, balance by class, disagreement with a second version, reproducibility and errors.
 */
class LakeSelectionTest {
  @TempDir
  static Path dir;
  static Fleetmine fm;
  static final ScenarioLibrary LIB = ScenarioLibrary.builtIn();

  @BeforeAll
  static void lakeWithFailureClips() throws Exception {
    fm = Fleetmine.open(dir.resolve("lake"));
    Path kitti = TestLakes.sharedData().resolve("kitti-tracking");
    fm.ingest("kitti", List.of(kitti), Progress.NONE);
    try (LakeQuery q = fm.query()) {
      Matching m = Matching.Kitti.defaults(IouKind.BEV);
      ModelEvaluation.Result r = ModelEvaluation.evaluate(q, LIB,
          new ModelEvaluation.Options("pointrcnn", "gt", m, List.of(new SliceBy.Log())));
      ScenarioMiner.store(fm.lake(), q, "eval pointrcnn", List.of(
          new ScenarioMiner.TagSet("fn:pointrcnn", "ground truth missed by pointrcnn", r.missed()),
          new ScenarioMiner.TagSet("fp:pointrcnn", "false detections of pointrcnn", r.falseAlarms())));
    }
    // a second version that drops every second pedestrian detection
    Path v2 = dir.resolve("v2");
    for (String cls : List.of("Car", "Cyclist", "Pedestrian")) {
      Path from = kitti.resolve("detections_pointrcnn").resolve(cls);
      Files.createDirectories(v2.resolve(cls));
      try (var files = Files.list(from)) {
        for (Path f : files.toList()) {
          List<String> lines = Files.readAllLines(f);
          List<String> kept = cls.equals("Pedestrian")
              ? IntStream.range(0, lines.size()).filter(i -> i % 2 == 0).mapToObj(lines::get).toList() : lines;
          Files.write(v2.resolve(cls).resolve(f.getFileName()), kept);
        }
      }
    }
    Map<String, List<ObjectSample>> byLog = PredictionReaders.read("kitti", List.of(v2), "pointrcnn@v2", kitti.resolve("calib"));
    try (PredictionWriter w = PredictionWriter.begin(fm.lake(), "pointrcnn@v2")) {
      byLog.forEach(w::add);
      w.commit("predictions add pointrcnn@v2");
    }
  }

  static LakeSelection.Request request(String id, Candidates c, String strategy, int budget) {
    return new LakeSelection.Request(id, c, strategy, "pointrcnn", null, budget, 7, 10, null, false, "auto", 2);
  }

  /** Mean binary entropy (bits) of sigmoid(score) of pointrcnn's detections in a clip, computed by DuckDB. */
  static double sqlEntropy(ClipRef c) {
    return ((Number) TestLakes.query(fm.lake(), "SELECT avg(-(p * log2(p) + (1 - p) * log2(1 - p))) FROM (SELECT"
        + " 1 / (1 + exp(-score)) AS p FROM objects WHERE source = 'pointrcnn' AND log_id = '" + c.logId()
        + "' AND ts_ns BETWEEN " + c.startNs() + " AND " + c.endNs() + ")").get(0).get(0)).doubleValue();
  }

  @Test
  void entropyOfPointRcnnScoresRanksItsMissedObjectClips() {
    Selection s = LakeSelection.run(fm.lake(), request("fn-entropy", new Candidates.FromTag("fn:pointrcnn"),
        "uncertainty:entropy", 5), LIB, Progress.NONE);
    assertThat(s.params()).containsEntry("candidates", "tag:fn:pointrcnn").containsEntry("candidate_count", "251")
        .containsEntry("model", "pointrcnn").containsEntry("score_scale", "logit").containsEntry("budget", "5");
    // 251 tag rows, one per stretch of a log with misses: each a distinct, disjoint clip
    assertThat(TestLakes.query(fm.lake(), "SELECT count(*), count(DISTINCT (log_id, start_ns, end_ns)) FROM tags"
        + " WHERE scenario = 'fn:pointrcnn'").get(0)).containsExactly(251L, 251L);
    assertThat(s.refs().stream().map(ClipRef::id)).containsExactly("kitti-0009@38050000000-38150000000",
        "kitti-0009@31850000000-31950000000", "kitti-0007@70350000000-70550000000", "kitti-0009@61250000000-61450000000",
        "kitti-0002@2450000000-3750000000");
    for (Selection.Item it : s.clips()) {
      assertThat(it.components().get("uncertainty:entropy")).isCloseTo(sqlEntropy(it.clip()), within(1e-12));
    }
    assertThat(s.clips().get(0).score()).isEqualTo(1.0);
    for (int i = 1; i < s.clips().size(); i++) {
      assertThat(s.clips().get(i).score()).isLessThanOrEqualTo(s.clips().get(i - 1).score());
    }
    assertThat(new SelectionStore(fm.lake()).load("fn-entropy")).isEqualTo(s);
  }

  @Test
  void aSavedSelectionIsReproducedExactly() {
    for (String strategy : List.of("uncertainty:margin=0.6,rarity=0.4", "uncertainty:least-confidence,diversity", "diversity")) {
      String id = "repro-" + strategy.replaceAll("[^a-z]", "");
      Selection s = LakeSelection.run(fm.lake(), request(id, new Candidates.FromWindows(), strategy, 12), LIB, Progress.NONE);
      assertThat(s.clips()).hasSize(12);
      Selection again = LakeSelection.reproduce(fm.lake(), new SelectionStore(fm.lake()).load(id), id + "-again", LIB);
      assertThat(again.clips()).as(strategy).isEqualTo(s.clips());
      assertThat(again.params()).isEqualTo(s.params());
      assertThat(again.snapshotVersion()).isEqualTo(s.snapshotVersion());
    }
  }

  @Test
  void diversityOverWindowsSpreadsAcrossLogsAndIsSeeded() {
    Selection s = LakeSelection.compute(fm.lake(), request("div", new Candidates.FromWindows(), "diversity", 10), LIB,
        Progress.NONE);
    assertThat(s.params()).containsEntry("candidates", "windows").containsEntry("candidate_count", "169");
    assertThat(s.refs().stream().map(ClipRef::id)).containsExactly("kitti-0007@68000000000-75999999999",
        "kitti-0009@30000000000-37999999999", "kitti-0017@0-7999999999", "kitti-0007@52000000000-59999999999",
        "kitti-0002@0-7999999999", "kitti-0004@4000000000-11999999999", "kitti-0007@26000000000-33999999999",
        "kitti-0020@64000000000-71999999999", "kitti-0009@70000000000-77999999999", "kitti-0000@4000000000-11999999999");
    // windows overlap by design (8 s every 2 s): a pick removes its neighbours, so no two picks share a frame
    assertThat(Overlaps.disjoint(s.refs())).isTrue();
    assertThat(s.clips().get(0).score()).isEqualTo(Double.MAX_VALUE);
    // the coreset radius never grows
    for (int i = 2; i < s.clips().size(); i++) {
      assertThat(s.clips().get(i).score()).isLessThanOrEqualTo(s.clips().get(i - 1).score());
    }
    Selection other = LakeSelection.compute(fm.lake(), new LakeSelection.Request("div2", new Candidates.FromWindows(),
        "diversity", null, null, 10, 8, 10, null, false, "auto", 1), LIB, Progress.NONE);
    assertThat(other.refs().get(0)).isNotEqualTo(s.refs().get(0));
  }

  @Test
  void labeledClipsAreExcludedAndSeedTheCoreset() throws Exception {
    Selection top = LakeSelection.compute(fm.lake(), request("x", new Candidates.FromTag("fn:pointrcnn"), "uncertainty", 3),
        LIB, Progress.NONE);
    CurationStore store = CurationStore.of(fm.lake());
    store.writeJsonOnce(store.path("batches", "b1").resolve("batch.json"),
        Map.of("clips", List.of(top.refs().get(0).id()), "selection", "x"));
    assertThat(LakeSelection.labeledClips(fm.lake())).containsExactly(top.refs().get(0));
    Selection after = LakeSelection.compute(fm.lake(), new LakeSelection.Request("y", new Candidates.FromTag("fn:pointrcnn"),
        "uncertainty", "pointrcnn", null, 3, 7, 10, null, true, "auto", 2), LIB, Progress.NONE);
    assertThat(after.refs()).doesNotContain(top.refs().get(0)).startsWith(top.refs().get(1), top.refs().get(2));
    assertThat(after.params()).containsEntry("exclude_labeled", "true").containsEntry("labeled_clips", "1")
        .containsEntry("candidate_count", "250");
  }

  @Test
  void balanceByClassHitsItsTargets() {
    Selection s = LakeSelection.compute(fm.lake(), new LakeSelection.Request("bal", new Candidates.FromTag("fn:pointrcnn"),
        "uncertainty", "pointrcnn", null, 30, 7, 10, Balance.parse("class:pedestrian=0.5,cyclist=0.3"), false, "auto", 2),
        LIB, Progress.NONE);
    assertThat(s.clips()).hasSize(30);
    assertThat(s.params()).containsEntry("balance", "class:cyclist=0.3,pedestrian=0.5");
    Map<String, Long> withClass = new TreeMap<>();
    for (ClipRef c : s.refs()) {
      for (List<Object> row : TestLakes.query(fm.lake(), "SELECT DISTINCT category FROM objects WHERE source = 'gt' AND log_id = '"
          + c.logId() + "' AND ts_ns BETWEEN " + c.startNs() + " AND " + c.endNs())) {
        withClass.merge((String) row.get(0), 1L, Long::sum);
      }
    }
    assertThat(withClass.get("pedestrian")).isGreaterThanOrEqualTo(15);
    assertThat(withClass.get("cyclist")).isGreaterThanOrEqualTo(9);
  }

  @Test
  void disagreementBetweenTwoVersionsFindsThePedestrianClips() {
    Selection s = LakeSelection.compute(fm.lake(), new LakeSelection.Request("dis", new Candidates.FromTag("fn:pointrcnn"),
        "disagreement", "pointrcnn", "pointrcnn@v2", 5, 7, 10, null, false, "auto", 2), LIB, Progress.NONE);
    assertThat(s.params()).containsEntry("model", "pointrcnn").containsEntry("model_b", "pointrcnn@v2");
    assertThat(s.refs().stream().map(ClipRef::id)).containsExactly("kitti-0009@61550000000-61650000000",
        "kitti-0007@77150000000-77250000000", "kitti-0017@0-14350000000", "kitti-0007@65850000000-66250000000",
        "kitti-0007@56150000000-56350000000");
    assertThat(s.clips().stream().map(i -> i.components().get("disagreement"))).containsExactly(1.0, 0.33333333333333337,
        0.19160713066221308, 0.16858974358974355, 0.16666666666666669);
    // the top clip is one frame where pointrcnn saw only pedestrians and v2 dropped them all: nothing matches
    assertThat(TestLakes.query(fm.lake(), "SELECT source, list(DISTINCT category), count(*) FROM objects WHERE source LIKE"
        + " 'pointrcnn%' AND log_id = 'kitti-0009' AND ts_ns = 61600000000 GROUP BY source ORDER BY source"))
        .hasSize(1).first().satisfies(r -> assertThat(r.subList(0, 2).toString()).isEqualTo("[pointrcnn, [pedestrian]]"));
  }

  @Test
  void badRequestsAreRejectedWithWhatIsValid() {
    LakeSelection.run(fm.lake(), request("e1", new Candidates.FromTag("fn:pointrcnn"), "uncertainty", 2), LIB, Progress.NONE);
    assertThatThrownBy(() -> LakeSelection.run(fm.lake(), request("e1", new Candidates.FromTag("fn:pointrcnn"),
        "uncertainty", 5), LIB, Progress.NONE))
        .hasMessage("selection 'e1' already exists; selections are immutable, choose another id");
    assertThat(new SelectionStore(fm.lake()).load("e1").clips()).hasSize(2);
    assertThatThrownBy(() -> LakeSelection.compute(fm.lake(), new LakeSelection.Request("e2",
        new Candidates.FromTag("fn:pointrcnn"), "uncertainty", "pointpillars", null, 5, 7, 10, null, false, "auto", 2), LIB,
        Progress.NONE)).hasMessage("unknown model 'pointpillars'; models in the lake: pointrcnn, pointrcnn@v2");
    assertThatThrownBy(() -> request("e3", new Candidates.FromTag("fn:pointrcnn"), "uncertainty", 0))
        .hasMessage("budget must be >= 1, got 0");
    assertThatThrownBy(() -> request("e4", new Candidates.FromTag("fn:pointrcnn"), "coolness", 3))
        .hasMessageStartingWith("unknown strategy 'coolness'; valid: uncertainty[:entropy|margin|least-confidence]");
    assertThatThrownBy(() -> LakeSelection.compute(fm.lake(), request("e5", new Candidates.FromTag("fn:pointpillars"),
        "uncertainty", 3), LIB, Progress.NONE))
        .hasMessage("no clips tagged 'fn:pointpillars' in the lake; tags there are: fn:pointrcnn, fp:pointrcnn");
    assertThatThrownBy(() -> LakeSelection.compute(fm.lake(), request("e6",
        new Candidates.FromQuery("exists pedestrian p where p.distance < 0.01"), "uncertainty", 3), LIB, Progress.NONE))
        .hasMessage("no candidates: query:exists pedestrian p where p.distance < 0.01 gives 0 clip(s)");
  }
}
