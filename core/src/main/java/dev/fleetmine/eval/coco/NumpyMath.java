package dev.fleetmine.eval.coco;

/**
 * The few numpy routines whose exact floating-point behaviour COCOeval's numbers depend on, ported so
 * that results are bit-identical to pycocotools rather than merely close.
 */
final class NumpyMath {
  /** numpy's PW_BLOCKSIZE: below it a sum is an 8-way unrolled loop, above it a pairwise split. */
  private static final int PW_BLOCKSIZE = 128;

  private NumpyMath() {}

  /**
   * {@code np.linspace(start, stop, num, endpoint=True)}: {@code i * step + start} with
   * {@code step = (stop - start) / (num - 1)}, and the last element set to {@code stop} exactly.
   */
  static double[] linspace(double start, double stop, int num) {
    double[] y = new double[num];
    if (num == 1) {
      y[0] = start;
      return y;
    }
    double step = (stop - start) / (num - 1);
    for (int i = 0; i < num; i++) {
      y[i] = i * step + start;
    }
    y[num - 1] = stop;
    return y;
  }

  /**
   * {@code np.mean} of {@code a[0..n)}: numpy's pairwise summation (numpy/_core/src/umath/loops_utils.h,
   * {@code pairwise_sum_DOUBLE}) divided by the count. A plain left-to-right sum differs in the last bits.
   */
  static double mean(double[] a, int n) {
    return pairwiseSum(a, 0, n) / n;
  }

  /** {@code pairwise_sum_DOUBLE} over {@code a[from..from+n)}. */
  static double pairwiseSum(double[] a, int from, int n) {
    if (n < 8) {
      double res = 0.0;
      for (int i = 0; i < n; i++) {
        res += a[from + i];
      }
      return res;
    } else if (n <= PW_BLOCKSIZE) {
      double r0 = a[from];
      double r1 = a[from + 1];
      double r2 = a[from + 2];
      double r3 = a[from + 3];
      double r4 = a[from + 4];
      double r5 = a[from + 5];
      double r6 = a[from + 6];
      double r7 = a[from + 7];
      int i = 8;
      for (; i < n - (n % 8); i += 8) {
        int b = from + i;
        r0 += a[b];
        r1 += a[b + 1];
        r2 += a[b + 2];
        r3 += a[b + 3];
        r4 += a[b + 4];
        r5 += a[b + 5];
        r6 += a[b + 6];
        r7 += a[b + 7];
      }
      double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
      for (; i < n; i++) {
        res += a[from + i];
      }
      return res;
    } else {
      // split in two halves whose first is a multiple of the unroll factor, as numpy does
      int n2 = n / 2;
      n2 -= n2 % 8;
      return pairwiseSum(a, from, n2) + pairwiseSum(a, from + n2, n - n2);
    }
  }
}
