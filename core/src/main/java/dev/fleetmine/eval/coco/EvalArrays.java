package dev.fleetmine.eval.coco;

import java.util.Arrays;

/**
 * What the evaluation writes: pycocotools' {@code eval['precision']} and {@code eval['recall']} arrays
 * (flattened in numpy's C order), the per-detection outcome bits accumulation reads, and the
 * per-detection and per-annotation outcomes at IoU 0.5, area "all", 100 detections. Each category
 * writes only its own cells and detections, so categories can run in parallel.
 */
final class EvalArrays {
  static final byte NOT_EVALUATED = 0;
  static final byte TRUE_POSITIVE = 1;
  static final byte FALSE_POSITIVE = 2;
  static final byte IGNORED = 3;
  /** Annotation states (area "all", IoU 0.5): matched, missed, or ignored (crowd). */
  static final byte GT_MATCHED = 1;
  static final byte GT_MISSED = 2;
  static final byte GT_IGNORED = 3;

  final int t;
  final int r;
  final int k;
  final int a;
  final int m;
  /** precision[t][r][k][a][m]; -1 where a category has no (non-ignored) ground truth. */
  final double[] precision;
  /** recall[t][k][a][m]; -1 likewise. */
  final double[] recall;
  final byte[] detKind;
  final int[] detMatch;
  final double[] detIou;
  final byte[] gtState;
  /**
   * Per position p of {@link Indexed#dtOrder} (positions keep each category's writes together): the
   * detection's rank in its image and category by score (MAX_VALUE: beyond the 100 kept).
   */
  final int[] detRank;
  /**
   * Per position p of {@link Indexed#dtOrder} and area range ({@code p * a + area}): bit t set when a
   * true positive at IoU threshold t, bit {@link CategoryEval#FP_SHIFT} + t when a false positive;
   * neither when ignored.
   */
  final int[] detMask;

  EvalArrays(int t, int r, int k, int a, int m, int detections, int annotations) {
    this.t = t;
    this.r = r;
    this.k = k;
    this.a = a;
    this.m = m;
    this.precision = new double[t * r * k * a * m];
    this.recall = new double[t * k * a * m];
    Arrays.fill(precision, -1.0);
    Arrays.fill(recall, -1.0);
    this.detKind = new byte[detections];
    this.detMatch = new int[detections];
    Arrays.fill(detMatch, -1);
    this.detIou = new double[detections];
    this.gtState = new byte[annotations];
    this.detRank = new int[detections];
    Arrays.fill(detRank, Integer.MAX_VALUE);
    this.detMask = new int[detections * a];
  }

  int precisionIndex(int ti, int ri, int ki, int ai, int mi) {
    return (((ti * r + ri) * k + ki) * a + ai) * m + mi;
  }

  int recallIndex(int ti, int ki, int ai, int mi) {
    return ((ti * k + ki) * a + ai) * m + mi;
  }
}
