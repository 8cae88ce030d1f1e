package dev.fleetmine.lake;

import static dev.fleetmine.lake.Column.optional;
import static dev.fleetmine.lake.Column.required;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code forecasts} table: a model's predicted trajectories, one row per (agent, forecast moment,
 * mode, target timestamp). Like tags, each model's forecasts are one file across all logs, replaced
 * whenever the model's forecasts are imported again; the observed future in {@code objects} is their
 * label.
 */
public final class ForecastTable {
  public static final String NAME = "forecasts";

  public static final List<Column> COLUMNS = List.of(
      required("model", "VARCHAR", "", "The forecasting model, as name or name@version."),
      required("log_id", "VARCHAR", "", "Log of the agent."),
      required("ts_ns", "BIGINT", "ns", "When the forecast was made; the agent has a ground-truth row then."),
      required("track_id", "VARCHAR", "", "The agent: a ground-truth track id of the log."),
      required("mode", "INTEGER", "", "Mode number (0, 1, ...) of a multi-modal forecast; the modes of an agent share their target timestamps."),
      optional("probability", "DOUBLE", "", "The mode's probability in [0, 1], the same on every row of the mode; NULL when the model gives none."),
      required("target_ts_ns", "BIGINT", "ns", "Future timestamp the position is predicted for, after ts_ns."),
      required("x", "DOUBLE", "m", "Predicted x in the log-local frame."),
      required("y", "DOUBLE", "m", "Predicted y in the log-local frame."));

  private ForecastTable() {}

  public static String ddlColumns() {
    return COLUMNS.stream().map(c -> c.name() + " " + c.sqlType()).collect(Collectors.joining(", "));
  }

  public static String columnNames() {
    return COLUMNS.stream().map(Column::name).collect(Collectors.joining(", "));
  }
}
