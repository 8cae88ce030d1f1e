/**
 * Trajectory forecasts into the lake's {@code forecasts} table (one Parquet file per model across all
 * logs, docs/schema.md#forecasts): {@link dev.fleetmine.ingest.forecast.ForecastImport} reads a model's
 * forecasts from a native CSV or Parquet file (docs/formats/forecasts.md) and checks them against the
 * snapshot; {@link dev.fleetmine.ingest.forecast.ConstantVelocityForecaster} writes the built-in
 * constant-velocity baseline and reports every log it leaves without forecasts, with the reason. Both
 * write through one writer that sorts the rows and commits the file atomically, replacing the model's
 * earlier forecasts.
 *
 * <p>This package owns the input format and its rules, not the metrics: forecasts are scored against the
 * observed future by {@code dev.fleetmine.eval.ForecastEvaluation}.
 */
package dev.fleetmine.ingest.forecast;
