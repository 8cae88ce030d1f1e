/**
 * The on-disk lake: its tables and columns ({@link dev.fleetmine.lake.Table}), the immutable per-log
 * Parquet files, and the snapshots that say which files make up the lake
 * ({@link dev.fleetmine.lake.Lake}, {@link dev.fleetmine.lake.Snapshot}).
 *
 * <p>This package owns the format and the atomic commit, not the reading or writing of rows: writers
 * (see {@code dev.fleetmine.ingest}) create new files and call {@link dev.fleetmine.lake.Lake#commit},
 * readers (see {@code dev.fleetmine.query}) register a snapshot's files as DuckDB views with
 * {@link dev.fleetmine.lake.LakeViews}. A change of columns is a change of {@code Table} and of
 * docs/schema.md together; a change of the snapshot layout bumps {@code SnapshotCodec.FORMAT_VERSION},
 * except an optional field older readers can ignore (how {@code forecasts} and {@code boxes2d} were added).
 *
 * <p>Besides the per-log tables, three tables hold one file per name across all logs, listed in the
 * snapshot by name: {@link dev.fleetmine.lake.TagTable} (per scenario),
 * {@link dev.fleetmine.lake.ForecastTable} (per forecasting model) and
 * {@link dev.fleetmine.lake.Boxes2dTable} (per image dataset and source: ground truth or model).
 */
package dev.fleetmine.lake;
