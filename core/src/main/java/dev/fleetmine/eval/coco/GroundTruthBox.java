package dev.fleetmine.eval.coco;

/**
 * One ground-truth annotation of a COCO instances file (its bounding box; masks are not read).
 *
 * @param id         annotation id
 * @param imageId    the image it belongs to
 * @param categoryId its category
 * @param x          left edge, pixels
 * @param y          top edge, pixels
 * @param width      box width, pixels
 * @param height     box height, pixels
 * @param area       the annotation's {@code area} field (the mask's area in COCO, not width * height);
 *                   it decides the small/medium/large range
 * @param crowd      {@code iscrowd}: a region of many objects, matched by intersection over the
 *                   detection's area and never counted as a miss
 */
public record GroundTruthBox(long id, long imageId, long categoryId, double x, double y, double width,
    double height, double area, boolean crowd) {}
