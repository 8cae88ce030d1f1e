package dev.fleetmine.eval.det3d;

import java.util.Objects;

/**
 * One detector output.
 *
 * @param sample   where it was detected
 * @param category its predicted class, compared exactly with ground truth categories
 * @param box      its box
 * @param score    its confidence, finite; higher is more confident
 */
public record Detection(SampleKey sample, String category, Box3d box, double score) {
  public Detection {
    Objects.requireNonNull(sample, "Detection.sample must not be null");
    Objects.requireNonNull(category, "Detection.category must not be null");
    Objects.requireNonNull(box, "Detection.box must not be null");
    if (!Double.isFinite(score)) {
      throw new IllegalArgumentException("Detection.score must be finite, got " + score + " (sample " + sample
          + ", category " + category + ")");
    }
  }
}
