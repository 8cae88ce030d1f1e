package dev.fleetmine.query.lang;

import dev.fleetmine.ingest.Category;
import dev.fleetmine.query.lang.Operand.Dimension;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The names of the scenario language: fields and flags of {@code ego} and of object variables, object
 * kinds (categories and groups) and functions, each with the SQL it compiles to. Thresholds of flags
 * are documented in docs/query-language.md.
 *
 * <p>Map flags read the map columns of docs/schema.md, which are NULL for logs without a map; the
 * compiler wraps every flag in {@code coalesce(..., false)}, so a map flag is false there, not an error.
 */
public final class Catalog {
  /** Half a lane: objects with |lat| below it are in the ego lane. */
  public static final double HALF_LANE_M = 1.75;
  /** {@code near_intersection}: RefAV's near_intersection default threshold. */
  public static final double NEAR_INTERSECTION_M = 5.0;
  /** {@code at_crosswalk}: RefAV's at_pedestrian_crossing default within_distance. */
  public static final double AT_CROSSWALK_M = 1.0;
  /** {@code at_stop_sign}: RefAV's at_stop_sign default forward_thresh. */
  public static final double AT_STOP_SIGN_M = 10.0;

  private Catalog() {}

  /** What a field holds. */
  public enum Type { NUMBER, CATEGORY, TEXT }

  /** A field: its column (a format string with %1$s for the row alias) and type. */
  public record Field(String name, String sql, Type type, Dimension dimension, String description) {}

  /** A boolean property: SQL over the row alias (%1$s). */
  public record Flag(String name, String sql, String description) {}

  /** Fields and flags that ego and objects share: derived per track at ingest, or looked up in the map. */
  private static final Field LAT_ACCEL = num("lat_accel", "%1$s.lat_accel", Dimension.ACCEL,
      "acceleration across the heading, positive to the left");
  private static final Field TURN = new Field("turn", "%1$s.turn", Type.TEXT, Dimension.NONE,
      "left or right during a turn of more than 45 degrees");
  private static final Field LANE_TYPE = new Field("lane_type", "%1$s.lane_type", Type.TEXT, Dimension.NONE,
      "map lane type: VEHICLE, BIKE, BUS (NULL off lanes)");
  private static final Field LANE_CHANGE = new Field("lane_change", "%1$s.lane_change", Type.TEXT, Dimension.NONE,
      "left or right on the two rows around a step to the map lane's left or right neighbour (not in a turn)");
  private static final Field LANE_ID = new Field("lane_id", "%1$s.lane_id", Type.TEXT, Dimension.NONE,
      "map lane segment id (NULL off lanes)");
  private static final Flag TURNING = new Flag("turning", "(%1$s.turn IS NOT NULL)",
      "in a turn of more than 45 degrees (RefAV's turning)");
  private static final Flag CHANGING_LANES = new Flag("changing_lanes", "(%1$s.lane_change IS NOT NULL)",
      "stepping from a map lane to its left or right neighbour, outside turns (RefAV's changing_lanes, two rows)");

  /** Exact distances to map features (ego position, object box centre), the same for ego and objects. */
  private static final Field[] MAP_DISTANCES = {
      num("intersection_distance", "%1$s.intersection_distance", Dimension.LENGTH,
          "map: distance to the nearest intersection lane segment, 0 inside (NULL beyond 20 m)"),
      num("crosswalk_distance", "%1$s.crosswalk_distance", Dimension.LENGTH,
          "map: distance to the nearest pedestrian crossing, 0 inside (NULL beyond 20 m)"),
      num("stop_sign_distance", "%1$s.stop_sign_distance", Dimension.LENGTH,
          "map: distance ahead to a stop sign stopping the lane (NULL when none within 20 m)")};

  /** RefAV's map predicates with its default thresholds, the same for ego and objects. */
  private static final Flag[] MAP_PREDICATES = {
      new Flag("on_road", "(%1$s.lane_id IS NOT NULL)", "on a lane segment of the map (vehicle, bus or bike lane)"),
      new Flag("near_intersection", "(%1$s.intersection_distance <= " + NEAR_INTERSECTION_M + ")",
          "within 5 m of an intersection lane segment of the map"),
      new Flag("at_crosswalk", "(%1$s.crosswalk_distance <= " + AT_CROSSWALK_M + ")",
          "within 1 m of a pedestrian crossing of the map"),
      new Flag("at_stop_sign", "(%1$s.stop_sign_distance < " + AT_STOP_SIGN_M + ")",
          "in a lane a map stop sign stops, the sign less than 10 m ahead")};

  public static final Map<String, Field> EGO_FIELDS = fields(
      num("speed", "%1$s.speed", Dimension.SPEED, "speed over ground"),
      num("accel", "%1$s.accel", Dimension.ACCEL, "longitudinal acceleration, negative when braking"),
      num("jerk", "%1$s.jerk", Dimension.JERK, "rate of change of accel"),
      num("yaw_rate", "%1$s.yaw_rate", Dimension.ANGULAR_RATE, "turn rate, positive to the left"),
      num("x", "%1$s.x", Dimension.LENGTH, "log-local x"),
      num("y", "%1$s.y", Dimension.LENGTH, "log-local y"),
      num("z", "%1$s.z", Dimension.LENGTH, "log-local z"),
      num("yaw", "%1$s.yaw", Dimension.ANGLE, "heading"),
      LAT_ACCEL,
      TURN,
      LANE_TYPE,
      LANE_CHANGE,
      LANE_ID,
      MAP_DISTANCES[0], MAP_DISTANCES[1], MAP_DISTANCES[2]);

  public static final Map<String, Flag> EGO_FLAGS = flags(
      new Flag("stopped", "(%1$s.speed < 0.3)", "speed below 0.3 m/s"),
      new Flag("moving", "(%1$s.speed >= 0.3)", "speed at least 0.3 m/s"),
      new Flag("braking", "(%1$s.accel < -2.0)", "decelerating harder than 2 m/s^2"),
      new Flag("turning_left", "(%1$s.yaw_rate > 0.1 AND %1$s.speed > 1.0)", "yaw rate above 0.1 rad/s while moving"),
      new Flag("turning_right", "(%1$s.yaw_rate < -0.1 AND %1$s.speed > 1.0)", "yaw rate below -0.1 rad/s while moving"),
      new Flag("in_intersection", "(%1$s.in_intersection)", "on an intersection lane segment of the map"),
      new Flag("on_crosswalk", "(%1$s.on_crosswalk)", "on a pedestrian crossing of the map"),
      TURNING,
      CHANGING_LANES,
      MAP_PREDICATES[0], MAP_PREDICATES[1], MAP_PREDICATES[2], MAP_PREDICATES[3]);

  /** RefAV's stationary: the whole track stays within this many metres (its code; its docstring says 2). */
  public static final double STATIONARY_EXTENT_M = 3.0;

  public static final Map<String, Field> OBJECT_FIELDS = fields(
      new Field("category", "%1$s.category", Type.CATEGORY, Dimension.NONE, "normalized category"),
      new Field("source", "%1$s.source", Type.TEXT, Dimension.NONE, "gt or a model name"),
      new Field("track_id", "%1$s.track_id", Type.TEXT, Dimension.NONE, "track id"),
      new Field("raw_label", "%1$s.raw_label", Type.TEXT, Dimension.NONE, "the source's own label"),
      num("x", "%1$s.x", Dimension.LENGTH, "log-local x"),
      num("y", "%1$s.y", Dimension.LENGTH, "log-local y"),
      num("z", "%1$s.z", Dimension.LENGTH, "log-local z"),
      num("length", "%1$s.length", Dimension.LENGTH, "box length"),
      num("width", "%1$s.width", Dimension.LENGTH, "box width"),
      num("height", "%1$s.height", Dimension.LENGTH, "box height"),
      num("yaw", "%1$s.yaw", Dimension.ANGLE, "box heading"),
      num("speed", "%1$s.speed", Dimension.SPEED, "speed over ground"),
      num("accel", "%1$s.accel", Dimension.ACCEL, "rate of change of speed"),
      num("yaw_rate", "%1$s.yaw_rate", Dimension.ANGULAR_RATE, "turn rate"),
      LAT_ACCEL,
      TURN,
      num("track_extent", "%1$s.track_extent", Dimension.LENGTH, "how far the track moves in the log (box diagonal)"),
      num("score", "%1$s.score", Dimension.NONE, "detection score (NULL for ground truth)"),
      num("track_age", "%1$s.track_age_s", Dimension.TIME, "time since the track was first seen"),
      num("lon", "%1$s.lon", Dimension.LENGTH, "offset ahead of ego (negative behind)"),
      num("lat", "%1$s.lat", Dimension.LENGTH, "offset to ego's left (negative right)"),
      num("distance", "%1$s.distance", Dimension.LENGTH, "centre distance to ego"),
      num("rel_heading", "%1$s.rel_heading", Dimension.ANGLE, "heading relative to ego"),
      num("rel_vlon", "%1$s.rel_vlon", Dimension.SPEED, "velocity relative to ego, along ego heading"),
      num("rel_vlat", "%1$s.rel_vlat", Dimension.SPEED, "velocity relative to ego, to ego's left"),
      num("ttc", "%1$s.ttc", Dimension.TIME, "time to collision (NULL when not closing)"),
      LANE_TYPE,
      LANE_CHANGE,
      LANE_ID,
      MAP_DISTANCES[0], MAP_DISTANCES[1], MAP_DISTANCES[2]);

  public static final Map<String, Flag> OBJECT_FLAGS = flags(
      new Flag("ahead", "(%1$s.lon > 0 AND abs(%1$s.lat) <= %1$s.lon)", "in front of ego, within 45 degrees of its heading"),
      new Flag("behind", "(%1$s.lon < 0 AND abs(%1$s.lat) <= -%1$s.lon)", "behind ego, within 45 degrees"),
      new Flag("left", "(%1$s.lat > 0)", "on ego's left side"),
      new Flag("right", "(%1$s.lat < 0)", "on ego's right side"),
      new Flag("ego_lane", "(%1$s.lat < " + HALF_LANE_M + " AND %1$s.lat > -" + HALF_LANE_M + ")", "same lane as ego (|lat| < 1.75 m)"),
      new Flag("in_path", "(%1$s.lon > 0 AND %1$s.lat < " + HALF_LANE_M + " AND %1$s.lat > -" + HALF_LANE_M + ")", "ahead in ego's lane"),
      new Flag("adjacent_lane", "(abs(%1$s.lat) >= " + HALF_LANE_M + " AND abs(%1$s.lat) < " + 3 * HALF_LANE_M + ")",
          "in a lane next to ego's (1.75 m <= |lat| < 5.25 m)"),
      new Flag("left_lane", "(%1$s.lat >= " + HALF_LANE_M + " AND %1$s.lat < " + 3 * HALF_LANE_M + ")", "in the lane to ego's left"),
      new Flag("right_lane", "(%1$s.lat <= -" + HALF_LANE_M + " AND %1$s.lat > -" + 3 * HALF_LANE_M + ")", "in the lane to ego's right"),
      new Flag("oncoming", "(abs(%1$s.rel_heading) > radians(150))", "heading within 30 degrees of opposite to ego"),
      new Flag("same_direction", "(%1$s.rel_heading < " + Math.toRadians(30) + " AND %1$s.rel_heading > -" + Math.toRadians(30) + ")", "heading within 30 degrees of ego's"),
      new Flag("crossing", "(%1$s.speed > 0.3 AND abs(%1$s.rel_vlat) > 0.7 * %1$s.speed)",
          "moving across ego's heading (velocity more than 45 degrees off it)"),
      new Flag("moving", "(%1$s.speed >= 0.5)", "speed at least 0.5 m/s"),
      new Flag("stopped", "(%1$s.speed < 0.5)", "speed below 0.5 m/s"),
      new Flag("closing", "(%1$s.ttc IS NOT NULL)", "the distance to ego is shrinking"),
      new Flag("stationary", "(%1$s.track_extent < " + STATIONARY_EXTENT_M + ")",
          "the whole track stays within 3 m (RefAV's stationary): parked, not just stopped"),
      TURNING,
      CHANGING_LANES,
      new Flag("in_intersection", "(%1$s.in_intersection)", "on an intersection lane segment of the map"),
      new Flag("on_crosswalk", "(%1$s.on_crosswalk)", "on a pedestrian crossing of the map"),
      new Flag("on_drivable", "(%1$s.on_drivable)", "on the drivable area of the map"),
      new Flag("same_lane_map", "(%1$s.same_lane_map)", "on the same map lane segment as ego"),
      MAP_PREDICATES[0], MAP_PREDICATES[1], MAP_PREDICATES[2], MAP_PREDICATES[3],
      new Flag("off_crosswalk_road", "(CASE WHEN %1$s.on_drivable IS NULL THEN abs(%1$s.lat) < " + 3 * HALF_LANE_M
          + " ELSE %1$s.on_drivable AND NOT coalesce(%1$s.on_crosswalk, false) END)",
          "on the road but off crosswalks: from the map where the log has one, else |lat| < 5.25 m"));

  /** Object kinds usable after a quantifier: groups, then categories (singular or plural). */
  public static final Map<String, List<String>> GROUPS = Map.of(
      "object", List.of(),
      "vehicle", Arrays.stream(Category.values()).filter(Category::isVehicle).map(Category::sqlName).toList(),
      "vru", List.of("pedestrian", "cyclist", "motorcyclist"));

  /**
   * Relations between two variables {@code f(a, b)} and the unit of their value: where {@code a} is in
   * {@code b}'s frame, how their headings and motions relate (definitions in docs/query-language.md).
   */
  public static final Map<String, Dimension> RELATIONS = relations();

  /** Functions usable as operands. */
  public static final List<String> FUNCTIONS = List.of("abs", "distance", "lon_of", "lat_of", "heading_of", "bearing_of",
      "course_of", "vlon_of", "vlat_of", "closing_speed");

  private static Map<String, Dimension> relations() {
    Map<String, Dimension> m = new LinkedHashMap<>();
    m.put("distance", Dimension.LENGTH);
    m.put("lon_of", Dimension.LENGTH);
    m.put("lat_of", Dimension.LENGTH);
    m.put("heading_of", Dimension.ANGLE);
    m.put("bearing_of", Dimension.ANGLE);
    m.put("course_of", Dimension.ANGLE);
    m.put("vlon_of", Dimension.SPEED);
    m.put("vlat_of", Dimension.SPEED);
    m.put("closing_speed", Dimension.SPEED);
    return java.util.Collections.unmodifiableMap(m);
  }

  /** The categories a kind word stands for (empty = every category), or empty Optional if unknown. */
  public static Optional<List<String>> kind(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    for (String candidate : List.of(w, singular(w))) {
      if (GROUPS.containsKey(candidate)) {
        return Optional.of(GROUPS.get(candidate));
      }
      for (Category c : Category.values()) {
        if (c.sqlName().equals(candidate)) {
          return Optional.of(List.of(c.sqlName()));
        }
      }
    }
    return Optional.empty();
  }

  /** Every kind word, for suggestions. */
  public static List<String> kindNames() {
    List<String> names = new ArrayList<>(List.of("object", "vehicle", "vru"));
    Arrays.stream(Category.values()).map(Category::sqlName).forEach(names::add);
    return names;
  }

  /** True when {@code word} names a category or group (for comparisons with {@code .category}). */
  public static boolean isCategoryWord(String word) {
    return kind(word).isPresent() && !word.equalsIgnoreCase("object") && !word.equalsIgnoreCase("objects");
  }

  /** Names from {@code candidates} close to {@code name}: same prefix or within edit distance 2, best first. */
  public static List<String> near(String name, java.util.Collection<String> candidates) {
    String n = name.toLowerCase(Locale.ROOT);
    return candidates.stream()
        .filter(c -> c.startsWith(n) || n.startsWith(c) && c.length() > 2 || editDistance(n, c) <= Math.max(1, n.length() / 3))
        .sorted(Comparator.comparingInt(c -> editDistance(n, c)))
        .limit(6).toList();
  }

  static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static String singular(String w) {
    if (w.endsWith("ies")) {
      return w.substring(0, w.length() - 3) + "y";
    }
    if (w.endsWith("es") && (w.endsWith("buses") || w.endsWith("ches"))) {
      return w.substring(0, w.length() - 2);
    }
    return w.endsWith("s") ? w.substring(0, w.length() - 1) : w;
  }

  private static Field num(String name, String sql, Dimension d, String description) {
    return new Field(name, sql, Type.NUMBER, d, description);
  }

  private static Map<String, Field> fields(Field... fs) {
    Map<String, Field> m = new LinkedHashMap<>();
    for (Field f : fs) {
      m.put(f.name(), f);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  private static Map<String, Flag> flags(Flag... fs) {
    Map<String, Flag> m = new LinkedHashMap<>();
    for (Flag f : fs) {
      m.put(f.name(), f);
    }
    return java.util.Collections.unmodifiableMap(m);
  }
}
