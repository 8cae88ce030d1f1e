/**
 * Importing the KITTI tracking benchmark: one log per sequence with ground-truth tracks and, when
 * present, a detector's boxes as model predictions.
 *
 * <p>This package owns the mapping of a KITTI tracking root ({@code label_02/}, {@code calib/}, optional
 * {@code oxts/} and {@code detections_pointrcnn/}) to logs: {@link
 * dev.fleetmine.ingest.kitti.KittiTrackingImporter} finds sequences and writes logs, {@code KittiBoxFiles}
 * parses label and detection lines, {@code KittiCalib} and {@code KittiOxts} give the frame conversions
 * (camera to velodyne, velodyne to IMU to a Mercator log frame) as {@code Affine3} maps, which
 * {@code KittiFrames} applies to boxes. {@link dev.fleetmine.ingest.kitti.KittiDetectionReader} reads a
 * model's detection CSVs through the same parser and conversion, for adding predictions to logs already
 * ingested (docs/formats/predictions.md); docs/formats/kitti.md documents the mapping.
 */
package dev.fleetmine.ingest.kitti;
