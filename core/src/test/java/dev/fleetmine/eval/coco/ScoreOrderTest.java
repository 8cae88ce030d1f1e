package dev.fleetmine.eval.coco;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The one comparison sort: descending, stable, numpy's view of signed zeros. */
class ScoreOrderTest {
  @Test
  void tiesKeepInputOrderAndSignedZerosTie() {
    double[] score = {0.5, -0.0, 0.9, 0.5, 0.0, -1.5, 0.9, -0.0};
    int[] order = ScoreOrder.descending(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, score);
    assertThat(order).containsExactly(2, 6, 0, 3, 1, 4, 7, 5);
  }

  @Test
  void sortsTheGivenSequenceNotTheIndices() {
    double[] score = {0.1, 0.2, 0.3};
    assertThat(ScoreOrder.descending(new int[] {2, 0, 1}, score)).containsExactly(2, 1, 0);
    assertThat(ScoreOrder.descending(new int[0], score)).isEmpty();
  }

  @Property(tries = 200)
  void agreesWithAStableComparisonSort(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = r.nextInt(1, 3000);
    double[] score = new double[n];
    for (int i = 0; i < n; i++) {
      // few distinct values (ties) mixed with full-precision ones and negatives
      score[i] = r.nextBoolean() ? r.nextInt(5) / 4.0 : (r.nextDouble() - 0.3) * Math.pow(10, r.nextInt(-3, 4));
    }
    int[] seq = IntStream.range(0, n).toArray();
    Integer[] expected = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    // List.sort / Arrays.sort on objects is stable; compare with <, as numpy does
    Arrays.sort(expected, Comparator.comparingDouble((Integer i) -> -score[i] + 0.0));
    assertThat(ScoreOrder.descending(seq, score)).containsExactly(Arrays.stream(expected).mapToInt(i -> i).toArray());
  }
}
