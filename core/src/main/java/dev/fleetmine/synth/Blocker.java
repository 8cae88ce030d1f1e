package dev.fleetmine.synth;

import java.util.HashSet;
import java.util.Set;

/**
 * A virtual stop line in one lane (a crosswalk in use, a yield line): while active, agents in the lane
 * treat it as a standing obstacle, except those that could not stop comfortably when it came on.
 */
final class Blocker {
  /** Deceleration above which an agent is committed and passes instead of stopping, m/s^2. */
  static final double MAX_STOP_DECEL = 2.5;

  final Lane lane;
  final double s;
  /** When true, agents going straight through (non-NaN straightFrom) ignore the line. */
  final boolean routeFollowersOnly;
  private boolean active;
  private final Set<Agent> committed = new HashSet<>();

  Blocker(Lane lane, double s, boolean routeFollowersOnly) {
    this.lane = lane;
    this.s = s;
    this.routeFollowersOnly = routeFollowersOnly;
  }

  boolean active() {
    return active;
  }

  /** Switches the line on; agents that cannot stop before it comfortably are let through. */
  void activate() {
    if (active) {
      return;
    }
    active = true;
    committed.clear();
    for (Agent a : lane.members) {
      double gap = gapOf(a);
      if (gap > -0.5 && a.v * a.v / (2 * Math.max(gap - Idm.S0, 0.1)) > MAX_STOP_DECEL) {
        committed.add(a);
      }
    }
  }

  void deactivate() {
    active = false;
    committed.clear();
  }

  /** Whether agent {@code a} must treat this line as an obstacle now. */
  boolean binds(Agent a) {
    if (!active || committed.contains(a) || (routeFollowersOnly && !Double.isNaN(a.straightFrom))) {
      return false;
    }
    return gapOf(a) > -0.5;
  }

  /** Gap from the agent's front to the line, in its direction of travel. */
  double gapOf(Agent a) {
    return a.dir * (s - a.s) - a.length / 2;
  }
}
