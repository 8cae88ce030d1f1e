/**
 * Reading the lake: DuckDB sessions over a snapshot ({@link dev.fleetmine.query.LakeQuery}), lake
 * statistics ({@link dev.fleetmine.query.LakeStats}), and query results streamed as CSV, JSON or Parquet
 * ({@link dev.fleetmine.query.ResultSink}, {@link dev.fleetmine.query.ResultText},
 * {@link dev.fleetmine.query.ResultFile}).
 *
 * <p>This package owns everything that reads lake tables with SQL. It never writes to the lake; the
 * scenario query language and its compiler to SQL will live here too. To add a read-side feature,
 * open a {@code LakeQuery} and query the views {@code logs}, {@code ego}, {@code objects} and
 * {@code events} (columns in docs/schema.md).
 */
package dev.fleetmine.query;
