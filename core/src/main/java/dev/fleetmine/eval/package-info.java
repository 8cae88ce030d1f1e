/**
 * Measuring quality on the lake: scenario-mining metrics against a truth table
 * ({@link dev.fleetmine.eval.MiningMetrics}), and the model-evaluation loop: a model's detections against
 * the ground truth per slice and category ({@link dev.fleetmine.eval.ModelEvaluation}), two models
 * compared with bootstrap intervals over logs ({@link dev.fleetmine.eval.ModelComparison}), and mistakes
 * turned into clips ({@link dev.fleetmine.eval.FailureClips}); trajectory forecasts against the observed
 * future ({@link dev.fleetmine.eval.ForecastEvaluation}); COCO 2D detections stored in the lake
 * ({@link dev.fleetmine.eval.Coco2dEvaluation}).
 *
 * <p>Metric definitions and their exact formulas live in the sub-packages ({@code det3d}, {@code coco},
 * {@code forecast}), which work on in-memory records; this package reads the lake through
 * {@link dev.fleetmine.query.LakeQuery} (never its files), slices, and hands records to them. A new slice
 * kind is a case of {@link dev.fleetmine.eval.SliceBy}; a new metric family is a sub-package plus a class
 * here that loads its records.
 */
package dev.fleetmine.eval;
