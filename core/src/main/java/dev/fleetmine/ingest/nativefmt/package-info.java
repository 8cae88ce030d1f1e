/**
 * The native format for users with their own pipelines: Parquet or CSV tables with the input columns of
 * docs/schema.md#native-format. Column checks live in {@code NativeTable}; to accept a new input column,
 * add it there and pass it on in {@link dev.fleetmine.ingest.nativefmt.NativeImporter}.
 */
package dev.fleetmine.ingest.nativefmt;
