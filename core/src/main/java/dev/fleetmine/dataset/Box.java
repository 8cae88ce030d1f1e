package dev.fleetmine.dataset;

/**
 * One pinned 3D box of a dataset version: a row of labels.parquet.
 *
 * @param clipId    the member it belongs to
 * @param logId     log
 * @param tsNs      frame timestamp
 * @param trackId   track id (null when untracked)
 * @param category  normalized category
 * @param rawLabel  the source's label
 * @param x         box centre x in the log-local frame (the ego frame for logs without ego poses)
 * @param y         box centre y
 * @param z         box centre z
 * @param length    extent along the heading
 * @param width     extent across
 * @param height    extent vertically
 * @param yaw       heading, counter-clockwise from +x
 * @param annotator who drew it
 * @param attributes JSON object of extra attributes
 * @param egoX      ego x at tsNs (log-local; 0 without poses), or NaN when the lake had no ego row
 * @param egoY      ego y
 * @param egoZ      ego z
 * @param egoYaw    ego yaw
 */
public record Box(String clipId, String logId, long tsNs, String trackId, String category, String rawLabel, double x,
    double y, double z, double length, double width, double height, double yaw, String annotator, String attributes,
    double egoX, double egoY, double egoZ, double egoYaw) {}
