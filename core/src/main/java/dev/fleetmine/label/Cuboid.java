package dev.fleetmine.label;

import static java.util.Objects.requireNonNull;

/**
 * One labelled (or pre-annotated) 3D box at one frame: a row of a label version's {@code cuboids.parquet}
 * (docs/curation.md), in the log-local frame of the lake's {@code objects} table (the ego frame for logs
 * without ego poses).
 *
 * @param logId      log
 * @param tsNs       frame timestamp (an ego timestamp of the log)
 * @param trackId    object id, stable across the frames of a clip (null for untracked detections)
 * @param category   normalized category (docs/schema.md#categories)
 * @param rawLabel   the tool's (or source's) label verbatim
 * @param x          box centre x, metres
 * @param y          box centre y
 * @param z          box centre z
 * @param length     extent along the heading, metres
 * @param width      extent across the heading
 * @param height     vertical extent
 * @param yaw        heading, radians counter-clockwise from +x
 * @param annotator  who drew it ('gt', 'model:NAME' for pre-annotations, else the annotator's name)
 * @param score      the model's confidence of a pre-annotation, null otherwise
 * @param attributes JSON object of extra attributes, "{}" when none
 */
public record Cuboid(String logId, long tsNs, String trackId, String category, String rawLabel, double x, double y,
    double z, double length, double width, double height, double yaw, String annotator, Double score,
    String attributes) {
  public Cuboid {
    requireNonNull(logId, "logId is null");
    requireNonNull(category, "category is null");
    rawLabel = rawLabel == null ? category : rawLabel;
    annotator = annotator == null ? "" : annotator;
    attributes = attributes == null || attributes.isBlank() ? "{}" : attributes;
  }

  /** The same box drawn by {@code who} (pre-annotations become the annotator's boxes on import). */
  public Cuboid withAnnotator(String who) {
    return new Cuboid(logId, tsNs, trackId, category, rawLabel, x, y, z, length, width, height, yaw, who, score, attributes);
  }

  /** The box as the detection-metrics type, for IoU. */
  public dev.fleetmine.eval.det3d.Box3d box3d() {
    return new dev.fleetmine.eval.det3d.Box3d(x, y, z, length, width, height, yaw);
  }
}
