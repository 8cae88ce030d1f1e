package dev.fleetmine.eval.coco;

import java.util.Arrays;

/**
 * Stable sort by score, highest first: an LSD radix sort on a 64-bit key, 16 bits per pass, passes
 * whose digit is the same for every key skipped. Equal scores (0.0 and -0.0 included, as numpy
 * compares them) keep their input order, which is what {@code np.argsort(-score, kind='mergesort')}
 * guarantees.
 */
final class ScoreOrder {
  private static final int BITS = 16;
  private static final int BUCKETS = 1 << BITS;

  private ScoreOrder() {}

  /** Returns {@code seq} reordered by {@code score[seq[i]]} descending, ties in {@code seq}'s order. */
  static int[] descending(int[] seq, double[] score) {
    int n = seq.length;
    long[] key = new long[n];
    for (int i = 0; i < n; i++) {
      key[i] = descendingKey(score[seq[i]]);
    }
    int[] src = seq.clone();
    long[] key2 = new long[n];
    int[] dst = new int[n];
    int[] start = new int[BUCKETS];
    for (int shift = 0; shift < 64 && n > 1; shift += BITS) {
      Arrays.fill(start, 0);
      for (int i = 0; i < n; i++) {
        start[(int) (key[i] >>> shift) & (BUCKETS - 1)]++;
      }
      if (start[(int) (key[0] >>> shift) & (BUCKETS - 1)] == n) {
        continue; // every key has this digit: the pass would not move anything
      }
      int sum = 0;
      for (int b = 0; b < BUCKETS; b++) {
        int c = start[b];
        start[b] = sum;
        sum += c;
      }
      for (int i = 0; i < n; i++) {
        int pos = start[(int) (key[i] >>> shift) & (BUCKETS - 1)]++;
        key2[pos] = key[i];
        dst[pos] = src[i];
      }
      long[] tk = key;
      key = key2;
      key2 = tk;
      int[] ts = src;
      src = dst;
      dst = ts;
    }
    return src;
  }

  /** A key whose unsigned ascending order is the scores' descending order (finite scores). */
  static long descendingKey(double score) {
    long bits = Double.doubleToRawLongBits(score + 0.0); // -0.0 + 0.0 is 0.0: one key for both zeros
    long ascending = bits ^ ((bits >> 63) | Long.MIN_VALUE);
    return ~ascending;
  }
}
