package dev.fleetmine.vector.embed;

import java.util.Arrays;

/**
 * Exact brute-force k nearest neighbours by cosine similarity over unit vectors (a dot product): the
 * ground truth an approximate index is measured against, and fast enough for a few thousand queries.
 */
public final class ExactKnn {
  private ExactKnn() {}

  /** Dot product of two vectors of the same length. */
  public static float dot(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("vectors of different lengths: " + a.length + " and " + b.length);
    }
    float s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /**
   * Indices of the {@code k} vectors of {@code pool} most similar to {@code query}, best first (ties by
   * lower index), skipping those {@code skip} rejects.
   */
  public static int[] nearest(float[] query, float[][] pool, int k, java.util.function.IntPredicate skip) {
    int[] best = new int[k];
    float[] sims = new float[k];
    Arrays.fill(sims, Float.NEGATIVE_INFINITY);
    int n = 0;
    for (int i = 0; i < pool.length; i++) {
      if (skip.test(i)) {
        continue;
      }
      float s = dot(query, pool[i]);
      if (n < k) {
        n++;
      } else if (s <= sims[k - 1]) {
        continue;
      }
      // insertion into the sorted top k keeps the hot loop allocation-free
      int j = n - 1;
      while (j > 0 && sims[j - 1] < s) {
        sims[j] = sims[j - 1];
        best[j] = best[j - 1];
        j--;
      }
      sims[j] = s;
      best[j] = i;
    }
    return Arrays.copyOf(best, n);
  }
}
