package dev.fleetmine.lake;

import static dev.fleetmine.lake.Column.optional;
import static dev.fleetmine.lake.Column.required;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code tags} table: clips where a library scenario was mined, one row per clip. Unlike the per-log
 * tables, each scenario's tags are one file across all logs, replaced whenever the scenario is mined
 * again. Tags become slices for datasets and evaluation.
 */
public final class TagTable {
  public static final String NAME = "tags";

  public static final List<Column> COLUMNS = List.of(
      required("scenario", "VARCHAR", "", "Library scenario name."),
      required("log_id", "VARCHAR", "", "Log of the clip."),
      required("start_ns", "BIGINT", "ns", "Clip start, padding included."),
      required("end_ns", "BIGINT", "ns", "Clip end, padding included."),
      required("score", "DOUBLE", "s", "Seconds of matched evidence."),
      required("matches", "STRUCT(ts_ns BIGINT, track_ids VARCHAR[])[]", "",
          "Matched timestamps with their answer objects (every referred object unless the query has a refer clause)."),
      optional("referred", "STRUCT(ts_ns BIGINT, track_id VARCHAR, role VARCHAR, answer BOOLEAN)[]", "",
          "Every referred object per matched timestamp with its role (the query variable it was bound to) and"
              + " whether it is an answer; NULL in tags mined before roles existed."),
      required("query", "VARCHAR", "", "The scenario's query text when it was mined."),
      required("snapshot_version", "BIGINT", "", "Lake snapshot the scenario was mined on."),
      optional("mined_at", "TIMESTAMP", "", "When it was mined."));

  private TagTable() {}

  public static String ddlColumns() {
    return COLUMNS.stream().map(c -> c.name() + " " + c.sqlType()).collect(Collectors.joining(", "));
  }

  public static String columnNames() {
    return COLUMNS.stream().map(Column::name).collect(Collectors.joining(", "));
  }
}
