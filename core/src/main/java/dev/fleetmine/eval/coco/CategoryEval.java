package dev.fleetmine.eval.coco;

import java.util.Arrays;

/**
 * One category's evaluation, a line-by-line equivalent of pycocotools' {@code computeIoU},
 * {@code evaluateImg} and {@code accumulate} restricted to that category, on primitive arrays. One
 * instance per thread: it owns scratch buffers that grow to the largest image and category seen.
 *
 * <p>Per detection and area range it keeps two bit sets over the IoU thresholds: bit t set when the
 * detection is a true positive at threshold t, bit 16 + t when a false positive (neither when
 * ignored); accumulation reads nothing else.
 */
final class CategoryEval {
  /** {@code np.spacing(1)}. */
  private static final double EPS = Math.ulp(1.0);
  private static final int FP_SHIFT = 16;

  private final Indexed in;
  private final EvalArrays out;
  private final double[] thr;
  private final double[] recThrs;
  private final double[][] areaRng;
  private final int[] maxDets;
  private final int maxDet;
  private final int nt;
  private final int na;
  private final int[] npig;

  private int[] dets = new int[128];
  private int[] sortTmp = new int[128];
  private double[] ious = new double[512];
  private boolean[] ignore = new boolean[32];
  private int[] order = new int[32];
  private boolean[] taken = new boolean[32];

  private int n;
  private double[] evalScore = new double[0];
  private int[] evalRank = new int[0];
  private int[] evalMask = new int[0];
  private int[] perm = new int[0];
  private int[] permTmp = new int[0];
  private int[] list = new int[0];
  private double[] pr = new double[0];
  private double[] rc = new double[0];

  CategoryEval(Indexed in, EvalArrays out) {
    this.in = in;
    this.out = out;
    double[] iouThrs = CocoParams.iouThresholds();
    this.nt = iouThrs.length;
    this.thr = new double[nt];
    for (int t = 0; t < nt; t++) {
      // evaluateImg starts each search at min([t, 1-1e-10]): an IoU of exactly 1 must still match at 1.0
      thr[t] = Math.min(iouThrs[t], 1 - 1e-10);
    }
    this.recThrs = CocoParams.recallThresholds();
    this.areaRng = CocoParams.areaRanges();
    this.na = areaRng.length;
    this.maxDets = CocoParams.maxDets();
    this.maxDet = maxDets[maxDets.length - 1];
    this.npig = new int[na];
  }

  /** Evaluates category index k: every image with a ground truth or detection of it, then accumulates. */
  void run(int k) {
    n = 0;
    Arrays.fill(npig, 0);
    int g = in.gtStart[k];
    int gEnd = in.gtStart[k + 1];
    int d = in.dtStart[k];
    int dEnd = in.dtStart[k + 1];
    if (g == gEnd && d == dEnd) {
      return; // no evalImgs entry at all: precision and recall stay -1
    }
    ensureCategory(dEnd - d);
    while (g < gEnd || d < dEnd) {
      int gi = g < gEnd ? in.gtImage[in.gtOrder[g]] : Integer.MAX_VALUE;
      int di = d < dEnd ? in.dtImage[in.dtOrder[d]] : Integer.MAX_VALUE;
      int img = Math.min(gi, di);
      int g1 = g;
      while (g1 < gEnd && in.gtImage[in.gtOrder[g1]] == img) {
        g1++;
      }
      int d1 = d;
      while (d1 < dEnd && in.dtImage[in.dtOrder[d1]] == img) {
        d1++;
      }
      image(g, g1, d, d1);
      g = g1;
      d = d1;
    }
    accumulate(k);
  }

  /** evaluateImg for one image at every area range and threshold (computeIoU done once for all). */
  private void image(int g0, int g1, int d0, int d1) {
    int ng = g1 - g0;
    int nd = d1 - d0;
    ensureImage(ng, nd);
    System.arraycopy(in.dtOrder, d0, dets, 0, nd);
    StableSort.byKeyDescending(dets, 0, nd, in.dt.score, sortTmp);
    int nD = Math.min(nd, maxDet);
    computeIous(g0, ng, nD);
    int base = n;
    for (int d = 0; d < nD; d++) {
      evalScore[base + d] = in.dt.score[dets[d]];
      evalRank[base + d] = d;
    }
    Arrays.fill(evalMask, base * na, (base + nD) * na, 0);
    n += nD;
    for (int a = 0; a < na; a++) {
      double lo = areaRng[a][0];
      double hi = areaRng[a][1];
      int nonIgnored = orderGts(g0, ng, lo, hi);
      npig[a] += nonIgnored;
      for (int t = 0; t < nt; t++) {
        Arrays.fill(taken, 0, ng, false);
        for (int d = 0; d < nD; d++) {
          match(g0, ng, d, base, a, t, lo, hi);
        }
        if (a == 0 && t == 0) {
          recordGts(g0, ng);
        }
      }
    }
  }

  /** maskApi.c bbIou for the image's detections (score order) against its annotations (input order). */
  private void computeIous(int g0, int ng, int nD) {
    if (ng == 0 || nD == 0) {
      return;
    }
    CocoGroundTruth gt = in.gt;
    CocoDetections dt = in.dt;
    for (int d = 0; d < nD; d++) {
      int di = dets[d];
      double dx = dt.x[di];
      double dy = dt.y[di];
      double dw = dt.w[di];
      double dh = dt.h[di];
      int row = d * ng;
      for (int j = 0; j < ng; j++) {
        int gi = in.gtOrder[g0 + j];
        ious[row + j] = bbIou(dx, dy, dw, dh, gt.x[gi], gt.y[gi], gt.w[gi], gt.h[gi], gt.crowd[gi]);
      }
    }
  }

  /** maskApi.c bbIou for one pair, in its arithmetic order; a crowd box divides by the detection's area. */
  static double bbIou(double dx, double dy, double dw, double dh, double gx, double gy, double gw, double gh,
      boolean crowd) {
    double ga = gw * gh;
    double da = dw * dh;
    double w = Math.min(dw + dx, gw + gx) - Math.max(dx, gx);
    if (w <= 0) {
      return 0;
    }
    double h = Math.min(dh + dy, gh + gy) - Math.max(dy, gy);
    if (h <= 0) {
      return 0;
    }
    double i = w * h;
    double u = crowd ? da : da + ga - i;
    return i / u;
  }

  /**
   * Sets the area range's ignore flags ({@code iscrowd} or area outside [lo, hi]) and the scan order
   * (stable: non-ignored first, as {@code np.argsort(gtIg, kind='mergesort')}); returns how many are
   * not ignored.
   */
  private int orderGts(int g0, int ng, double lo, double hi) {
    CocoGroundTruth gt = in.gt;
    int p = 0;
    for (int j = 0; j < ng; j++) {
      int gi = in.gtOrder[g0 + j];
      double ar = gt.area[gi];
      boolean ign = gt.crowd[gi] || ar < lo || ar > hi;
      ignore[j] = ign;
      if (!ign) {
        order[p++] = j;
      }
    }
    int nonIgnored = p;
    for (int j = 0; j < ng; j++) {
      if (ignore[j]) {
        order[p++] = j;
      }
    }
    return nonIgnored;
  }

  /** The greedy match of evaluateImg for detection d at threshold t; records its tp/fp bit. */
  private void match(int g0, int ng, int d, int base, int a, int t, double lo, double hi) {
    double iou = thr[t];
    int m = -1;
    int row = d * ng;
    for (int p = 0; p < ng; p++) {
      int j = order[p];
      if (taken[j] && !in.gt.crowd[in.gtOrder[g0 + j]]) {
        continue;
      }
      if (m > -1 && !ignore[m] && ignore[j]) {
        break;
      }
      double v = ious[row + j];
      if (v < iou) {
        continue;
      }
      iou = v;
      m = j;
    }
    int di = dets[d];
    boolean dtIg = false;
    // dtMatches holds the gt's id and accumulate tests it for non-zero: an annotation with id 0
    // counts as unmatched there, which we reproduce
    boolean matched = false;
    if (m >= 0) {
      taken[m] = true;
      dtIg = ignore[m];
      matched = in.gt.id[in.gtOrder[g0 + m]] != 0;
    }
    if (!matched) {
      double ar = in.dt.w[di] * in.dt.h[di];
      dtIg |= ar < lo || ar > hi;
    }
    if (!dtIg) {
      evalMask[(base + d) * na + a] |= matched ? 1 << t : 1 << (FP_SHIFT + t);
    }
    if (a == 0 && t == 0) {
      recordDetection(di, d, ng, g0, m, dtIg ? EvalArrays.IGNORED
          : matched ? EvalArrays.TRUE_POSITIVE : EvalArrays.FALSE_POSITIVE);
    }
  }

  /** Outcome at IoU 0.5, area all: kind, matched annotation, and its IoU (else the best IoU of any). */
  private void recordDetection(int di, int d, int ng, int g0, int m, byte kind) {
    out.detKind[di] = kind;
    int row = d * ng;
    if (m >= 0) {
      out.detMatch[di] = in.gtOrder[g0 + m];
      out.detIou[di] = ious[row + m];
    } else {
      double best = 0;
      for (int j = 0; j < ng; j++) {
        best = Math.max(best, ious[row + j]);
      }
      out.detIou[di] = best;
    }
  }

  /** Annotation states at IoU 0.5, area all, 100 detections (after every detection was matched). */
  private void recordGts(int g0, int ng) {
    for (int j = 0; j < ng; j++) {
      out.gtState[in.gtOrder[g0 + j]] = ignore[j] ? EvalArrays.GT_IGNORED
          : taken[j] ? EvalArrays.GT_MATCHED : EvalArrays.GT_MISSED;
    }
  }

  /**
   * accumulate for this category: detections of all images sorted once by score (stable, so ties keep
   * image then rank order, as the concatenation in pycocotools), then for each detection cap, area and
   * threshold the cumulative tp/fp, recall, precision envelope and the 101 recall-threshold samples.
   */
  private void accumulate(int k) {
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    StableSort.byKeyDescending(perm, 0, n, evalScore, permTmp);
    for (int mi = 0; mi < maxDets.length; mi++) {
      int cap = maxDets[mi];
      int len = 0;
      for (int i = 0; i < n; i++) {
        int e = perm[i];
        if (evalRank[e] < cap) {
          list[len++] = e;
        }
      }
      for (int a = 0; a < na; a++) {
        if (npig[a] == 0) {
          continue;
        }
        for (int t = 0; t < nt; t++) {
          curve(k, a, mi, t, len);
        }
      }
    }
  }

  /** One precision/recall curve: {@code list[0..len)} in score order at area a, threshold t. */
  private void curve(int k, int a, int mi, int t, int len) {
    double npigD = npig[a];
    int tpBit = 1 << t;
    int fpBit = 1 << (FP_SHIFT + t);
    int tp = 0;
    int fp = 0;
    for (int i = 0; i < len; i++) {
      int bits = evalMask[list[i] * na + a];
      if ((bits & tpBit) != 0) {
        tp++;
      } else if ((bits & fpBit) != 0) {
        fp++;
      }
      rc[i] = tp / npigD;
      pr[i] = tp / ((double) (fp + tp) + EPS);
    }
    out.recall[out.recallIndex(t, k, a, mi)] = len > 0 ? rc[len - 1] : 0;
    for (int i = len - 1; i > 0; i--) {
      if (pr[i] > pr[i - 1]) {
        pr[i - 1] = pr[i];
      }
    }
    // np.searchsorted(rc, recThrs, side='left') as a merge walk (both ascending); past the end the
    // IndexError in pycocotools leaves the remaining samples at 0
    int p = 0;
    for (int r = 0; r < recThrs.length; r++) {
      while (p < len && rc[p] < recThrs[r]) {
        p++;
      }
      out.precision[out.precisionIndex(t, r, k, a, mi)] = p < len ? pr[p] : 0;
    }
  }

  private void ensureImage(int ng, int nd) {
    if (dets.length < nd) {
      dets = new int[Math.max(nd, dets.length * 2)];
      sortTmp = new int[dets.length];
    }
    int cells = Math.min(nd, maxDet) * ng;
    if (ious.length < cells) {
      ious = new double[Math.max(cells, ious.length * 2)];
    }
    if (ignore.length < ng) {
      int c = Math.max(ng, ignore.length * 2);
      ignore = new boolean[c];
      order = new int[c];
      taken = new boolean[c];
    }
  }

  private void ensureCategory(int detections) {
    if (evalScore.length < detections) {
      int c = Math.max(detections, evalScore.length + evalScore.length / 2);
      evalScore = new double[c];
      evalRank = new int[c];
      evalMask = new int[c * na];
      perm = new int[c];
      permTmp = new int[c];
      list = new int[c];
      pr = new double[c];
      rc = new double[c];
    }
  }
}
