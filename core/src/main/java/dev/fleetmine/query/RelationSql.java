package dev.fleetmine.query;

/**
 * The SQL of the scenario language's relations between two variables ({@code lon_of(a, b)},
 * {@code heading_of(a, b)}, ...; definitions in docs/query-language.md), over the row aliases of the two
 * variables. Every relation is centre to centre and reads the columns x, y, yaw, vx, vy that ego and object
 * rows share.
 */
final class RelationSql {
  private RelationSql() {}

  /** The SQL value of {@code function(a, b)} for rows aliased {@code a} and {@code b}. */
  static String of(String function, String a, String b) {
    String dx = "(" + a + ".x - " + b + ".x)";
    String dy = "(" + a + ".y - " + b + ".y)";
    return switch (function) {
      case "distance" -> "sqrt(" + dx + " * " + dx + " + " + dy + " * " + dy + ")";
      case "lon_of" -> rotate(dx, dy, b, true);
      case "lat_of" -> rotate(dx, dy, b, false);
      case "heading_of" -> "atan2(sin(" + a + ".yaw - " + b + ".yaw), cos(" + a + ".yaw - " + b + ".yaw))";
      // b's centre in a's frame: the negated offset rotated by a's heading
      case "bearing_of" -> "atan2(" + rotate("(-" + dx + ")", "(-" + dy + ")", a, false) + ", "
          + rotate("(-" + dx + ")", "(-" + dy + ")", a, true) + ")";
      // NULL when a does not move (greatest/least would turn a NULL cosine into an angle of 0)
      case "course_of" -> clampedAcos("(-" + dx + " * " + a + ".vx - " + dy + " * " + a + ".vy)"
          + " / nullif(sqrt(" + a + ".vx * " + a + ".vx + " + a + ".vy * " + a + ".vy) * sqrt(" + dx + " * " + dx
          + " + " + dy + " * " + dy + "), 0)");
      case "vlon_of" -> rotate(a + ".vx", a + ".vy", b, true);
      case "vlat_of" -> rotate(a + ".vx", a + ".vy", b, false);
      // the rate at which the centres approach: minus the range rate
      case "closing_speed" -> "(-(" + dx + " * (" + a + ".vx - " + b + ".vx) + " + dy + " * (" + a + ".vy - " + b + ".vy))"
          + " / nullif(sqrt(" + dx + " * " + dx + " + " + dy + " * " + dy + "), 0))";
      default -> throw new IllegalArgumentException("not a relation: " + function);
    };
  }

  /** acos of a cosine clamped to [-1, 1] against rounding, NULL when the cosine is NULL. */
  private static String clampedAcos(String cosine) {
    return "acos(CASE WHEN " + cosine + " > 1 THEN 1.0 WHEN " + cosine + " < -1 THEN -1.0 ELSE " + cosine + " END)";
  }

  /** The vector (x, y) in the frame of {@code frame}'s heading: its forward (lon) or leftward (lat) component. */
  private static String rotate(String x, String y, String frame, boolean lon) {
    return lon ? "(" + x + " * cos(" + frame + ".yaw) + " + y + " * sin(" + frame + ".yaw))"
        : "(-" + x + " * sin(" + frame + ".yaw) + " + y + " * cos(" + frame + ".yaw))";
  }
}
