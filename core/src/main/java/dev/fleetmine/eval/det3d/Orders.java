package dev.fleetmine.eval.det3d;

/** Index sorts on primitive columns: by descending score, and stable bucketing by (sample, category). */
final class Orders {
  private Orders() {}

  /**
   * Indices {@code 0..n-1} by descending score; ties keep input order, or reverse input order when
   * {@code laterFirstOnTies} (the devkit's {@code sorted((v, i) ...)[::-1]}).
   */
  static int[] byScoreDescending(double[] score, boolean laterFirstOnTies) {
    int n = score.length;
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = laterFirstOnTies ? n - 1 - i : i;
    }
    int[] b = new int[n];
    // bottom-up stable merge sort: the initial order decides ties
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(lo + width, n);
        int hi = Math.min(lo + 2 * width, n);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
          b[k++] = score[a[j]] > score[a[i]] ? a[j++] : a[i++];
        }
        while (i < mid) {
          b[k++] = a[i++];
        }
        while (j < hi) {
          b[k++] = a[j++];
        }
      }
      int[] t = a;
      a = b;
      b = t;
    }
    return a;
  }

  /** {@code order} stably regrouped by (sample, category): two counting-sort passes, category first. */
  static int[] bySampleAndCategory(int[] order, int[] cat, int cats, int[] sample, int samples) {
    return stableBy(stableBy(order, cat, cats), sample, samples);
  }

  private static int[] stableBy(int[] order, int[] key, int keys) {
    int[] start = new int[keys + 1];
    for (int i : order) {
      start[key[i] + 1]++;
    }
    for (int k = 0; k < keys; k++) {
      start[k + 1] += start[k];
    }
    int[] out = new int[order.length];
    for (int i : order) {
      out[start[key[i]]++] = i;
    }
    return out;
  }
}
