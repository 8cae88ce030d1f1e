package dev.fleetmine.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BootstrapTest {
  /** Mean of per-log values, weighted by how often each log was drawn. */
  static double mean(double[] perLog, int[] w) {
    double s = 0;
    int n = 0;
    for (int i = 0; i < perLog.length; i++) {
      s += w[i] * perLog[i];
      n += w[i];
    }
    return s / n;
  }

  @Test
  void quantileInterpolatesLikeNumpy() {
    double[] v = {1, 2, 3, 4};
    assertThat(Bootstrap.quantile(v, 4, 0.5)).isEqualTo(2.5);
    assertThat(Bootstrap.quantile(v, 4, 0.025)).isCloseTo(1.075, within(1e-12));
    assertThat(Bootstrap.quantile(v, 4, 1.0)).isEqualTo(4);
  }

  @Test
  void identicalLogsGiveAZeroWidthInterval() {
    double[] perLog = {0.7, 0.7, 0.7, 0.7, 0.7};
    Bootstrap.Interval ci = Bootstrap.overLogs(5, w -> mean(perLog, w), 200, 0.95, 1);
    assertThat(ci.estimate()).isCloseTo(0.7, within(1e-12));
    assertThat(ci.lo()).isCloseTo(0.7, within(1e-12));
    assertThat(ci.hi()).isCloseTo(0.7, within(1e-12));
  }

  @Test
  void aClearDifferenceIsFlaggedAndNoiseIsNot() {
    double[] worse = IntStream.range(0, 40).mapToDouble(i -> -0.1 + 0.01 * Math.sin(i)).toArray();
    assertThat(Bootstrap.overLogs(40, w -> mean(worse, w), 1000, 0.95, 7).below(0)).isTrue();
    double[] noise = IntStream.range(0, 40).mapToDouble(i -> i % 2 == 0 ? 0.2 : -0.2).toArray();
    Bootstrap.Interval ci = Bootstrap.overLogs(40, w -> mean(noise, w), 1000, 0.95, 7);
    assertThat(ci.below(0)).isFalse();
    assertThat(ci.above(0)).isFalse();
  }

  @Property(tries = 50)
  void intervalContainsTheEstimateForAMean(@ForAll @IntRange(min = 2, max = 30) int logs, @ForAll long seed) {
    double[] perLog = new java.util.Random(seed).doubles(logs).toArray();
    Bootstrap.Interval ci = Bootstrap.overLogs(logs, w -> mean(perLog, w), 300, 0.95, seed);
    assertThat(ci.lo()).isLessThanOrEqualTo(ci.hi());
    double min = java.util.Arrays.stream(perLog).min().orElseThrow();
    double max = java.util.Arrays.stream(perLog).max().orElseThrow();
    assertThat(ci.lo()).isGreaterThanOrEqualTo(min - 1e-12);
    assertThat(ci.hi()).isLessThanOrEqualTo(max + 1e-12);
  }

  @Test
  void sameSeedSameInterval() {
    double[] perLog = {0.1, 0.5, 0.9, 0.3};
    assertThat(Bootstrap.overLogs(4, w -> mean(perLog, w), 100, 0.9, 3))
        .isEqualTo(Bootstrap.overLogs(4, w -> mean(perLog, w), 100, 0.9, 3));
  }
}
