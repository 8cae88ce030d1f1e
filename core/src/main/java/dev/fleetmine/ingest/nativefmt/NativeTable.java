package dev.fleetmine.ingest.nativefmt;

import static dev.fleetmine.ingest.nativefmt.InputTable.col;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The input columns of each native-format table: what a user's pipeline writes. A column is required or
 * optional; its type is checked against the file before any row is read ({@link InputTable}).
 */
enum NativeTable {
  LOGS("logs", true, List.of(
      col("log_id", "VARCHAR", true), col("vehicle", "VARCHAR", false), col("location", "VARCHAR", false),
      col("frame", "VARCHAR", false), col("origin_x", "DOUBLE", false), col("origin_y", "DOUBLE", false),
      col("origin_z", "DOUBLE", false), col("ego_pose_known", "BOOLEAN", false), col("metadata", "VARCHAR", false))),
  EGO("ego", true, List.of(
      col("log_id", "VARCHAR", true), col("ts_ns", "BIGINT", true), col("x", "DOUBLE", true),
      col("y", "DOUBLE", true), col("z", "DOUBLE", false), col("yaw", "DOUBLE", true), col("speed", "DOUBLE", false))),
  OBJECTS("objects", false, List.of(
      col("log_id", "VARCHAR", true), col("ts_ns", "BIGINT", true), col("source", "VARCHAR", false),
      col("track_id", "VARCHAR", false), col("category", "VARCHAR", true), col("raw_label", "VARCHAR", false),
      col("x", "DOUBLE", true), col("y", "DOUBLE", true), col("z", "DOUBLE", false), col("length", "DOUBLE", true),
      col("width", "DOUBLE", true), col("height", "DOUBLE", true), col("yaw", "DOUBLE", true),
      col("vx", "DOUBLE", false), col("vy", "DOUBLE", false), col("score", "DOUBLE", false))),
  EVENTS("events", false, List.of(
      col("log_id", "VARCHAR", true), col("ts_ns", "BIGINT", true), col("end_ns", "BIGINT", false),
      col("type", "VARCHAR", true), col("source", "VARCHAR", false), col("track_ids", "VARCHAR[]", false),
      col("detail", "VARCHAR", false)));

  private final boolean required;
  private final InputTable input;

  NativeTable(String fileName, boolean required, List<InputTable.Column> columns) {
    this.required = required;
    this.input = new InputTable(fileName, columns);
  }

  String fileName() {
    return input.name();
  }

  boolean required() {
    return required;
  }

  List<InputTable.Column> columns() {
    return input.columns();
  }

  /** Loads {@code file} into table in_NAME with every input column (absent optional ones as NULL) and row_nr. */
  void load(Connection conn, Path file) throws SQLException {
    input.load(conn, file);
  }

  void createEmpty(Connection conn) throws SQLException {
    input.createEmpty(conn);
  }
}
