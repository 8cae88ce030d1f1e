package dev.fleetmine.eval.det3d;

/**
 * What became of one ground-truth object at one threshold.
 *
 * @param index     its position in the evaluated list
 * @param gt        the ground truth (sample, category, box, track id)
 * @param status    matched, missed (a false negative), or ignored (flagged {@code ignore}: never a miss)
 * @param detection the position of the detection matched to it in the evaluated list, -1 when none
 */
public record GtOutcome(int index, GroundTruth gt, Status status, int detection) {

  /** The three fates of a ground-truth object. */
  public enum Status {
    /** A detection matched it: a true positive. */
    MATCHED,
    /** No detection matched it: a false negative. */
    MISSED,
    /** Flagged {@code ignore}: counted neither way ({@code detection} says whether a detection was dropped on it). */
    IGNORED
  }
}
