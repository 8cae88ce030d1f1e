package dev.fleetmine.eval.coco;

import java.util.Arrays;

/**
 * One category's evaluation: pycocotools' {@code computeIoU} and {@code evaluateImg} for every image
 * with a ground truth or detection of the category, on primitive arrays, then {@link CategoryCurves}
 * for its {@code accumulate}. One instance per thread: it owns scratch buffers that grow to the
 * largest image seen.
 *
 * <p>Per detection and area range it leaves two bit sets over the IoU thresholds in
 * {@link EvalArrays#detMask}: bit t set when the detection is a true positive at threshold t, bit
 * 16 + t when a false positive (neither when ignored); accumulation reads nothing else.
 */
final class CategoryEval {
  /** Bit of the false-positive flag at threshold t: {@code FP_SHIFT + t}. */
  static final int FP_SHIFT = 16;

  private final Indexed in;
  private final EvalArrays out;
  private final double[] thr;
  private final double[][] areaRng;
  private final int maxDet;
  private final int nt;
  private final int na;
  private final int[] npig;
  private final CategoryCurves curves;
  private final int allT;

  private int[] dets = new int[128];
  private double[] ious = new double[512];
  private int[] order = new int[32];
  private boolean[] taken = new boolean[32];
  private boolean[] orderedCrowd = new boolean[32];
  private double[] orderedIous = new double[512];
  private double[] bestIou = new double[128];
  private double[] detArea = new double[128];
  private int[] reachable = new int[128];
  private int[] candidates = new int[128];

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
    this.areaRng = CocoParams.areaRanges();
    this.na = areaRng.length;
    int[] maxDets = CocoParams.maxDets();
    this.maxDet = maxDets[maxDets.length - 1];
    this.npig = new int[na];
    this.allT = (1 << nt) - 1;
    this.curves = new CategoryCurves(in, out, nt, na);
    if (nt > FP_SHIFT) {
      throw new IllegalStateException("at most " + FP_SHIFT + " IoU thresholds");
    }
  }

  /** Evaluates category index k: every image with a ground truth or detection of it, then accumulates. */
  void run(int k) {
    Arrays.fill(npig, 0);
    int g = in.gtStart[k];
    int gEnd = in.gtStart[k + 1];
    int d = in.dtStart[k];
    int dEnd = in.dtStart[k + 1];
    if (g == gEnd && d == dEnd) {
      return; // no evalImgs entry at all: precision and recall stay -1
    }
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
    curves.accumulate(k, npig);
  }

  /** evaluateImg for one image at every area range and threshold (computeIoU done once for all). */
  private void image(int g0, int g1, int d0, int d1) {
    int ng = g1 - g0;
    int nd = d1 - d0;
    ensureImage(ng, nd);
    // already in evaluateImg's order: score descending, ties in input order
    System.arraycopy(in.dtOrder, d0, dets, 0, nd);
    int nD = Math.min(nd, maxDet);
    computeIous(g0, ng, nD);
    int nCand = prepareDetections(d0, nD);
    for (int a = 0; a < na; a++) {
      double lo = areaRng[a][0];
      double hi = areaRng[a][1];
      int nonIgnored = orderGts(g0, ng, lo, hi, nD);
      npig[a] += nonIgnored;
      for (int d = 0; d < nD; d++) {
        boolean outside = detArea[d] < lo || detArea[d] > hi;
        if (!outside) {
          // false positive at every threshold it cannot reach
          out.detMask[(d0 + d) * na + a] |= (allT & ~((1 << reachable[d]) - 1)) << FP_SHIFT;
        }
        if (a == 0 && reachable[d] == 0) {
          recordDetection(dets[d], -1, bestIou[d], outside ? EvalArrays.IGNORED : EvalArrays.FALSE_POSITIVE);
        }
      }
      // t outer, detections in score order inner, as pycocotools: "taken" is per threshold
      for (int t = 0; t < nt; t++) {
        Arrays.fill(taken, 0, ng, false);
        for (int c = 0; c < nCand; c++) {
          int d = candidates[c];
          if (t < reachable[d]) {
            match(g0, ng, nonIgnored, d0, d, a, t, lo, hi);
          }
        }
        if (a == 0 && t == 0) {
          recordGts(g0, ng, nonIgnored);
        }
        if (nCand == 0) {
          break;
        }
      }
    }
  }

  /**
   * Records each kept detection's rank, area (w*h, as loadRes sets it) and how many thresholds its
   * best IoU reaches (at the others it is unmatched without a scan); lists those reaching any as
   * candidates, in score order. Returns their number.
   */
  private int prepareDetections(int d0, int nD) {
    int nCand = 0;
    for (int d = 0; d < nD; d++) {
      int di = dets[d];
      out.detRank[d0 + d] = d;
      detArea[d] = in.dt.w[di] * in.dt.h[di];
      int reach = 0;
      if (bestIou[d] >= thr[0]) {
        while (reach < nt && thr[reach] <= bestIou[d]) {
          reach++;
        }
        candidates[nCand++] = d;
      }
      reachable[d] = reach;
    }
    return nCand;
  }

  /**
   * maskApi.c bbIou for the image's detections (score order) against its annotations (input order),
   * and each detection's best IoU.
   */
  private void computeIous(int g0, int ng, int nD) {
    Arrays.fill(bestIou, 0, nD, 0.0);
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
      double best = 0;
      for (int j = 0; j < ng; j++) {
        int gi = in.gtOrder[g0 + j];
        double v = BoxIou.bbIou(dx, dy, dw, dh, gt.x[gi], gt.y[gi], gt.w[gi], gt.h[gi], gt.crowd[gi]);
        ious[row + j] = v;
        best = Math.max(best, v);
      }
      bestIou[d] = best;
    }
  }

  /**
   * Orders the annotations for one area range as {@code np.argsort(gtIg, kind='mergesort')} does
   * (non-ignored first, input order kept; ignored = {@code iscrowd} or area outside [lo, hi]) and lays
   * out the IoUs of the detections that can match anything in that order. Returns the number not ignored.
   */
  private int orderGts(int g0, int ng, double lo, double hi, int nD) {
    CocoGroundTruth gt = in.gt;
    int p = 0;
    for (int j = 0; j < ng; j++) {
      int gi = in.gtOrder[g0 + j];
      double ar = gt.area[gi];
      if (!(gt.crowd[gi] || ar < lo || ar > hi)) {
        order[p++] = j;
      }
    }
    int nonIgnored = p;
    for (int j = 0; j < ng; j++) {
      int gi = in.gtOrder[g0 + j];
      double ar = gt.area[gi];
      if (gt.crowd[gi] || ar < lo || ar > hi) {
        order[p++] = j;
      }
    }
    for (p = 0; p < ng; p++) {
      orderedCrowd[p] = gt.crowd[in.gtOrder[g0 + order[p]]];
    }
    for (int d = 0; d < nD; d++) {
      if (reachable[d] > 0) {
        int row = d * ng;
        for (p = 0; p < ng; p++) {
          orderedIous[row + p] = ious[row + order[p]];
        }
      }
    }
    return nonIgnored;
  }

  /**
   * The greedy match of evaluateImg for detection d at threshold t, over annotations in scan order
   * (positions below {@code nonIgnored} are the non-ignored ones); records its tp/fp bit.
   */
  private void match(int g0, int ng, int nonIgnored, int d0, int d, int a, int t, double lo, double hi) {
    double iou = thr[t];
    int m = -1;
    int row = d * ng;
    // non-ignored annotations are never crowd: an already taken one is skipped
    for (int p = 0; p < nonIgnored; p++) {
      double v = orderedIous[row + p];
      if (!taken[p] && v >= iou) {
        iou = v;
        m = p;
      }
    }
    // pycocotools breaks at the first ignored annotation once a non-ignored match exists
    if (m < 0) {
      for (int p = nonIgnored; p < ng; p++) {
        double v = orderedIous[row + p];
        if ((!taken[p] || orderedCrowd[p]) && v >= iou) {
          iou = v;
          m = p;
        }
      }
    }
    boolean dtIg = false;
    // dtMatches holds the gt's id and accumulate tests it for non-zero: an annotation with id 0
    // counts as unmatched there, which we reproduce
    boolean matched = false;
    int gi = -1;
    if (m >= 0) {
      taken[m] = true;
      dtIg = m >= nonIgnored;
      gi = in.gtOrder[g0 + order[m]];
      matched = in.gt.id[gi] != 0;
    }
    if (!matched) {
      dtIg |= detArea[d] < lo || detArea[d] > hi;
    }
    if (!dtIg) {
      out.detMask[(d0 + d) * na + a] |= matched ? 1 << t : 1 << (FP_SHIFT + t);
    }
    if (a == 0 && t == 0) {
      recordDetection(dets[d], gi, m >= 0 ? orderedIous[row + m] : bestIou[d], dtIg ? EvalArrays.IGNORED
          : matched ? EvalArrays.TRUE_POSITIVE : EvalArrays.FALSE_POSITIVE);
    }
  }

  /** Outcome at IoU 0.5, area all: kind, matched annotation (-1: none) and IoU (else the best of any). */
  private void recordDetection(int di, int gi, double iou, byte kind) {
    out.detKind[di] = kind;
    out.detMatch[di] = gi;
    out.detIou[di] = iou;
  }

  /** Annotation states at IoU 0.5, area all, 100 detections (after every detection was matched). */
  private void recordGts(int g0, int ng, int nonIgnored) {
    for (int p = 0; p < ng; p++) {
      out.gtState[in.gtOrder[g0 + order[p]]] = p >= nonIgnored ? EvalArrays.GT_IGNORED
          : taken[p] ? EvalArrays.GT_MATCHED : EvalArrays.GT_MISSED;
    }
  }

  private void ensureImage(int ng, int nd) {
    if (dets.length < nd) {
      int c = Math.max(nd, dets.length * 2);
      dets = new int[c];
      bestIou = new double[c];
      detArea = new double[c];
      reachable = new int[c];
      candidates = new int[c];
    }
    int cells = Math.min(nd, maxDet) * ng;
    if (ious.length < cells) {
      ious = new double[Math.max(cells, ious.length * 2)];
      orderedIous = new double[ious.length];
    }
    if (order.length < ng) {
      int c = Math.max(ng, order.length * 2);
      order = new int[c];
      taken = new boolean[c];
      orderedCrowd = new boolean[c];
    }
  }
}
