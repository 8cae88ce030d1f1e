package dev.fleetmine.vector.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fleetmine.Fleetmine;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.query.Clip;
import dev.fleetmine.query.LakeQuery;
import dev.fleetmine.synth.FleetGenerator;
import dev.fleetmine.synth.FleetSpec;
import dev.fleetmine.synth.FleetSummary;
import dev.fleetmine.synth.InjectedScenario;
import dev.fleetmine.synth.ScenarioType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default recipe on a 1-hour synthetic fleet (seed 11): layout, batching, and pinned precision@10. */
class ScenarioEmbedderTest {
  @TempDir
  static Path dir;
  static FleetSummary summary;
  static LakeQuery q;
  static final ScenarioEmbedder EMBEDDER = new ScenarioEmbedder(EmbeddingRecipe.DEFAULT);

  @BeforeAll
  static void generate() {
    Fleetmine fm = Fleetmine.open(dir.resolve("lake"));
    FleetSummary[] s = new FleetSummary[1];
    fm.write("generate", sink -> s[0] = new FleetGenerator(new FleetSpec(1, 11, 10, 15)).generate(sink, Progress.NONE));
    summary = s[0];
    q = fm.query();
  }

  @AfterAll
  static void close() {
    q.close();
  }

  static List<Clip> truthWindows() {
    return summary.truth().stream().map(t -> new Clip(t.logId(), t.startNs(), t.endNs(), 0, List.of())).toList();
  }

  @Test
  void theDefaultRecipeHas300Values() {
    EmbeddingRecipe r = EmbeddingRecipe.DEFAULT;
    assertThat(r.cells()).isEqualTo(12);
    assertThat(r.sceneDimension()).isEqualTo(4 * 2 * 12 * 3);
    assertThat(r.dimension()).isEqualTo(300);
    assertThat(r.sceneIndex(3, 1, 3, 2, 2)).isEqualTo(287);
    assertThat(r.egoIndex(0, 0)).isEqualTo(288);
    assertThat(r.egoIndex(3, 2)).isEqualTo(299);
  }

  @Test
  void slidingWindowsFitInsideTheLog() {
    List<Clip> w = ScenarioEmbedder.slidingWindows("a", 0, 10_000_000_000L, 8_000_000_000L, 2_000_000_000L);
    assertThat(w).extracting(Clip::startNs).containsExactly(0L, 2_000_000_000L);
    assertThat(w.get(1).endNs()).isEqualTo(9_999_999_999L);
  }

  @Test
  void exactKnnReturnsTheMostSimilarFirstAndSkips() {
    float[][] pool = {{1, 0}, {0, 1}, {0.8f, 0.6f}, {0.6f, 0.8f}};
    assertThat(ExactKnn.nearest(new float[] {1, 0}, pool, 3, i -> false)).containsExactly(0, 2, 3);
    assertThat(ExactKnn.nearest(new float[] {1, 0}, pool, 3, i -> i == 0)).containsExactly(2, 3, 1);
    assertThat(ExactKnn.nearest(new float[] {1, 0}, pool, 9, i -> i < 2)).containsExactly(2, 3);
  }

  @Test
  void vectorsAreUnitLengthAndTheSameInABatchAsAlone() {
    List<Clip> windows = truthWindows();
    float[][] all = EMBEDDER.embedAll(q, windows);
    assertThat(all).hasNumberOfRows(60);
    for (float[] v : all) {
      assertThat(ExactKnn.dot(v, v)).isCloseTo(1f, within(1e-5f));
    }
    float[][] one = EMBEDDER.embedAll(q, List.of(windows.get(7)));
    assertThat(one[0]).containsExactly(all[7], within(1e-6f));
  }

  @Test
  void slidingWindowsCoverEveryLog() {
    List<WindowEmbeddings> batches = new java.util.ArrayList<>();
    EMBEDDER.embedSlidingWindows(q, 8, 2, Progress.NONE, batches::add);
    assertThat(batches).hasSize(6);
    // a 10-minute log spans 599.9 s: 8 s windows start every 2 s up to 590 s
    assertThat(batches).allSatisfy(b -> assertThat(b.size()).isEqualTo(296));
    assertThat(batches.get(0).windows().getFirst().logId()).isEqualTo("synth-11-00000");
  }

  @Test
  void injectedScenariosFindTheirOwnTypeAmongTheirTenNearest() {
    List<InjectedScenario> truth = summary.truth();
    SimilarityEval ev = SimilarityEval.measure(truth, EMBEDDER.embedAll(q, truthWindows()),
        EMBEDDER.embedSlidingWindows(q, 8, 2));
    assertThat(ev.perType()).containsOnlyKeys(ScenarioType.values());
    // type -> {queries, hits among scenario windows, hits among sliding windows}, over 10 neighbours per query;
    // types with fewer than 11 windows cap the first (hard_brake: 4 windows, at most 3 of 10 hits each)
    Object[][] pinned = {
        {ScenarioType.CUT_IN, 5, 18, 19}, {ScenarioType.HARD_BRAKE, 4, 12, 0},
        {ScenarioType.PEDESTRIAN_CROSSING, 6, 20, 19}, {ScenarioType.LEAD_VEHICLE_STOPPED, 7, 35, 49},
        {ScenarioType.LEFT_TURN_ACROSS_ONCOMING, 9, 72, 90}, {ScenarioType.OVERTAKING_ON_RIGHT, 9, 65, 12},
        {ScenarioType.STOPPED_VEHICLE, 9, 33, 48}, {ScenarioType.NEAR_MISS, 5, 17, 0}, {ScenarioType.JAYWALKER, 6, 22, 22}};
    for (Object[] p : pinned) {
      double[] m = ev.perType().get((ScenarioType) p[0]);
      int n = (int) p[1];
      // DuckDB sums in parallel in no fixed order, so near-ties may swap: allow one neighbour of one query
      double oneSwap = 0.1 / n + 1e-9;
      assertThat((int) m[2]).as("%s windows", p[0]).isEqualTo(n);
      assertThat(m[0]).as("%s p@10 among scenarios", p[0]).isCloseTo((int) p[2] / (10.0 * n), within(oneSwap));
      assertThat(m[1]).as("%s p@10 among sliding windows", p[0]).isCloseTo((int) p[3] / (10.0 * n), within(oneSwap));
    }
  }
}
