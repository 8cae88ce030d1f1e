/**
 * Measuring quality: scenario-mining metrics against a truth table
 * ({@link dev.fleetmine.eval.MiningMetrics}); model evaluation will live here too.
 *
 * <p>This package owns metric definitions and their exact formulas. It reads results (clips, and later
 * predictions) and truth, never the lake's files directly; callers bring the data.
 */
package dev.fleetmine.eval;
