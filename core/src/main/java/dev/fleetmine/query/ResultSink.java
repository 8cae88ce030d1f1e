package dev.fleetmine.query;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.List;

/**
 * Receives a query result as it streams from DuckDB ({@link LakeQuery#stream}): its columns, then each
 * row in order, then the end. Values are what DuckDB's JDBC driver returns (Long, Double, String,
 * {@link java.sql.Array}, {@link java.sql.Struct}, {@link java.util.Map}, java.time values, ...).
 */
public interface ResultSink {
  /** Called once, before any row. */
  void start(List<Column> columns) throws IOException;

  /** Called once per row; {@code values} is only valid during the call. */
  void row(List<Object> values) throws IOException;

  /** Called once after the last row. */
  default void end() throws IOException {}

  /**
   * One result column.
   *
   * @param name its label
   * @param type its DuckDB type as the driver spells it, e.g. BIGINT, VARCHAR[], STRUCT(x DOUBLE)
   */
  record Column(String name, String type) {
    public Column {
      requireNonNull(name, "name is null");
      requireNonNull(type, "type is null");
    }
  }
}
