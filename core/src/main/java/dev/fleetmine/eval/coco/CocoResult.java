package dev.fleetmine.eval.coco;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * The outcome of {@link CocoEvaluator#evaluate}: the 12 summary numbers, pycocotools' accumulated
 * precision and recall arrays, and per-detection and per-annotation outcomes at IoU 0.5 (area all,
 * 100 detections) for listing false positives and false negatives. Immutable.
 */
public final class CocoResult {
  private final Indexed in;
  private final EvalArrays e;
  private final CocoStats stats;

  CocoResult(Indexed in, EvalArrays e, CocoStats stats) {
    this.in = in;
    this.e = e;
    this.stats = stats;
  }

  /** The 12 summary numbers. */
  public CocoStats stats() {
    return stats;
  }

  /** The evaluated category ids, ascending: category index k of the arrays is position k here. */
  public long[] categoryIds() {
    return in.categoryIds.clone();
  }

  /**
   * {@code eval['precision'][t, r, k, a, m]}: interpolated precision at IoU threshold t, recall threshold
   * r, category index k, area range a, detection cap m (indices into {@link CocoParams}); -1 when the
   * category has no non-ignored annotation in that area range.
   */
  public double precision(int t, int r, int k, int a, int m) {
    return e.precision[e.precisionIndex(t, r, k, a, m)];
  }

  /** {@code eval['recall'][t, k, a, m]}: the recall reached; -1 as for precision. */
  public double recall(int t, int k, int a, int m) {
    return e.recall[e.recallIndex(t, k, a, m)];
  }

  /**
   * AP of one category (IoU .50:.95, area all, 100 detections): the mean of its precision cells, as
   * {@code stats[0]} restricted to that category; -1 when it has no annotation or is not listed.
   */
  public double averagePrecision(long categoryId) {
    int k = Arrays.binarySearch(in.categoryIds, categoryId);
    if (k < 0) {
      return -1;
    }
    double[] buf = new double[e.t * e.r];
    int n = 0;
    for (int t = 0; t < e.t; t++) {
      for (int r = 0; r < e.r; r++) {
        double v = e.precision[e.precisionIndex(t, r, k, CocoParams.AREA_ALL, e.m - 1)];
        if (v > -1) {
          buf[n++] = v;
        }
      }
    }
    return n == 0 ? -1 : NumpyMath.mean(buf, n);
  }

  /** Every input detection's outcome, in input order. */
  public List<DetectionOutcome> detections() {
    List<DetectionOutcome> list = new ArrayList<>(e.detKind.length);
    for (int i = 0; i < e.detKind.length; i++) {
      list.add(outcome(i));
    }
    return list;
  }

  /** The false positives at IoU 0.5 (area all, 100 detections), in input order. */
  public List<DetectionOutcome> falsePositives() {
    List<DetectionOutcome> list = new ArrayList<>();
    for (int i = 0; i < e.detKind.length; i++) {
      if (e.detKind[i] == EvalArrays.FALSE_POSITIVE) {
        list.add(outcome(i));
      }
    }
    return list;
  }

  /**
   * The false negatives: evaluated, non-crowd annotations that no detection matched at IoU 0.5 (area
   * all, 100 detections), in input order.
   */
  public List<GroundTruthBox> falseNegatives() {
    List<GroundTruthBox> list = new ArrayList<>();
    for (int i = 0; i < e.gtState.length; i++) {
      if (e.gtState[i] == EvalArrays.GT_MISSED) {
        list.add(in.gt.get(i));
      }
    }
    return list;
  }

  /** The i-th detection's outcome. */
  public DetectionOutcome outcome(int i) {
    CocoDetections dt = in.dt;
    DetectionOutcome.Kind kind = switch (e.detKind[i]) {
      case EvalArrays.TRUE_POSITIVE -> DetectionOutcome.Kind.TRUE_POSITIVE;
      case EvalArrays.FALSE_POSITIVE -> DetectionOutcome.Kind.FALSE_POSITIVE;
      case EvalArrays.IGNORED -> DetectionOutcome.Kind.IGNORED;
      default -> DetectionOutcome.Kind.NOT_EVALUATED;
    };
    int g = e.detMatch[i];
    OptionalLong gtId = g >= 0 ? OptionalLong.of(in.gt.id[g]) : OptionalLong.empty();
    return new DetectionOutcome(i, dt.imageId[i], dt.categoryId[i], dt.score[i], kind, gtId, e.detIou[i]);
  }
}
