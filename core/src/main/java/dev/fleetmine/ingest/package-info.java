/**
 * Getting drive logs into the lake: the {@link dev.fleetmine.ingest.LogSink} contract every source
 * writes to, the normalized {@link dev.fleetmine.ingest.Category} taxonomy, the
 * {@link dev.fleetmine.ingest.Ingestor} that derives kinematics and commits atomically, the
 * {@link dev.fleetmine.ingest.PredictionWriter} that adds a model's predictions to stored logs with the
 * same derivation (readers in {@code ingest.predictions}), and one sub-package per source format.
 *
 * <p>To add a format, implement {@link dev.fleetmine.ingest.Importer} in a new sub-package: read the
 * source with a kept library, emit {@code LogInfo}, ego and object samples in the log-local frame, throw
 * {@link dev.fleetmine.ingest.IngestException} naming file, record and field on bad input, and register
 * the importer in {@link dev.fleetmine.ingest.Importers}. Never write to the lake directly.
 */
package dev.fleetmine.ingest;
