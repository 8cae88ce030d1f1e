/**
 * Argoverse 2 importers: the sensor dataset ({@link dev.fleetmine.ingest.av2.Av2SensorImporter}, format
 * {@code av2}: Arrow IPC "feather" cuboids and ego poses) and the motion-forecasting dataset
 * ({@link dev.fleetmine.ingest.av2.Av2MotionImporter}, format {@code av2-motion}: one Parquet file per
 * scenario, read with DuckDB).
 *
 * <p>This package owns reading the AV2 files, validating them (every defect becomes an
 * {@link dev.fleetmine.ingest.IngestException} naming file, record and column), and mapping AV2's
 * frames onto the lake's log-local frame: city coordinates minus a per-log origin. The field-by-field
 * mapping is documented in docs/formats/av2.md; keep it in step with the code.
 *
 * <p>To support another AV2 file (for example calibration or lidar points), read it with
 * {@code FeatherTable}, which checks presence, type, nulls and finiteness of the columns you ask for;
 * rigid transforms and pose interpolation live in {@code Se3} and {@code PoseTrack}; the ego rows of
 * scenario-mining annotations ({@code EGO_VEHICLE}) in {@code EgoRows}.
 */
package dev.fleetmine.ingest.av2;
