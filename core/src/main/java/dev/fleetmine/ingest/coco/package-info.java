/**
 * COCO-format 2D detection data into the lake's {@code boxes2d} table (one Parquet file per dataset and
 * source across all logs, docs/schema.md#boxes2d): {@link dev.fleetmine.ingest.coco.CocoImport} stores a
 * COCO instances file as a dataset's ground truth (source {@code gt}) and a COCO results file as a model's
 * detections on it, each replacing that key's earlier file in one atomic commit.
 *
 * <p>This package owns the mapping from COCO JSON to rows (including the marker rows that keep images and
 * categories without annotations) and the consistency rules between a results file and the dataset's
 * ground truth; parsing and its error messages are {@link dev.fleetmine.eval.coco.CocoJson}'s, and the
 * metrics are {@code dev.fleetmine.eval.Coco2dEvaluation}'s.
 */
package dev.fleetmine.ingest.coco;
