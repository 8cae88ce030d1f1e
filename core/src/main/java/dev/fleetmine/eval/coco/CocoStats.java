package dev.fleetmine.eval.coco;

/**
 * The 12 numbers of {@code COCOeval.summarize()} for boxes, in pycocotools' order ({@code stats[0..11]}).
 * Each is the mean, over the selected cells of the precision (or recall) array whose value is not -1,
 * computed with numpy's pairwise summation; -1 when no cell qualifies.
 *
 * @param ap       AP at IoU .50:.05:.95, area all, 100 detections
 * @param ap50     AP at IoU .50
 * @param ap75     AP at IoU .75
 * @param apSmall  AP, area small (&lt;= 32^2)
 * @param apMedium AP, area medium (32^2 .. 96^2)
 * @param apLarge  AP, area large (&gt;= 96^2)
 * @param ar1      AR with 1 detection per image
 * @param ar10     AR with 10
 * @param ar100    AR with 100
 * @param arSmall  AR, area small, 100 detections
 * @param arMedium AR, area medium
 * @param arLarge  AR, area large
 */
public record CocoStats(double ap, double ap50, double ap75, double apSmall, double apMedium, double apLarge,
    double ar1, double ar10, double ar100, double arSmall, double arMedium, double arLarge) {

  /** The 12 values in pycocotools' {@code stats} order. */
  public double[] toArray() {
    return new double[] {ap, ap50, ap75, apSmall, apMedium, apLarge, ar1, ar10, ar100, arSmall, arMedium,
        arLarge};
  }

  /** {@code _summarizeDets}: the 12 means over the accumulated arrays. */
  static CocoStats summarize(EvalArrays e) {
    double[] thr = CocoParams.iouThresholds();
    int all = 0;
    int last = e.m - 1;
    double[] buf = new double[e.t * e.r * e.k];
    return new CocoStats(
        mean(e, true, null, all, last, buf),
        mean(e, true, at(thr, .5), all, last, buf),
        mean(e, true, at(thr, .75), all, last, buf),
        mean(e, true, null, 1, last, buf),
        mean(e, true, null, 2, last, buf),
        mean(e, true, null, 3, last, buf),
        mean(e, false, null, all, 0, buf),
        mean(e, false, null, all, 1, buf),
        mean(e, false, null, all, last, buf),
        mean(e, false, null, 1, last, buf),
        mean(e, false, null, 2, last, buf),
        mean(e, false, null, 3, last, buf));
  }

  /** {@code np.where(iouThr == p.iouThrs)[0]}: exact comparison, as in pycocotools. */
  private static int[] at(double[] thr, double value) {
    int c = 0;
    for (double v : thr) {
      c += v == value ? 1 : 0;
    }
    int[] idx = new int[c];
    c = 0;
    for (int i = 0; i < thr.length; i++) {
      if (thr[i] == value) {
        idx[c++] = i;
      }
    }
    return idx;
  }

  /**
   * {@code np.mean(s[s > -1])} over the selection, visiting cells in numpy's C order (t, r, k for
   * precision; t, k for recall) because the pairwise sum depends on order.
   */
  private static double mean(EvalArrays e, boolean precision, int[] ts, int a, int m, double[] buf) {
    int n = 0;
    int tCount = ts == null ? e.t : ts.length;
    for (int ti = 0; ti < tCount; ti++) {
      int t = ts == null ? ti : ts[ti];
      if (precision) {
        for (int r = 0; r < e.r; r++) {
          for (int k = 0; k < e.k; k++) {
            double v = e.precision[e.precisionIndex(t, r, k, a, m)];
            if (v > -1) {
              buf[n++] = v;
            }
          }
        }
      } else {
        for (int k = 0; k < e.k; k++) {
          double v = e.recall[e.recallIndex(t, k, a, m)];
          if (v > -1) {
            buf[n++] = v;
          }
        }
      }
    }
    return n == 0 ? -1 : NumpyMath.mean(buf, n);
  }
}
