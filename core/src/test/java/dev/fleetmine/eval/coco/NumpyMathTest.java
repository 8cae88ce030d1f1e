package dev.fleetmine.eval.coco;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The numpy routines against values printed by numpy 2.4.6. */
class NumpyMathTest {
  @Test
  void iouThresholdsAreNumpysLinspace() {
    // np.linspace(.5, 0.95, 10): the ninth is 0.8999999999999999, not 0.9
    assertThat(CocoParams.iouThresholds())
        .containsExactly(0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.8999999999999999, 0.95);
  }

  @Test
  void recallThresholdsAreNumpysLinspace() {
    double[] r = CocoParams.recallThresholds();
    assertThat(r).hasSize(101);
    assertThat(r[0]).isZero();
    assertThat(r[7]).isEqualTo(0.07);
    assertThat(r[100]).isEqualTo(1.0);
    for (int i = 0; i < 100; i++) {
      assertThat(r[i]).isEqualTo(i * 0.01 + 0.0);
    }
  }

  @Test
  void meanIsNumpysPairwiseSumNotALeftToRightOne() {
    double[] a = new double[1000];
    for (int i = 0; i < a.length; i++) {
      a[i] = 1.0 / (i + 1);
    }
    // np.mean gives ...345; sum(list) / n gives ...343
    assertThat(NumpyMath.mean(a, a.length)).isEqualTo(0.007485470860550345);
    double[] b = new double[20000];
    for (int i = 0; i < b.length; i++) {
      b[i] = (i * 0.37) % 1;
    }
    assertThat(NumpyMath.mean(b, b.length)).isEqualTo(0.494999999999956);
    assertThat(NumpyMath.mean(new double[] {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1}, 7)).isEqualTo(0.09999999999999999);
  }
}
