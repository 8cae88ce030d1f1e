package dev.fleetmine.lake;

import static dev.fleetmine.lake.Column.optional;
import static dev.fleetmine.lake.Column.required;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code boxes2d} table: COCO-style 2D boxes of image datasets, one file per key
 * {@code DATASET/SOURCE} across all logs, where SOURCE is {@link #GROUND_TRUTH} for a dataset's ground
 * truth or a model name (name or name@version) for that model's detections. A file is replaced whenever
 * its key is imported again.
 *
 * <p>A ground-truth file holds one row per annotation, plus a marker row (NULL {@code annotation_id}
 * and box) for each listed image without annotations and for each listed category without
 * annotations, so that the lists COCOeval evaluates over survive the round trip.
 */
public final class Boxes2dTable {
  public static final String NAME = "boxes2d";
  /** The SOURCE of a dataset's ground truth. */
  public static final String GROUND_TRUTH = "gt";

  public static final List<Column> COLUMNS = List.of(
      required("dataset", "VARCHAR", "", "The image dataset, for example val2014."),
      required("source", "VARCHAR", "", "gt for the dataset's ground truth, else the model (name or name@version) whose detections these are."),
      optional("ordinal", "BIGINT", "", "0-based position of the record in the imported file (annotations[i] of the ground truth, [i] of the results); NULL on marker rows. Evaluation reads records in this order: score ties are broken by it."),
      required("image_id", "BIGINT", "", "COCO image id; on a category marker row, the smallest image id of the dataset."),
      optional("file_name", "VARCHAR", "", "Image file name from the ground truth's images; NULL when not given."),
      optional("width", "INTEGER", "px", "Image width from the ground truth's images; NULL when not given."),
      optional("height", "INTEGER", "px", "Image height from the ground truth's images; NULL when not given."),
      optional("annotation_id", "BIGINT", "", "COCO annotation id of a ground-truth box; NULL on detections and on marker rows."),
      optional("category_id", "BIGINT", "", "COCO category id; NULL on the marker row of an image without annotations."),
      optional("category", "VARCHAR", "", "Category name from the ground truth's categories ('' when it has none); NULL on detections of a category the ground truth does not list."),
      optional("x", "DOUBLE", "px", "Left edge of the box; NULL on marker rows."),
      optional("y", "DOUBLE", "px", "Top edge of the box; NULL on marker rows."),
      optional("w", "DOUBLE", "px", "Box width; NULL on marker rows."),
      optional("h", "DOUBLE", "px", "Box height; NULL on marker rows."),
      optional("area", "DOUBLE", "px^2", "Annotated area (segment area, used for COCO's area ranges); NULL on detections and marker rows."),
      optional("iscrowd", "BOOLEAN", "", "Whether the annotation is a crowd region; NULL on detections and marker rows."),
      optional("score", "DOUBLE", "", "Detection confidence; NULL on ground truth."));

  private Boxes2dTable() {}

  /** The snapshot key of a dataset's ground truth or a model's detections. */
  public static String key(String dataset, String source) {
    return dataset + "/" + source;
  }

  public static String ddlColumns() {
    return COLUMNS.stream().map(c -> c.name() + " " + c.sqlType()).collect(Collectors.joining(", "));
  }

  public static String columnNames() {
    return COLUMNS.stream().map(Column::name).collect(Collectors.joining(", "));
  }
}
