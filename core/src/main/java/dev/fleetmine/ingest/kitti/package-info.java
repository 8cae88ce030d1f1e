/**
 * Importing the KITTI tracking benchmark: one log per sequence with ground-truth tracks and, when
 * present, a detector's boxes as model predictions.
 *
 * <p>This package owns the mapping of a KITTI tracking root ({@code label_02/}, {@code calib/}, optional
 * {@code oxts/} and {@code detections_pointrcnn/}) to logs: {@link
 * dev.fleetmine.ingest.kitti.KittiTrackingImporter} finds sequences and writes logs, {@code KittiBoxFiles}
 * parses label and detection lines, {@code KittiCalib} and {@code KittiOxts} give the frame conversions
 * (camera to velodyne, velodyne to IMU to a Mercator log frame) as {@code Affine3} maps. To import another
 * detector's output in the KITTI object format, add a parser to {@code KittiBoxFiles} and emit its boxes
 * through the same conversion with their own {@code source}; docs/formats/kitti.md documents the mapping.
 */
package dev.fleetmine.ingest.kitti;
