package dev.fleetmine.synth;

import java.util.Locale;

/**
 * The scenarios the synthetic fleet injects with exact truth. docs/synthetic-fleet.md defines each one
 * ego-relatively, on the lake's columns; that definition is the contract scenario mining is tested against.
 */
public enum ScenarioType {
  /** A vehicle in an adjacent lane merges into the ego lane just ahead of the ego. */
  CUT_IN("cut_in"),
  /** The ego decelerates harder than -4 m/s^2 because its lead vehicle brakes hard. */
  HARD_BRAKE("hard_brake"),
  /** A pedestrian crosses the ego lane ahead while the ego approaches and yields. */
  PEDESTRIAN_CROSSING("pedestrian_crossing"),
  /** A vehicle stands in the ego lane ahead; the ego approaches and stops behind it. */
  LEAD_VEHICLE_STOPPED("lead_vehicle_stopped"),
  /** The ego turns left at an intersection while an oncoming vehicle approaches and passes. */
  LEFT_TURN_ACROSS_ONCOMING("left_turn_across_oncoming"),
  /** A vehicle passes the ego in the lane to its right, same direction, faster by more than 1 m/s. */
  OVERTAKING_ON_RIGHT("overtaking_on_right"),
  /**
   * A vehicle stands on the road ahead while the ego moves; recorded with every LEAD_VEHICLE_STOPPED (the
   * standing car is such a vehicle) from the frame it comes within 50 m of the ego.
   */
  STOPPED_VEHICLE("stopped_vehicle"),
  /** An oncoming car drifts towards the ego's lane, on a collision course, and swerves back in time. */
  NEAR_MISS("near_miss"),
  /**
   * A pedestrian walks across the road ahead away from any crosswalk; the synthetic world has no map, so
   * every PEDESTRIAN_CROSSING is also one, recorded from stepping off the curb to reaching the far one.
   */
  JAYWALKER("jaywalker");

  private final String sqlName;

  ScenarioType(String sqlName) {
    this.sqlName = sqlName;
  }

  /** The name used in truth tables and event types, for example {@code cut_in}. */
  public String sqlName() {
    return sqlName;
  }

  /** The {@code events.type} of this scenario's truth events, for example {@code scenario:cut_in}. */
  public String eventType() {
    return "scenario:" + sqlName;
  }

  /** The type whose {@link #sqlName()} is {@code name} (case-insensitive). */
  public static ScenarioType fromSqlName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (ScenarioType t : values()) {
      if (t.sqlName.equals(n)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown scenario '" + name + "'");
  }
}
