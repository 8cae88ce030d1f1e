package dev.fleetmine.synth;

import dev.fleetmine.ingest.Category;

/**
 * One simulated road user, or the ego: Frenet state along the route (s, d, path speed), its body, its
 * driver parameters and the world pose of the last emitted frame. Mutable on purpose: the simulator
 * updates tens of millions of these states per second and must not allocate per step.
 */
final class Agent {
  enum Kind { EGO, VEHICLE, CYCLIST, PEDESTRIAN }

  /** Assigned when the agent enters the world ({@link Traffic#add}), so failed spawns use no ids. */
  String trackId;
  final String idPrefix;
  final Kind kind;
  final Category category;
  final String rawLabel;
  final double length;
  final double width;
  final double height;

  /** Current lane (for pedestrians: null; {@link #sidewalk} tells which). */
  Lane lane;
  /** Lane being changed into, or null. */
  Lane lcTarget;
  double lcFromD;
  double lcU;
  double lcDuration;
  int sidewalk;

  int dir;
  double s;
  double v;
  double accel;
  double d;
  double dDot;

  double v0;
  double v0Effective;
  double aMax;
  double headway;
  double accNew;

  /** Route position after which this agent drives straight on instead of following the route; NaN if never. */
  double straightFrom = Double.NaN;

  /** When set, {@link #scriptAccel} replaces the driver model (scenario actors). */
  boolean scripted;
  double scriptAccel;

  boolean noExit;
  /** A scenario's actor that may pass the ego on its right (exempt from the keep-behind rule). */
  boolean passesOnRight;
  boolean exitRequested;
  double bornAt;
  double patience;
  double cooldownUntil;
  boolean dead;

  /** Pedestrians crossing the road: target offset (NaN when walking along a sidewalk) and standing still. */
  double crossTargetD = Double.NaN;
  boolean standing;

  double wx;
  double wy;
  double wyaw = Double.NaN;
  double wvx;
  double wvy;
  int segHint;

  Agent(String idPrefix, Kind kind, Category category, String rawLabel, double length, double width, double height) {
    this.idPrefix = idPrefix;
    this.kind = kind;
    this.category = category;
    this.rawLabel = rawLabel;
    this.length = length;
    this.width = width;
    this.height = height;
  }

  /**
   * Whether this agent takes up room in {@code l} for the vehicles following in it. A lane changer keeps
   * its old lane until it has left it; followers in the target lane make room from the start (they see
   * the indicator), except in the ego lane, where the ego reacts once the cutter overlaps it laterally.
   */
  boolean occupies(Lane l) {
    if (lcTarget == null) {
      return lane == l;
    }
    if (l == lcTarget && !l.egoLane) {
      return true;
    }
    return Math.abs(d - l.d) < 2.6;
  }

  boolean changingLane() {
    return lcTarget != null;
  }

  boolean ghost() {
    return lane != null && lane.ghost;
  }

  double speed() {
    return Math.sqrt(wvx * wvx + wvy * wvy);
  }
}
