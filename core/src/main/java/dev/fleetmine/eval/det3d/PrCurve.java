package dev.fleetmine.eval.det3d;

import java.util.Arrays;

/**
 * The raw precision/recall curve of one category at one threshold: one point after each counted detection
 * (true or false positive) in ranking order, with that detection's score and position.
 */
public final class PrCurve {
  private final int[] detections;
  private final double[] scores;
  private final double[] recall;
  private final double[] precision;

  PrCurve(int[] detections, double[] scores, double[] recall, double[] precision) {
    this.detections = detections;
    this.scores = scores;
    this.recall = recall;
    this.precision = precision;
  }

  /** Number of points (counted detections). */
  public int size() {
    return recall.length;
  }

  /** Recall after each point: true positives so far / counted ground truth (0 when there is none). */
  public double[] recall() {
    return recall.clone();
  }

  /** Precision after each point: true positives so far / points so far. */
  public double[] precision() {
    return precision.clone();
  }

  /** The score of each point's detection. */
  public double[] scores() {
    return scores.clone();
  }

  /** The position of each point's detection in the evaluated list. */
  public int[] detections() {
    return detections.clone();
  }

  @Override
  public String toString() {
    return "PrCurve[points=" + size() + ", recall=" + Arrays.toString(Arrays.copyOf(recall, Math.min(5, size())))
        + "..., precision=" + Arrays.toString(Arrays.copyOf(precision, Math.min(5, size()))) + "...]";
  }
}
