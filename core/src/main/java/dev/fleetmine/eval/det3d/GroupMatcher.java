package dev.fleetmine.eval.det3d;

import java.util.Arrays;

/**
 * Greedy matching inside one (sample, category) group: the group's detections in ranking order against its
 * ground truth, through an affinity matrix computed once per group and reused by every threshold. One per
 * thread (it owns scratch buffers).
 */
final class GroupMatcher {
  private final Indexed data;
  private final Matching matching;
  private final double[] kittiThreshold;
  private final Outputs out;
  private final Clipper clip = new Clipper();
  private double[] aff = new double[64];
  private boolean[] taken = new boolean[16];

  /** Per threshold run: status, gt and affinity per detection, matched detection per ground truth. */
  record Outputs(byte[][] status, int[][] gt, double[][] affinity, int[][] gtMatch) {}

  GroupMatcher(Indexed data, Matching matching, double[] kittiThreshold, Outputs out) {
    this.data = data;
    this.matching = matching;
    this.kittiThreshold = kittiThreshold;
    this.out = out;
  }

  /** Matches detections {@code dets[d0..d1)} against ground truth {@code gts[g0..g1)} of one group. */
  void match(int[] dets, int d0, int d1, int[] gts, int g0, int g1) {
    int nd = d1 - d0;
    int ng = g1 - g0;
    if ((long) nd * ng > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("one (sample, category) bucket has " + nd + " detections and " + ng
          + " ground truth boxes; their pairs do not fit in one array");
    }
    if (aff.length < nd * ng) {
      aff = new double[Math.max(nd * ng, 2 * aff.length)];
    }
    if (taken.length < ng) {
      taken = new boolean[Math.max(ng, 2 * taken.length)];
    }
    fillAffinity(dets, d0, nd, gts, g0, ng);
    switch (matching) {
      case Matching.Kitti k -> kitti(dets, d0, nd, gts, g0, ng, kittiThreshold[data.detCat[dets[d0]]]);
      case Matching.NuScenes n -> {
        for (int t = 0; t < n.distances().size(); t++) {
          nuScenes(t, dets, d0, nd, gts, g0, ng, n.distances().get(t));
        }
      }
    }
  }

  private void fillAffinity(int[] dets, int d0, int nd, int[] gts, int g0, int ng) {
    BoxArrays db = data.detBoxes;
    BoxArrays gb = data.gtBoxes;
    boolean threeD = matching instanceof Matching.Kitti k && k.iou() == IouKind.IOU_3D;
    boolean distance = matching instanceof Matching.NuScenes;
    for (int a = 0; a < nd; a++) {
      int d = dets[d0 + a];
      for (int b = 0; b < ng; b++) {
        int g = gts[g0 + b];
        aff[a * ng + b] = distance ? db.centreDistance(d, gb, g)
            : threeD ? db.iou3d(d, gb, g, clip) : db.bevIou(d, gb, g, clip);
      }
    }
  }

  /**
   * KITTI style: each detection takes the untaken counted ground truth of highest IoU {@code >= thr} (first on
   * ties); failing that an untaken ignored one, which drops the detection; else it is a false positive.
   */
  private void kitti(int[] dets, int d0, int nd, int[] gts, int g0, int ng, double thr) {
    Arrays.fill(taken, 0, ng, false);
    for (int a = 0; a < nd; a++) {
      int d = dets[d0 + a];
      int best = -1;
      int bestIgnored = -1;
      int nearest = -1;
      double bestV = 0;
      double bestIgnoredV = 0;
      double nearestV = 0;
      for (int b = 0; b < ng; b++) {
        double v = aff[a * ng + b];
        if (v > nearestV) {
          nearest = b;
          nearestV = v;
        }
        if (taken[b] || !(v >= thr)) {
          continue;
        }
        if (data.gtIgnore[gts[g0 + b]]) {
          if (bestIgnored < 0 || v > bestIgnoredV) {
            bestIgnored = b;
            bestIgnoredV = v;
          }
        } else if (best < 0 || v > bestV) {
          best = b;
          bestV = v;
        }
      }
      if (best >= 0) {
        assign(0, d, ThresholdResult.TP, gts[g0 + best], bestV);
        taken[best] = true;
      } else if (bestIgnored >= 0) {
        assign(0, d, ThresholdResult.IGNORED, gts[g0 + bestIgnored], bestIgnoredV);
        taken[bestIgnored] = true;
      } else {
        out.status[0][d] = ThresholdResult.FP;
        out.gt[0][d] = nearest < 0 ? -1 : gts[g0 + nearest];
        out.affinity[0][d] = nearestV;
      }
    }
  }

  /**
   * nuScenes style (devkit {@code accumulate}): each detection takes the closest untaken counted ground truth
   * (first on ties) when its distance is {@code < dist}; ignored ground truth does not take part.
   */
  private void nuScenes(int t, int[] dets, int d0, int nd, int[] gts, int g0, int ng, double dist) {
    Arrays.fill(taken, 0, ng, false);
    for (int a = 0; a < nd; a++) {
      int d = dets[d0 + a];
      int min = -1;
      int nearest = -1;
      double minD = Double.POSITIVE_INFINITY;
      double nearestD = Double.POSITIVE_INFINITY;
      for (int b = 0; b < ng; b++) {
        if (data.gtIgnore[gts[g0 + b]]) {
          continue;
        }
        double v = aff[a * ng + b];
        if (v < nearestD) {
          nearest = b;
          nearestD = v;
        }
        if (!taken[b] && v < minD) {
          min = b;
          minD = v;
        }
      }
      if (min >= 0 && minD < dist) {
        assign(t, d, ThresholdResult.TP, gts[g0 + min], minD);
        taken[min] = true;
      } else {
        out.status[t][d] = ThresholdResult.FP;
        out.gt[t][d] = nearest < 0 ? -1 : gts[g0 + nearest];
        out.affinity[t][d] = nearest < 0 ? Double.NaN : nearestD;
      }
    }
  }

  private void assign(int t, int d, byte status, int g, double v) {
    out.status[t][d] = status;
    out.gt[t][d] = g;
    out.affinity[t][d] = v;
    out.gtMatch[t][g] = d;
  }
}
