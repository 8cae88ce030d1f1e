package dev.fleetmine.eval.coco;

import java.util.OptionalLong;

/**
 * What became of one detection at IoU threshold 0.5, area range "all", up to 100 detections per image
 * and category (pycocotools' {@code dtMatches[0]} / {@code dtIgnore[0]} for that setting).
 *
 * @param index        position of the detection in the input
 * @param imageId      its image
 * @param categoryId   its category
 * @param score        its score
 * @param kind         true/false positive, ignored, or not evaluated
 * @param matchedGtId  the annotation it was matched to (a crowd region for an ignored one), if any
 * @param iou          IoU with the matched annotation; when unmatched, the best IoU with any annotation
 *                     of the same image and category (0 when there is none): it tells a localisation
 *                     error or a duplicate from a detection of nothing
 */
public record DetectionOutcome(int index, long imageId, long categoryId, double score, Kind kind,
    OptionalLong matchedGtId, double iou) {

  /** The outcome of a detection. */
  public enum Kind {
    /** Matched a non-crowd annotation of its category in the area range. */
    TRUE_POSITIVE,
    /** Matched nothing (or only an annotation already taken by a higher-scoring detection). */
    FALSE_POSITIVE,
    /** Matched a crowd region, or unmatched and outside the area range: counts neither way. */
    IGNORED,
    /** Not evaluated: beyond the 100 best of its image and category, or its category is not listed. */
    NOT_EVALUATED
  }
}
