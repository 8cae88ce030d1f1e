package dev.fleetmine.lake;

import static dev.fleetmine.lake.Column.optional;
import static dev.fleetmine.lake.Column.required;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The tables of a Fleetmine lake and their columns: the single source of truth for the on-disk schema
 * (docs/schema.md is checked against it by a test).
 *
 * <p>Every table is partitioned by log: each log owns one Parquet file per table, so a log can be
 * replaced atomically without touching the others.
 */
public enum Table {
  LOGS("logs", "One row per drive log.", List.of(
      required("log_id", "VARCHAR", "", "Unique id of the log within the lake."),
      required("source_format", "VARCHAR", "", "Importer that produced the log: av2, av2-motion, kitti, waymo, comma2k19, native or synthetic."),
      optional("vehicle", "VARCHAR", "", "Vehicle or platform id, when the source names one."),
      optional("location", "VARCHAR", "", "City or location code (for example PIT, austin)."),
      required("start_ns", "BIGINT", "ns", "First timestamp of the log."),
      required("end_ns", "BIGINT", "ns", "Last timestamp of the log."),
      required("duration_s", "DOUBLE", "s", "end_ns - start_ns in seconds."),
      required("ego_frames", "BIGINT", "", "Rows of this log in the ego table."),
      optional("frame_interval_s", "DOUBLE", "s", "Median time between consecutive ego timestamps (NULL for a single frame)."),
      required("object_rows", "BIGINT", "", "Rows of this log in the objects table (all sources)."),
      required("frame", "VARCHAR", "", "Name of the source's original frame (city, enu, ego, ...); see origin_*."),
      required("origin_x", "DOUBLE", "m", "x of the log-local origin in the original frame: x_original = x + origin_x."),
      required("origin_y", "DOUBLE", "m", "y of the log-local origin in the original frame."),
      required("origin_z", "DOUBLE", "m", "z of the log-local origin in the original frame."),
      required("ego_pose_known", "BOOLEAN", "", "False when the source has no ego poses (objects are then in the ego frame)."),
      optional("map_file", "VARCHAR", "", "Lake-relative path of the log's vector map, when the source has one."),
      required("metadata", "VARCHAR", "", "Source-specific metadata as a JSON object, keys sorted (per format in"
          + " docs/formats/, e.g. av2 `ego_rows_dropped`, kitti `dont_care_rows`)."),
      required("ingested_at", "TIMESTAMP", "", "When this version of the log was committed.")
  )),
  EGO("ego", "Ego vehicle state, one row per timestamp.", List.of(
      required("log_id", "VARCHAR", "", "Log of this row."),
      required("ts_ns", "BIGINT", "ns", "Timestamp."),
      required("x", "DOUBLE", "m", "Position east/forward in the log-local metric frame."),
      required("y", "DOUBLE", "m", "Position north/left in the log-local metric frame."),
      required("z", "DOUBLE", "m", "Height in the log-local frame."),
      required("yaw", "DOUBLE", "rad", "Heading, counter-clockwise from the log-local x axis, in (-pi, pi]."),
      optional("vx", "DOUBLE", "m/s", "Velocity along log-local x."),
      optional("vy", "DOUBLE", "m/s", "Velocity along log-local y."),
      optional("speed", "DOUBLE", "m/s", "Speed over ground (from the source when it has one, else from poses)."),
      optional("accel", "DOUBLE", "m/s^2", "Rate of change of speed (negative when braking)."),
      optional("jerk", "DOUBLE", "m/s^3", "Rate of change of accel."),
      optional("yaw_rate", "DOUBLE", "rad/s", "Rate of change of yaw, positive turning left."),
      optional("lat_accel", "DOUBLE", "m/s^2", "Acceleration across the heading, positive to the left."),
      optional("turn", "VARCHAR", "", "'left' or 'right' while in a run of same-signed yaw rate whose heading change exceeds 45 degrees, else NULL."),
      optional("lane_id", "VARCHAR", "", "Map lane segment under the position (smallest id where segments overlap); NULL off lanes or without a map."),
      optional("lane_type", "VARCHAR", "", "Type of that lane segment: VEHICLE, BIKE or BUS; NULL off lanes or without a map."),
      optional("in_intersection", "BOOLEAN", "", "The position is on an intersection lane segment; NULL without a map (or one that does not mark intersections)."),
      optional("on_crosswalk", "BOOLEAN", "", "The position is on a pedestrian crossing; NULL without a map."),
      optional("on_drivable", "BOOLEAN", "", "The position is on the drivable area; NULL without a map."),
      optional("intersection_distance", "DOUBLE", "m", "Exact distance from the position to the nearest intersection lane segment (0 inside); NULL beyond 20 m, without a map, or for maps that do not mark intersections."),
      optional("crosswalk_distance", "DOUBLE", "m", "Exact distance from the position to the nearest pedestrian crossing (0 inside); NULL beyond 20 m or without a map."),
      optional("stop_sign_distance", "DOUBLE", "m", "How far ahead along the heading a map stop sign stopping the position's lane is (-1 m to 20 m, within 7 m to the side); NULL when none or without map stop signs."),
      optional("lane_change", "VARCHAR", "", "'left' or 'right' on the two rows of the ego track around a step from its lane segment to that segment's left or right neighbour; NULL on rows with a turn, otherwise, or without a map.")
  )),
  OBJECTS("objects", "Observed or predicted objects, one row per timestamp per track (or per detection).", List.of(
      required("log_id", "VARCHAR", "", "Log of this row."),
      required("ts_ns", "BIGINT", "ns", "Timestamp; every object timestamp has an ego row."),
      required("source", "VARCHAR", "", "'gt' for ground truth, else the model as name or name@version."),
      optional("track_id", "VARCHAR", "", "Track id, stable over time within (log, source); NULL for untracked detections."),
      required("category", "VARCHAR", "", "Normalized category (see docs/schema.md#categories)."),
      required("raw_label", "VARCHAR", "", "The source's own label, kept verbatim."),
      required("x", "DOUBLE", "m", "Box centre x in the log-local frame (ego frame when ego_pose_known is false)."),
      required("y", "DOUBLE", "m", "Box centre y."),
      required("z", "DOUBLE", "m", "Box centre z."),
      required("length", "DOUBLE", "m", "Box extent along its heading."),
      required("width", "DOUBLE", "m", "Box extent across its heading."),
      required("height", "DOUBLE", "m", "Box extent vertically."),
      required("yaw", "DOUBLE", "rad", "Box heading in the same frame as x/y."),
      optional("vx", "FLOAT", "m/s", "Velocity along x (from the source, else from the track's positions)."),
      optional("vy", "FLOAT", "m/s", "Velocity along y."),
      optional("speed", "FLOAT", "m/s", "Speed over ground."),
      optional("accel", "FLOAT", "m/s^2", "Rate of change of speed."),
      optional("yaw_rate", "FLOAT", "rad/s", "Rate of change of yaw."),
      optional("lat_accel", "FLOAT", "m/s^2", "Acceleration across the box heading, positive to the left; NULL for untracked detections."),
      optional("turn", "VARCHAR", "", "'left' or 'right' while in a run of same-signed yaw rate whose heading change exceeds 45 degrees, else NULL."),
      optional("track_extent", "FLOAT", "m", "Diagonal of the box around all centre positions of the track (how far it moves in the log); NULL for untracked detections."),
      optional("score", "DOUBLE", "", "Detection confidence; NULL for ground truth."),
      optional("track_age_s", "FLOAT", "s", "Time since the track was first seen in this log."),
      required("lon", "FLOAT", "m", "Longitudinal offset from the ego centre, positive ahead."),
      required("lat", "FLOAT", "m", "Lateral offset from the ego centre, positive to the left."),
      required("distance", "FLOAT", "m", "Centre-to-centre distance to ego in the ground plane."),
      optional("rel_heading", "FLOAT", "rad", "Object yaw minus ego yaw, in (-pi, pi]: 0 same direction, pi oncoming."),
      optional("rel_vlon", "FLOAT", "m/s", "Object velocity minus ego velocity, along ego's heading."),
      optional("rel_vlat", "FLOAT", "m/s", "Object velocity minus ego velocity, to ego's left."),
      optional("ttc", "FLOAT", "s", "Time to collision: distance / closing speed while on a collision course, else NULL."),
      optional("lane_id", "VARCHAR", "", "Map lane segment under the box centre (smallest id where segments overlap); NULL off lanes or without a map."),
      optional("lane_type", "VARCHAR", "", "Type of that lane segment: VEHICLE, BIKE or BUS; NULL off lanes or without a map."),
      optional("in_intersection", "BOOLEAN", "", "The box centre is on an intersection lane segment; NULL without a map (or one that does not mark intersections)."),
      optional("on_crosswalk", "BOOLEAN", "", "The box centre is on a pedestrian crossing; NULL without a map."),
      optional("on_drivable", "BOOLEAN", "", "The box centre is on the drivable area; NULL without a map."),
      optional("intersection_distance", "FLOAT", "m", "Exact distance from the box centre to the nearest intersection lane segment (0 inside); NULL beyond 20 m, without a map, or for maps that do not mark intersections."),
      optional("crosswalk_distance", "FLOAT", "m", "Exact distance from the box centre to the nearest pedestrian crossing (0 inside); NULL beyond 20 m or without a map."),
      optional("stop_sign_distance", "FLOAT", "m", "How far ahead along the box heading a map stop sign stopping the box centre's lane is (-1 m to 20 m, within 7 m to the side); NULL when none or without map stop signs."),
      optional("same_lane_map", "BOOLEAN", "", "lane_id equals ego's lane_id at that timestamp; NULL unless both are on a lane."),
      optional("lane_change", "VARCHAR", "", "'left' or 'right' on the two rows of a track around a step from its lane segment to that segment's left or right neighbour; NULL on rows with a turn, otherwise, or without a map.")
  )),
  EVENTS("events", "Events and annotations over time: disengagements, source flags, injected scenarios.", List.of(
      required("log_id", "VARCHAR", "", "Log of this row."),
      required("ts_ns", "BIGINT", "ns", "Start of the event."),
      required("end_ns", "BIGINT", "ns", "End of the event (equal to ts_ns for instants)."),
      required("type", "VARCHAR", "", "Event type, for example 'scenario:cut_in' or 'tracks_to_predict'."),
      required("source", "VARCHAR", "", "Who says so: the importer, 'synthetic-truth', a user."),
      optional("track_ids", "VARCHAR[]", "", "Objects the event refers to."),
      required("detail", "VARCHAR", "", "Free JSON object with event-specific fields.")
  ));

  private final String tableName;
  private final String description;
  private final List<Column> columns;

  Table(String tableName, String description, List<Column> columns) {
    this.tableName = tableName;
    this.description = description;
    this.columns = columns;
  }

  /** The table's SQL name, also its directory under {@code data/}. */
  public String tableName() {
    return tableName;
  }

  public String description() {
    return description;
  }

  public List<Column> columns() {
    return columns;
  }

  public Optional<Column> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** Column list for a CREATE TABLE statement. */
  public String ddlColumns() {
    return columns.stream()
        .map(c -> c.name() + " " + c.sqlType() + (c.nullable() ? "" : " NOT NULL"))
        .collect(Collectors.joining(", "));
  }

  /** The columns in schema order, each cast to its declared type (for writers whose SQL computes them). */
  public String castColumns() {
    return columns.stream().map(c -> "CAST(" + c.name() + " AS " + c.sqlType() + ") AS " + c.name())
        .collect(Collectors.joining(", "));
  }

  /** Comma-separated column names in schema order. */
  public String columnNames() {
    return columns.stream().map(Column::name).collect(Collectors.joining(", "));
  }

  /**
   * A short id of the columns of every table (names and types); files written under the same id can be
   * read together without reconciling their schemas.
   */
  public static String schemaId() {
    StringBuilder sb = new StringBuilder();
    for (Table t : values()) {
      sb.append(t.tableName).append('(').append(t.ddlColumns()).append(')');
    }
    return Integer.toHexString(sb.toString().hashCode());
  }

  public static Table byName(String name) {
    for (Table t : values()) {
      if (t.tableName.equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown table '" + name + "'; expected one of logs, ego, objects, events");
  }
}
