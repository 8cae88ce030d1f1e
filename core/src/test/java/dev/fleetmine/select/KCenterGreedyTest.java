package dev.fleetmine.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleetmine.vector.ClusteredVectors;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The blocked multi-threaded k-center greedy against the brute-force reference. */
class KCenterGreedyTest {
  @Property(tries = 60)
  void equalsBruteForceOnRandomClusteredData(@ForAll @IntRange(min = 1, max = 3000) int n,
      @ForAll @IntRange(min = 1, max = 40) int dim, @ForAll @IntRange(min = 1, max = 60) int budget,
      @ForAll @IntRange(min = 0, max = 5) int labeled, @ForAll @IntRange(min = 1, max = 4) int threads,
      @ForAll long seed) {
    float[][] rows = new ClusteredVectors(dim, 7, 0.5f, seed).points(n, seed + 1);
    int[] initial = java.util.stream.IntStream.range(0, Math.min(labeled, n)).map(i -> (int) ((i * 7919L) % n)).distinct().toArray();
    int first = (int) Math.floorMod(seed, n);
    KCenterGreedy.Result fast = KCenterGreedy.select(KCenterGreedy.Points.of(rows), initial, first, budget, threads, k -> { });
    KCenterGreedy.Result ref = KCenterGreedy.bruteForce(rows, initial, first, budget);
    assertThat(fast).isEqualTo(ref);
    assertThat(fast.picks()).hasSize(Math.min(budget, n - initial.length)).doesNotHaveDuplicates();
    for (int c : initial) {
      assertThat(fast.picks()).doesNotContain(c);
    }
  }

  @Property(tries = 20)
  void theCoresetRadiusNeverGrows(@ForAll @IntRange(min = 2, max = 2000) int n, @ForAll long seed) {
    float[][] rows = new ClusteredVectors(8, 5, 1f, seed).points(n, seed);
    float[] r = KCenterGreedy.select(KCenterGreedy.Points.of(rows), new int[0], 0, 30, 2, k -> { }).radius();
    assertThat(r[0]).isEqualTo(Float.POSITIVE_INFINITY);
    for (int i = 2; i < r.length; i++) {
      assertThat(r[i]).isLessThanOrEqualTo(r[i - 1]);
    }
  }

  @Test
  void theResultDoesNotDependOnTheThreadCount() {
    float[][] rows = new ClusteredVectors(32, 50, 1f, 3).points(20_000, 4);
    KCenterGreedy.Points p = KCenterGreedy.Points.of(rows);
    KCenterGreedy.Result one = KCenterGreedy.select(p, new int[0], 17, 100, 1, k -> { });
    for (int t : new int[] {2, 3, 7, 16}) {
      assertThat(KCenterGreedy.select(p, new int[0], 17, 100, t, k -> { })).isEqualTo(one);
    }
    assertThat(one.picks()[0]).isEqualTo(17);
  }

  @Test
  void tiesGoToTheLowestIndexAndDuplicatesOfCentresAreNotPickedTwice() {
    // four corners of a square, each twice; picks from corner 0: the opposite corner, then the others
    float[][] rows = {{0, 0}, {1, 0}, {0, 1}, {1, 1}, {0, 0}, {1, 0}, {0, 1}, {1, 1}};
    KCenterGreedy.Result r = KCenterGreedy.select(KCenterGreedy.Points.of(rows), new int[0], 0, 8, 2, k -> { });
    assertThat(r.picks()).containsExactly(0, 3, 1, 2, 4, 5, 6, 7);
    assertThat(r.radius()).containsExactly(Float.POSITIVE_INFINITY, 2f, 1f, 1f, 0f, 0f, 0f, 0f);
    assertThat(KCenterGreedy.bruteForce(rows, new int[0], 0, 8)).isEqualTo(r);
  }

  @Test
  void labeledPointsAreTheInitialCentres() {
    float[][] rows = {{0}, {1}, {2}, {10}, {11}};
    KCenterGreedy.Result r = KCenterGreedy.select(KCenterGreedy.Points.of(rows), new int[] {4}, -1, 2, 1, k -> { });
    // from 11: 0 is farthest (121); then 2 is 2 from 0, 10 only 1 from 11
    assertThat(r.picks()).containsExactly(0, 2);
    assertThat(r.radius()).containsExactly(121f, 4f);
  }

  @Test
  void badArgumentsAreRejected() {
    KCenterGreedy.Points p = KCenterGreedy.Points.of(new float[][] {{0}, {1}});
    assertThatThrownBy(() -> KCenterGreedy.select(p, new int[] {2}, 0, 1, 1, k -> { }))
        .hasMessage("initial centre 2 is not a point index (0..1)");
    assertThatThrownBy(() -> KCenterGreedy.select(p, new int[0], 5, 1, 1, k -> { }))
        .hasMessage("first pick 5 is not a point index (0..1)");
    assertThatThrownBy(() -> KCenterGreedy.Points.of(new float[][] {{0, 1}, {1}}))
        .hasMessage("point 1 has 1 dimensions, point 0 has 2");
    assertThat(Arrays.stream(KCenterGreedy.select(p, new int[] {0, 1}, 0, 5, 1, k -> { }).picks()).count()).isZero();
  }
}
