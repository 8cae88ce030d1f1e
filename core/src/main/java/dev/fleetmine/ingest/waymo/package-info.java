/**
 * The Waymo Open Motion Dataset importer: owns TFRecord framing ({@link dev.fleetmine.ingest.waymo.TfRecordReader}),
 * the minimal Scenario schema ({@code src/main/proto/waymo/scenario.proto}, generated into
 * {@code dev.fleetmine.ingest.waymo.proto}), the Scenario-to-log conversion and the JSON map written with
 * each log (schema in docs/formats/waymo.md).
 *
 * <p>To read another Scenario field, declare it in the .proto with upstream's field number and type (fields
 * not declared are skipped as unknown), then map it in {@code ScenarioLog}; to add a map feature kind,
 * add it to the {@code MapFeature} oneof and to {@code WaymoMap}, and document it in docs/formats/waymo.md.
 */
package dev.fleetmine.ingest.waymo;
