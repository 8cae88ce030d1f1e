package dev.fleetmine.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fleetmine.eval.det3d.Box3d;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Uncertainty, rarity, disagreement, balance and their combination on small hand-made inputs. */
class StrategiesTest {
  @Test
  void uncertaintyMeasuresOfOneDetection() {
    assertThat(Uncertainty.Measure.ENTROPY.of(0.5)).isEqualTo(1.0);
    assertThat(Uncertainty.Measure.ENTROPY.of(1.0)).isEqualTo(0.0);
    assertThat(Uncertainty.Measure.ENTROPY.of(0.9)).isCloseTo(0.4689955935892812, within(1e-15));
    assertThat(Uncertainty.Measure.MARGIN.of(0.9)).isCloseTo(0.2, within(1e-15));
    assertThat(Uncertainty.Measure.LEAST_CONFIDENCE.of(0.9)).isCloseTo(0.2, within(1e-15));
    assertThat(Uncertainty.Measure.LEAST_CONFIDENCE.of(0.3)).isCloseTo(0.6, within(1e-15));
    assertThatThrownBy(() -> Uncertainty.Measure.parse("gini"))
        .hasMessage("unknown uncertainty measure 'gini'; valid: entropy, margin, least-confidence");
  }

  @Test
  void aClipsUncertaintyIsTheMeanOverItsDetections() {
    // logit 0 is p = 0.5 (entropy 1); logit ln 9 is p = 0.9
    double[] scores = {0, Math.log(9)};
    assertThat(Uncertainty.ScoreScale.detect(scores)).isEqualTo(Uncertainty.ScoreScale.LOGIT);
    assertThat(Uncertainty.clip(scores, Uncertainty.ScoreScale.LOGIT, Uncertainty.Measure.ENTROPY))
        .isCloseTo((1 + 0.4689955935892812) / 2, within(1e-12));
    assertThat(Uncertainty.clip(new double[0], Uncertainty.ScoreScale.LOGIT, Uncertainty.Measure.ENTROPY)).isZero();
    assertThat(Uncertainty.ScoreScale.detect(new double[] {0.2, 1.0})).isEqualTo(Uncertainty.ScoreScale.PROBABILITY);
  }

  @Test
  void rarityIsTheDistanceToTheKthNeighbour() {
    float[][] rows = {{0}, {1}, {3}, {10}};
    assertThat(Rarity.kthNeighbourDistance(rows, 1)).containsExactly(1, 1, 2, 7);
    assertThat(Rarity.kthNeighbourDistance(rows, 2)).containsExactly(3, 2, 3, 9);
    assertThat(Rarity.kthNeighbourDistance(rows, 9)).containsExactly(10, 9, 7, 10);
  }

  @Test
  void disagreementIsOneMinusTheDiceOfMatchedIou() {
    Box3d a = new Box3d(0, 0, 0, 4, 2, 1.5, 0);
    Box3d half = new Box3d(2, 0, 0, 4, 2, 1.5, 0); // overlaps a by 2 x 2 of 8 + 8 - 4: IoU 1/3
    List<Disagreement.Box> modelA = List.of(new Disagreement.Box(1, "car", a), new Disagreement.Box(2, "car", a));
    List<Disagreement.Box> modelB = List.of(new Disagreement.Box(1, "car", half), new Disagreement.Box(3, "car", a));
    // frame 1: 1 - 2 * (1/3) / 2 = 2/3; frame 2: only A, 1; frame 3: only B, 1
    assertThat(Disagreement.clip(modelA, modelB)).isCloseTo((2.0 / 3 + 1 + 1) / 3, within(1e-12));
    assertThat(Disagreement.clip(modelA, modelA)).isZero();
    assertThat(Disagreement.clip(List.of(new Disagreement.Box(1, "car", a)), List.of(new Disagreement.Box(1, "truck", a))))
        .isEqualTo(1.0);
    assertThat(Disagreement.clip(List.of(), List.of())).isZero();
  }

  @Test
  void strategySpecsAndTheirErrors() {
    Strategy s = Strategy.parse("uncertainty:margin=0.6,rarity=0.4,diversity");
    assertThat(s.terms()).containsExactly(new Strategy.Term("uncertainty", Uncertainty.Measure.MARGIN, 0.6),
        new Strategy.Term("rarity", null, 0.4), new Strategy.Term("diversity", null, 1));
    assertThat(Strategy.parse("uncertainty").terms().get(0).key()).isEqualTo("uncertainty:entropy");
    assertThatThrownBy(() -> Strategy.parse("uncertainty,novelty")).hasMessage(
        "unknown strategy 'novelty'; valid: uncertainty[:entropy|margin|least-confidence], diversity, rarity, disagreement");
    assertThatThrownBy(() -> Strategy.parse("rarity=-1")).hasMessage("strategy term 'rarity=-1': the weight must be > 0");
    assertThatThrownBy(() -> Strategy.parse("rarity,rarity=2")).hasMessage("strategy 'rarity,rarity=2' names rarity twice");
  }

  @Test
  void weightedCombinationOfNormalizedTerms() {
    Strategy s = Strategy.parse("uncertainty=0.6,rarity=0.4");
    Map<String, double[]> scores = Map.of("uncertainty:entropy", new double[] {0.2, 0.6, 1.0, 0.6},
        "rarity", new double[] {30, 10, 10, 20});
    // normalized: u = 0, .5, 1, .5; r = 1, 0, 0, .5 -> .4, .3, .6, .5
    List<Selector.Pick> p = Selector.select(s, null, new Selector.Inputs(4, scores, null, new float[0][], null), 3, 0, 1, k -> { });
    assertThat(p.stream().map(Selector.Pick::index)).containsExactly(2, 3, 0);
    assertThat(p.get(0).score()).isCloseTo(0.6, within(1e-12));
    assertThat(p.get(1).components()).containsExactly(Map.entry("uncertainty:entropy", 0.6), Map.entry("rarity", 20.0));
  }

  @Test
  void diversityAfterScoresPicksApartFromTheBestScoredPool() {
    Strategy s = Strategy.parse("uncertainty,diversity");
    float[][] emb = {{0}, {0.1f}, {5}, {0.2f}, {9}};
    Map<String, double[]> scores = Map.of("uncertainty:entropy", new double[] {0.9, 0.8, 0.1, 0.7, 0.0});
    // pool = 4 x 2 best = all 5 (index order by score: 0, 1, 3, 2, 4); start at 0, farthest is 9
    List<Selector.Pick> p = Selector.select(s, null, new Selector.Inputs(5, scores, emb, new float[0][], null), 2, 0, 2, k -> { });
    assertThat(p.stream().map(Selector.Pick::index)).containsExactly(0, 4);
    assertThat(p.get(1).components().get("diversity")).isEqualTo(9.0);
    assertThat(p.get(0).components()).doesNotContainKey("diversity");
  }

  @Test
  void balanceFillsEqualSharesWithTheBestOfEachGroup() {
    Balance b = Balance.parse("tag");
    List<Set<String>> groups = List.of(Set.of("a"), Set.of("a"), Set.of("a"), Set.of("b"), Set.of("c"), Set.of("b"), Set.of());
    int[] order = {0, 1, 2, 3, 4, 5, 6};
    // quotas for 5 over {a, b, c}: 2, 2, 1; c has one candidate
    assertThat(b.quotas(Set.of("a", "b", "c"), 5)).isEqualTo(new TreeMap<>(Map.of("a", 2, "b", 2, "c", 1)));
    assertThat(b.fill(order, groups, 5)).containsExactly(0, 3, 1, 5, 4);
    // quotas for 7: 3, 2, 2; c runs out after one, the last seat goes to the best remaining of any group
    assertThat(b.fill(order, groups, 7)).containsExactly(0, 1, 3, 4, 2, 5, 6);
    assertThat(Balance.parse("tag:cut_in=0.3,hard_brake=0.2").spec()).isEqualTo("tag:cut_in=0.3,hard_brake=0.2");
    assertThatThrownBy(() -> Balance.parse("tag:a=0.7,b=0.6")).hasMessageStartingWith("balance shares sum to 1.2");
    assertThatThrownBy(() -> Balance.parse("weather")).hasMessageStartingWith("unknown balance key 'weather'; valid: tag, class");
  }

  @Property(tries = 100)
  void balanceHitsItsTargetsWhenEveryGroupHasEnough(@ForAll @IntRange(min = 1, max = 6) int groupCount,
      @ForAll @IntRange(min = 1, max = 200) int budget, @ForAll long seed) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    List<Set<String>> groups = new ArrayList<>();
    for (int i = 0; i < groupCount * budget; i++) {
      groups.add(Set.of("g" + (i % groupCount)));
    }
    long[] key = r.longs(groups.size()).toArray();
    int[] order = java.util.stream.IntStream.range(0, groups.size()).boxed()
        .sorted(java.util.Comparator.comparingLong(i -> key[i])).mapToInt(Integer::intValue).toArray();
    List<Integer> picks = Balance.parse("tag").fill(order, groups, budget);
    assertThat(picks).hasSize(budget).doesNotHaveDuplicates();
    Map<String, Integer> counts = new TreeMap<>();
    picks.forEach(p -> counts.merge(groups.get(p).iterator().next(), 1, Integer::sum));
    for (int g = 0; g < groupCount; g++) {
      int want = budget / groupCount + (g < budget % groupCount ? 1 : 0);
      assertThat(counts.getOrDefault("g" + g, 0)).isEqualTo(want);
    }
    // within a group, the best-ranked were taken: each pick precedes every unpicked candidate of its group
    int[] rank = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      rank[order[i]] = i;
    }
    for (int p : picks) {
      for (int q = 0; q < groups.size(); q++) {
        if (!picks.contains(q) && groups.get(q).equals(groups.get(p))) {
          assertThat(rank[p]).isLessThan(rank[q]);
        }
      }
    }
  }
}
