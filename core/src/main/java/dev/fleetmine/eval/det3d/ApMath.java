package dev.fleetmine.eval.det3d;

/**
 * Average precision from a ranked list of true/false positives: KITTI's interpolated R40 and 11-point AP,
 * and nuScenes' 101-point curve and {@code calc_ap}. The input is the precision/recall after each ranked
 * detection, as accumulated by the caller.
 */
final class ApMath {
  /** nuScenes resamples precision at 101 recall values, {@code np.linspace(0, 1, 101)}. */
  static final int NUSCENES_POINTS = 101;

  private ApMath() {}

  /**
   * Interpolated precision at {@code grid[k]}: the highest precision among points with recall {@code >=
   * grid[k]}, 0 when recall never reaches it (KITTI, Pascal VOC). {@code grid} must be ascending.
   */
  static double[] maxToTheRight(double[] recall, double[] precision, int n, double[] grid) {
    double[] suffixMax = new double[n + 1];
    for (int i = n - 1; i >= 0; i--) {
      suffixMax[i] = Math.max(precision[i], suffixMax[i + 1]);
    }
    double[] out = new double[grid.length];
    int first = 0;
    for (int k = 0; k < grid.length; k++) {
      while (first < n && recall[first] < grid[k]) {
        first++; // recall is non-decreasing along the ranking: the first point reaching r starts the suffix
      }
      out[k] = suffixMax[first];
    }
    return out;
  }

  /** KITTI R40 recall grid: 1/40, 2/40, ..., 40/40. */
  static double[] r40Grid() {
    double[] g = new double[40];
    for (int i = 1; i <= 40; i++) {
      g[i - 1] = i / 40.0;
    }
    return g;
  }

  /** 11-point recall grid: 0, 0.1, ..., 1.0 (each {@code i / 10.0}). */
  static double[] r11Grid() {
    double[] g = new double[11];
    for (int i = 0; i <= 10; i++) {
      g[i] = i / 10.0;
    }
    return g;
  }

  /** The mean of the values, summed left to right. */
  static double mean(double[] v) {
    double s = 0;
    for (double d : v) {
      s += d;
    }
    return s / v.length;
  }

  /**
   * The devkit's precision at {@code np.linspace(0, 1, 101)}: {@code np.interp(rec_interp, rec, prec,
   * right=0)}, all zeros when nothing was matched ({@code DetectionMetricData.no_predictions()}).
   */
  static double[] nuScenesPrecision(double[] recall, double[] precision, int n, int tp) {
    double[] out = new double[NUSCENES_POINTS];
    if (n == 0 || tp == 0) {
      return out;
    }
    double[] grid = nuScenesRecallGrid();
    for (int k = 0; k < NUSCENES_POINTS; k++) {
      out[k] = numpyInterp(grid[k], recall, precision, n, 0.0);
    }
    return out;
  }

  /** {@code np.linspace(0, 1, 101)}: {@code k * (1.0 / 100)}, with the end point set to exactly 1. */
  static double[] nuScenesRecallGrid() {
    double[] g = new double[NUSCENES_POINTS];
    for (int k = 0; k < NUSCENES_POINTS - 1; k++) {
      g[k] = k * (1.0 / 100);
    }
    g[NUSCENES_POINTS - 1] = 1.0;
    return g;
  }

  /**
   * {@code np.interp(x, xp, fp, right=right)} for non-decreasing {@code xp}, as numpy evaluates it: the last
   * j with {@code xp[j] <= x}; {@code fp[0]} left of the range, {@code right} right of it, {@code fp[j]} on a
   * sample or at the end, else the line between j and j + 1.
   */
  static double numpyInterp(double x, double[] xp, double[] fp, int n, double right) {
    if (x < xp[0]) {
      return fp[0];
    }
    if (x > xp[n - 1]) {
      return right;
    }
    int lo = 0;
    int hi = n; // first index with xp > x lies in [lo, hi]
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (x >= xp[mid]) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    int j = lo - 1;
    if (j == n - 1 || xp[j] == x) {
      return fp[j];
    }
    double slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
    return slope * (x - xp[j]) + fp[j];
  }

  /**
   * The devkit's {@code calc_ap}: {@code prec[round(100 * min_recall) + 1:]}, minus {@code min_precision}
   * clipped at 0, {@code np.mean}, divided by {@code 1 - min_precision}.
   */
  static double nuScenesAp(double[] precision101, double minRecall, double minPrecision) {
    int from = (int) Math.rint(100 * minRecall) + 1; // Python's round() is half-to-even, as rint
    int n = precision101.length - from;
    if (n <= 0) {
      return Double.NaN; // np.mean of an empty slice
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = Math.max(precision101[from + i] - minPrecision, 0);
    }
    return numpySum(v, 0, n) / n / (1.0 - minPrecision);
  }

  /** numpy's pairwise float64 sum ({@code pairwise_sum_DOUBLE}), so means agree with the devkit's bits. */
  static double numpySum(double[] a, int from, int n) {
    if (n < 8) {
      double res = 0;
      for (int i = 0; i < n; i++) {
        res += a[from + i];
      }
      return res;
    }
    if (n <= 128) {
      double[] r = new double[8];
      System.arraycopy(a, from, r, 0, 8);
      int i = 8;
      for (; i < n - (n % 8); i += 8) {
        for (int k = 0; k < 8; k++) {
          r[k] += a[from + i + k];
        }
      }
      double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
      for (; i < n; i++) {
        res += a[from + i];
      }
      return res;
    }
    int n2 = n / 2;
    n2 -= n2 % 8;
    return numpySum(a, from, n2) + numpySum(a, from + n2, n - n2);
  }
}
