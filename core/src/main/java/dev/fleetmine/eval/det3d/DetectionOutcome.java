package dev.fleetmine.eval.det3d;

/**
 * What became of one detection at one threshold.
 *
 * @param index     the detection's position in the evaluated list
 * @param detection the detection (sample, category, score, box)
 * @param status    true positive, false positive, or dropped for matching an ignored ground truth
 * @param gt        for {@link Status#TP} and {@link Status#IGNORED}: the matched ground truth's position in the
 *                  evaluated list. For {@link Status#FP}: the nearest ground truth of the same sample and
 *                  category, taken or not (highest IoU above 0 for KITTI, smallest centre distance for
 *                  nuScenes), so a mistake can be told apart as mislocated, duplicate or hallucinated; -1 when
 *                  there is none
 * @param affinity  IoU (KITTI) or centre distance in metres (nuScenes) to {@code gt}; 0 (KITTI) or NaN
 *                  (nuScenes) when {@code gt} is -1
 */
public record DetectionOutcome(int index, Detection detection, Status status, int gt, double affinity) {

  /** The three fates of a detection. */
  public enum Status {
    /** Matched a counted ground truth. */
    TP,
    /** Matched nothing. */
    FP,
    /** Matched an ignored ground truth: neither TP nor FP, left out of the precision/recall curve. */
    IGNORED
  }
}
