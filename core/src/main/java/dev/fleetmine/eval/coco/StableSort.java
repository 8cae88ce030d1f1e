package dev.fleetmine.eval.coco;

/**
 * Stable sort of int indices by a double key, highest first: what
 * {@code np.argsort(-score, kind='mergesort')} does (equal keys, including 0.0 and -0.0, keep their input
 * order). Insertion sort on runs of 32, then bottom-up merges; no boxing.
 */
final class StableSort {
  private static final int RUN = 32;

  private StableSort() {}

  /**
   * Sorts {@code a[from..to)} so that {@code key[a[i]]} is non-increasing, ties in input order.
   *
   * @param tmp scratch of length at least {@code to - from}
   */
  static void byKeyDescending(int[] a, int from, int to, double[] key, int[] tmp) {
    int n = to - from;
    for (int lo = from; lo < to; lo += RUN) {
      insertion(a, lo, Math.min(lo + RUN, to), key);
    }
    if (n <= RUN) {
      return;
    }
    int[] src = a;
    int[] dst = tmp;
    int srcOff = from;
    int dstOff = 0;
    for (int width = RUN; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(lo + width, n);
        int hi = Math.min(lo + 2 * width, n);
        merge(src, srcOff, lo, mid, hi, dst, dstOff, key);
      }
      int[] s = src;
      src = dst;
      dst = s;
      int o = srcOff;
      srcOff = dstOff;
      dstOff = o;
    }
    if (src != a) {
      System.arraycopy(src, srcOff, a, from, n);
    }
  }

  private static void insertion(int[] a, int lo, int hi, double[] key) {
    for (int i = lo + 1; i < hi; i++) {
      int v = a[i];
      double kv = key[v];
      int j = i - 1;
      // strict comparison: an equal key never moves ahead of an earlier one
      while (j >= lo && key[a[j]] < kv) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = v;
    }
  }

  private static void merge(int[] src, int srcOff, int lo, int mid, int hi, int[] dst, int dstOff,
      double[] key) {
    int i = lo;
    int j = mid;
    int k = lo;
    while (i < mid && j < hi) {
      int l = src[srcOff + i];
      int r = src[srcOff + j];
      // take the right run's element only when strictly higher: ties keep the left (earlier) one first
      if (key[r] > key[l]) {
        dst[dstOff + k++] = r;
        j++;
      } else {
        dst[dstOff + k++] = l;
        i++;
      }
    }
    while (i < mid) {
      dst[dstOff + k++] = src[srcOff + i++];
    }
    while (j < hi) {
      dst[dstOff + k++] = src[srcOff + j++];
    }
  }
}
