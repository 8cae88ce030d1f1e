package dev.fleetmine.eval.det3d;

import java.util.Objects;

/**
 * One annotated object.
 *
 * @param sample   where it was annotated
 * @param category its class, compared exactly (e.g. "Car")
 * @param box      its box
 * @param trackId  its track id, or {@code null} when the annotation has none (carried for the user, not used)
 * @param ignore   a "don't care" object: with {@link Matching.Kitti} it is neither a miss nor makes the
 *                 detection matched to it a false positive (that detection is dropped); with
 *                 {@link Matching.NuScenes} it is removed before matching, as the devkit's filters do
 */
public record GroundTruth(SampleKey sample, String category, Box3d box, String trackId, boolean ignore) {
  public GroundTruth {
    Objects.requireNonNull(sample, "GroundTruth.sample must not be null");
    Objects.requireNonNull(category, "GroundTruth.category must not be null");
    Objects.requireNonNull(box, "GroundTruth.box must not be null");
  }

  /** A counted object without a track id. */
  public GroundTruth(SampleKey sample, String category, Box3d box) {
    this(sample, category, box, null, false);
  }
}
