package dev.fleetmine.synth;

import java.util.SplittableRandom;

/**
 * MOBIL-like background lane changes: a vehicle stuck behind a slower one moves to an adjacent lane
 * when both gaps there are safe. Vehicles ahead of the ego in its lane leave it after a while (or when a
 * scenario asks for a clear lane); vehicles behind the ego overtake it. Nothing ever changes into the
 * ego lane, no lane change starts within 40 m before or 60 m after a turn or below 5 m/s, and a lane
 * change is slow enough that the heading leaves the lane direction by at most 0.15 rad.
 */
final class LaneChanges {
  /** Peak lateral speed of a quintic lane change, per metre of offset and per second of duration. */
  static final double PEAK_LATERAL = 1.875;
  private static final double MAX_SLIP = 0.15;
  private static final double MIN_SPEED = 5;

  private final Traffic tr;
  private final Population pop;
  private final SplittableRandom rng;

  LaneChanges(Traffic tr, Population pop, SplittableRandom rng) {
    this.tr = tr;
    this.pop = pop;
    this.rng = rng;
  }

  /** Lets each eligible vehicle consider a lane change about every two seconds. */
  void decide(double t) {
    if (!pop.laneChangesAllowed) {
      return;
    }
    for (Agent a : tr.agents) {
      if (a.kind != Agent.Kind.VEHICLE || a.dir < 0 || a.changingLane() || a.scripted || a.ghost()
          || !Double.isNaN(a.straightFrom) || t < a.cooldownUntil || rng.nextDouble() > 0.05) {
        continue;
      }
      if (a.v < MIN_SPEED || tr.route.straightAhead(a.s) < 60 || tr.route.straightBehind(a.s) < 40) {
        continue;
      }
      Lane target = choose(a, t);
      if (target != null && safe(a, target)) {
        // slow enough sideways that the heading leaves the lane direction by at most MAX_SLIP
        double minDuration = PEAK_LATERAL * Road.LANE_WIDTH / (Math.tan(MAX_SLIP) * a.v);
        tr.startLaneChange(a, target, Math.max(minDuration, pop.uniform(3.5, 5.0)));
        a.cooldownUntil = t + 15;
      }
    }
  }

  private Lane choose(Agent a, double t) {
    Road road = tr.road;
    Agent ego = tr.ego;
    if (a.lane == road.egoLane) {
      double rel = a.s - ego.s;
      boolean leave = rel > 15 && !a.noExit && (a.exitRequested || t - a.bornAt > a.patience);
      boolean overtake = rel < -8 && rel > -45 && a.v0 > ego.v + 1;
      if (!leave && !overtake) {
        return null;
      }
      Lane[] n = road.egoNeighbours();
      return n[rng.nextInt(n.length)];
    }
    Agent leader = leaderIn(a.lane, a);
    if (leader == null || leader.s - a.s > 50 || leader.v > a.v0 - 1.5) {
      return null;
    }
    int j = a.lane.id;
    Lane best = null;
    double bestGap = leader.s - a.s;
    for (int k = j - 1; k <= j + 1; k += 2) {
      if (k < 0 || k >= road.lanesPerDirection || road.same[k] == road.egoLane) {
        continue;
      }
      Agent l = leaderIn(road.same[k], a);
      double gap = l == null ? 1e9 : l.s - a.s;
      if (gap > bestGap + 20) {
        best = road.same[k];
        bestGap = gap;
      }
    }
    return best;
  }

  private static Agent leaderIn(Lane lane, Agent a) {
    Agent best = null;
    for (Agent m : lane.members) {
      if (m != a && m.s > a.s && (best == null || m.s < best.s)) {
        best = m;
      }
    }
    return best;
  }

  /** Gap acceptance in the target lane, ahead and behind, growing with speed and closing speed. */
  private static boolean safe(Agent a, Lane target) {
    for (Agent m : target.members) {
      if (m == a) {
        continue;
      }
      double gap = Math.abs(m.s - a.s) - (m.length + a.length) / 2;
      double need = m.s > a.s
          ? 6 + 0.5 * a.v + 2 * Math.max(0, a.v - m.v)
          : 6 + 0.6 * m.v + 3 * Math.max(0, m.v - a.v);
      if (gap < need) {
        return false;
      }
    }
    return true;
  }
}
