package dev.fleetmine.eval.det3d;

import java.util.List;

/**
 * Average precision of one category at one threshold, with the counts behind it and its curves.
 *
 * <p>{@link #ap()} is KITTI's R40 AP for {@link Matching.Kitti} and the devkit's {@code calc_ap} for
 * {@link Matching.NuScenes}; {@link #ap11()} is the 11-point AP (KITTI only, NaN for nuScenes).
 * {@link #precisionGrid()} is the interpolated precision at {@link #recallGrid()}: the 40 R40 points, or the
 * devkit's 101 resampled points. A category without counted ground truth has AP 0.
 */
public final class CategoryAp {
  private final String category;
  private final double threshold;
  private final int positives;
  private final int truePositives;
  private final int falsePositives;
  private final double ap;
  private final double ap11;
  private final double[] recallGrid;
  private final double[] precisionGrid;
  private final int[] ranking;
  private final byte[] status;
  private final List<Detection> detections;

  CategoryAp(String category, double threshold, int positives, int truePositives, int falsePositives, double ap,
      double ap11, double[] recallGrid, double[] precisionGrid, int[] ranking, byte[] status,
      List<Detection> detections) {
    this.category = category;
    this.threshold = threshold;
    this.positives = positives;
    this.truePositives = truePositives;
    this.falsePositives = falsePositives;
    this.ap = ap;
    this.ap11 = ap11;
    this.recallGrid = recallGrid;
    this.precisionGrid = precisionGrid;
    this.ranking = ranking;
    this.status = status;
    this.detections = detections;
  }

  /** The category. */
  public String category() {
    return category;
  }

  /** The IoU threshold (KITTI) or centre-distance threshold in metres (nuScenes). */
  public double threshold() {
    return threshold;
  }

  /** Counted ground truth (not ignored). */
  public int positives() {
    return positives;
  }

  /** Detections matched to counted ground truth. */
  public int truePositives() {
    return truePositives;
  }

  /** Detections that matched nothing. */
  public int falsePositives() {
    return falsePositives;
  }

  /** Counted ground truth no detection matched. */
  public int falseNegatives() {
    return positives - truePositives;
  }

  /** AP: R40 (KITTI) or {@code calc_ap} (nuScenes). */
  public double ap() {
    return ap;
  }

  /** 11-point interpolated AP (KITTI), NaN for nuScenes. */
  public double ap11() {
    return ap11;
  }

  /** The recall values AP samples precision at. */
  public double[] recallGrid() {
    return recallGrid.clone();
  }

  /** Interpolated precision at each {@link #recallGrid()} value. */
  public double[] precisionGrid() {
    return precisionGrid.clone();
  }

  /** The raw curve, one point per counted detection in ranking order (built on each call). */
  public PrCurve curve() {
    int n = ranking.length;
    double[] scores = new double[n];
    double[] recall = new double[n];
    double[] precision = new double[n];
    int tp = 0;
    for (int i = 0; i < n; i++) {
      int d = ranking[i];
      tp += status[d] == ThresholdResult.TP ? 1 : 0;
      scores[i] = detections.get(d).score();
      recall[i] = positives == 0 ? 0 : (double) tp / positives;
      precision[i] = (double) tp / (i + 1);
    }
    return new PrCurve(ranking.clone(), scores, recall, precision);
  }

  @Override
  public String toString() {
    return "CategoryAp[" + category + " @ " + threshold + ": ap=" + ap + ", positives=" + positives + ", tp="
        + truePositives + ", fp=" + falsePositives + "]";
  }
}
