package dev.fleetmine.eval.det3d;

/**
 * AP from a ranked precision/recall curve, with exactly the formula the evaluator uses for a matching:
 * KITTI's R40 for {@link Matching.Kitti}, the nuScenes devkit's {@code calc_ap} for
 * {@link Matching.NuScenes}. For callers that rebuild curves themselves, e.g. a bootstrap that reweights
 * logs without matching again.
 */
public final class AveragePrecision {
  private AveragePrecision() {}

  /**
   * The AP of the first {@code n} curve points.
   *
   * @param tp number of true positives on the curve (nuScenes: no true positive means AP 0)
   */
  public static double of(Matching matching, double[] recall, double[] precision, int n, int tp) {
    return switch (matching) {
      case Matching.Kitti k -> ApMath.mean(ApMath.maxToTheRight(recall, precision, n, ApMath.r40Grid()));
      case Matching.NuScenes ns -> ApMath.nuScenesAp(ApMath.nuScenesPrecision(recall, precision, n, tp), ns.minRecall(),
          ns.minPrecision());
    };
  }
}
