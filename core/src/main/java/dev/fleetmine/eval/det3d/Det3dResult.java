package dev.fleetmine.eval.det3d;

import java.util.List;

/**
 * The evaluation of a detector: one {@link ThresholdResult} per threshold setting (KITTI: one; nuScenes:
 * one per distance) and the mean AP over them.
 *
 * @param matching   how it was matched
 * @param categories every evaluated category (present in ground truth or detections), sorted
 * @param thresholds the results per threshold setting, in the order of the matching's thresholds
 */
public record Det3dResult(Matching matching, List<String> categories, List<ThresholdResult> thresholds) {
  public Det3dResult {
    categories = List.copyOf(categories);
    thresholds = List.copyOf(thresholds);
  }

  /** For KITTI the single threshold result; for nuScenes the first distance's. */
  public ThresholdResult first() {
    return thresholds.get(0);
  }

  /**
   * AP of {@code category} averaged over the threshold settings (nuScenes' {@code mean_dist_aps}; for KITTI
   * its R40 AP).
   */
  public double ap(String category) {
    double[] aps = new double[thresholds.size()];
    for (int t = 0; t < aps.length; t++) {
      aps[t] = thresholds.get(t).category(category).ap();
    }
    return ApMath.numpySum(aps, 0, aps.length) / aps.length;
  }

  /**
   * mAP: the mean over categories with counted ground truth of {@link #ap(String)} (nuScenes' {@code
   * mean_ap}); NaN when no category has ground truth.
   */
  public double meanAp() {
    List<String> counted = categories.stream().filter(c -> first().category(c).positives() > 0).toList();
    if (counted.isEmpty()) {
      return Double.NaN;
    }
    double[] aps = new double[counted.size()];
    for (int i = 0; i < aps.length; i++) {
      aps[i] = ap(counted.get(i));
    }
    return ApMath.numpySum(aps, 0, aps.length) / aps.length;
  }
}
