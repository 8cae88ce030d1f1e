package dev.fleetmine.eval.coco;

import java.util.Arrays;

/**
 * pycocotools' {@code accumulate} for one category, from the per-detection outcome bits that
 * {@link CategoryEval} leaves (bit t: true positive at threshold t; bit 16 + t: false positive; neither:
 * ignored). Writes the category's cells of the precision and recall arrays. One instance per thread.
 */
final class CategoryCurves {
  /** {@code np.spacing(1)}. */
  private static final double EPS = Math.ulp(1.0);

  private final Indexed in;
  private final EvalArrays out;
  private final int nt;
  private final int na;
  private final int[] maxDets = CocoParams.maxDets();
  private final double[] recThrs = CocoParams.recallThresholds();
  private final int[] kept;
  private final int[] fpAlways;
  private int[] keptBits = new int[0];
  private int[] keptFpBefore = new int[0];
  private double[] pr = new double[0];

  CategoryCurves(Indexed in, EvalArrays out, int nt, int na) {
    this.in = in;
    this.out = out;
    this.nt = nt;
    this.na = na;
    this.kept = new int[na];
    this.fpAlways = new int[na];
  }

  /**
   * accumulate for this category: its detections in {@link Indexed#dtRanked} order (score, then image,
   * then rank: pycocotools' stable sort of the per-image lists), then for each detection cap one pass
   * that keeps, per area range, only the detections whose outcome depends on the threshold (a
   * detection that is a false positive at every threshold just adds to a running count), then one
   * precision/recall curve per area range and threshold over those.
   */
  void accumulate(int k, int[] npig) {
    int from = in.dtStart[k];
    int n = in.dtStart[k + 1] - from;
    ensure(n);
    int[] ranked = in.dtRankedPos;
    int[] rank = out.detRank;
    int[] mask = out.detMask;
    int fpEverywhere = ((1 << nt) - 1) << CategoryEval.FP_SHIFT;
    for (int mi = 0; mi < maxDets.length; mi++) {
      int cap = maxDets[mi];
      int len = 0;
      Arrays.fill(kept, 0);
      Arrays.fill(fpAlways, 0);
      for (int i = from; i < from + n; i++) {
        int e = ranked[i];
        if (rank[e] >= cap) {
          continue;
        }
        len++;
        for (int a = 0; a < na; a++) {
          int bits = mask[e * na + a];
          if (bits == fpEverywhere) {
            fpAlways[a]++;
          } else if (bits != 0) {
            int slot = a * n + kept[a]++;
            keptBits[slot] = bits;
            keptFpBefore[slot] = fpAlways[a];
          }
        }
      }
      for (int a = 0; a < na; a++) {
        if (npig[a] == 0) {
          continue;
        }
        for (int t = 0; t < nt; t++) {
          curve(k, a, mi, t, len, n, npig[a]);
        }
      }
    }
  }

  /**
   * One precision/recall curve at area a, threshold t, from the kept detections of the current cap
   * ({@code len} detections in all, ignored ones included).
   *
   * <p>pycocotools computes {@code rc} and {@code pr} at every detection, takes the right-to-left
   * maximum of pr and samples it at {@code searchsorted(rc, recThrs, 'left')}. Computed here only at
   * true positives, with the same doubles: rc rises only at a true positive, so every sampled index
   * with r &gt; 0 is one; pr at a false positive or ignored detection never exceeds pr at the true
   * positive before it (or 0 before the first), so the maximum is always attained at a true positive;
   * and r = 0 samples index 0, whose envelope is the overall maximum.
   */
  private void curve(int k, int a, int mi, int t, int len, int n, int npig) {
    double npigD = npig;
    int tpBit = 1 << t;
    int fpBit = 1 << (CategoryEval.FP_SHIFT + t);
    int tp = 0;
    int fpMixed = 0;
    int from = a * n;
    int to = from + kept[a];
    for (int s = from; s < to; s++) {
      int bits = keptBits[s];
      if ((bits & tpBit) != 0) {
        tp++;
        // false positives before it: those at every threshold, plus those at this one only
        pr[tp - 1] = tp / ((double) (keptFpBefore[s] + fpMixed + tp) + EPS);
      } else if ((bits & fpBit) != 0) {
        fpMixed++;
      }
    }
    out.recall[out.recallIndex(t, k, a, mi)] = len > 0 ? tp / npigD : 0;
    for (int i = tp - 1; i > 0; i--) {
      if (pr[i] > pr[i - 1]) {
        pr[i - 1] = pr[i];
      }
    }
    // walk the k-th true positives (rc = k / npig) against the ascending recall thresholds; past the
    // last one the IndexError in pycocotools leaves the remaining samples at 0
    int kth = 1;
    for (int r = 0; r < recThrs.length; r++) {
      while (kth <= tp && kth / npigD < recThrs[r]) {
        kth++;
      }
      out.precision[out.precisionIndex(t, r, k, a, mi)] = kth <= tp ? pr[kth - 1] : 0;
    }
  }

  private void ensure(int n) {
    if (pr.length < n) {
      int c = Math.max(n, pr.length + pr.length / 2);
      keptBits = new int[c * na];
      keptFpBefore = new int[c * na];
      pr = new double[c];
    }
  }
}
