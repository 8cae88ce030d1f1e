package dev.fleetmine.eval;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Percentile bootstrap confidence intervals that resample whole logs.
 *
 * <p>Frames of one log are strongly correlated (the same weather, road, traffic, often the same
 * objects for seconds), so resampling frames or boxes would pretend there is far more independent
 * evidence than there is and flag noise as a regression. The unit of resampling is therefore the log:
 * each replicate draws as many logs as there are, with replacement, and recomputes the statistic on
 * that multiset (a log drawn twice counts twice).
 */
public final class Bootstrap {
  /** Replicates used when the caller does not say. */
  public static final int DEFAULT_REPLICATES = 1000;

  private Bootstrap() {}

  /**
   * A point estimate with its confidence interval.
   *
   * @param estimate the statistic on the logs as they are
   * @param lo       lower end of the interval
   * @param hi       upper end of the interval
   * @param level    the interval's confidence level, e.g. 0.95
   */
  public record Interval(double estimate, double lo, double hi, double level) {
    /** Whether the whole interval lies below zero (for a difference new - old: a regression). */
    public boolean below(double value) {
      return hi < value;
    }

    /** Whether the whole interval lies above {@code value}. */
    public boolean above(double value) {
      return lo > value;
    }
  }

  /**
   * The percentile interval of {@code statistic} over log resamples.
   *
   * @param logCount   number of logs (indices 0..logCount-1)
   * @param statistic  the statistic of a resample, given how many times each log was drawn; must not
   *                   keep the array
   * @param replicates number of resamples (NaN results are dropped, e.g. a resample without any ground
   *                   truth of a class)
   * @param level      confidence level in (0, 1)
   * @param seed       random seed: the same seed gives the same interval
   */
  public static Interval overLogs(int logCount, ToDoubleFunction<int[]> statistic, int replicates, double level, long seed) {
    if (logCount <= 0) {
      throw new IllegalArgumentException("bootstrap needs at least one log");
    }
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("confidence level must be in (0, 1), got " + level);
    }
    int[] weights = new int[logCount];
    Arrays.fill(weights, 1);
    double estimate = statistic.applyAsDouble(weights);
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[replicates];
    int n = 0;
    for (int r = 0; r < replicates; r++) {
      Arrays.fill(weights, 0);
      for (int i = 0; i < logCount; i++) {
        weights[random.nextInt(logCount)]++;
      }
      double v = statistic.applyAsDouble(weights);
      if (!Double.isNaN(v)) {
        values[n++] = v;
      }
    }
    if (n == 0) {
      return new Interval(estimate, Double.NaN, Double.NaN, level);
    }
    Arrays.sort(values, 0, n);
    double alpha = (1 - level) / 2;
    return new Interval(estimate, quantile(values, n, alpha), quantile(values, n, 1 - alpha), level);
  }

  /** Linear-interpolated quantile of the first {@code n} sorted values (numpy's default method). */
  static double quantile(double[] sorted, int n, double q) {
    double pos = q * (n - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(n - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
