package dev.fleetmine.eval.coco;

/**
 * One detection of a COCO results file: {@code {image_id, category_id, bbox: [x, y, w, h], score}}.
 *
 * @param imageId    the image it was found in
 * @param categoryId its predicted category
 * @param x          left edge, pixels
 * @param y          top edge, pixels
 * @param width      box width, pixels
 * @param height     box height, pixels
 * @param score      confidence; higher ranks first
 */
public record Detection(long imageId, long categoryId, double x, double y, double width, double height,
    double score) {}
