/**
 * Readers of a model's predictions (3D boxes per frame) for logs already in the lake, which
 * {@link dev.fleetmine.ingest.PredictionWriter} adds without re-ingesting the logs.
 *
 * <p>This package owns the prediction input formats and their mapping to lake objects: {@link
 * dev.fleetmine.ingest.predictions.KittiDetections} (AB3DMOT/PointRCNN-style CSVs in KITTI camera
 * coordinates, converted with the sequence's calibration exactly as the KITTI importer does, see
 * docs/formats/kitti.md), {@link dev.fleetmine.ingest.predictions.NativePredictions} (Fleetmine's own
 * CSV/Parquet layout in the log-local frame, docs/formats/predictions.md) and the entry point
 * {@link dev.fleetmine.ingest.predictions.PredictionReaders#read} that selects one by name. Every reader
 * returns log id to that log's rows with {@code source} set to the model; derived columns (ego-relative
 * geometry, velocities, map columns) are computed by the writer with the ingest's SQL, never here.
 */
package dev.fleetmine.ingest.predictions;
