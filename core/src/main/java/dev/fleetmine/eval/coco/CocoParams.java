package dev.fleetmine.eval.coco;

import java.util.List;

/**
 * COCOeval's default parameters for bounding boxes (pycocotools {@code Params.setDetParams}), built
 * with numpy's arithmetic so that every threshold is the same double as in Python. Accessors return
 * copies; the evaluator indexes its precision and recall arrays with these positions.
 */
public final class CocoParams {
  /** {@code np.linspace(.5, 0.95, 10)}: 0.5, 0.55, ..., 0.8999999999999999, 0.95. */
  private static final double[] IOU_THRS = NumpyMath.linspace(0.5, 0.95, (int) Math.round((0.95 - .5) / .05) + 1);
  /** {@code np.linspace(.0, 1.00, 101)}. */
  private static final double[] REC_THRS = NumpyMath.linspace(0.0, 1.00, (int) Math.round((1.00 - .0) / .01) + 1);
  private static final double[][] AREA_RNG = {{0, 1e5 * 1e5}, {0, 32 * 32}, {32 * 32, 96 * 96}, {96 * 96, 1e5 * 1e5}};
  private static final int[] MAX_DETS = {1, 10, 100};

  /** Labels of the area ranges, in index order. */
  public static final List<String> AREA_LABELS = List.of("all", "small", "medium", "large");

  /** Index of the area range "all" (and of the other ranges, in {@link #AREA_LABELS} order). */
  public static final int AREA_ALL = 0;

  private CocoParams() {}

  /** The 10 IoU thresholds. */
  public static double[] iouThresholds() {
    return IOU_THRS.clone();
  }

  /** The 101 recall thresholds. */
  public static double[] recallThresholds() {
    return REC_THRS.clone();
  }

  /** The 4 area ranges {lo, hi} (both inclusive) in square pixels: all, small, medium, large. */
  public static double[][] areaRanges() {
    double[][] copy = new double[AREA_RNG.length][];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = AREA_RNG[i].clone();
    }
    return copy;
  }

  /** The 3 per-image detection caps, ascending: 1, 10, 100. */
  public static int[] maxDets() {
    return MAX_DETS.clone();
  }
}
