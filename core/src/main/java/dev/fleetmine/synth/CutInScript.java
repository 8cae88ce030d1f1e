package dev.fleetmine.synth;

import dev.fleetmine.ingest.Category;

/**
 * CUT_IN: with the ego lane clear ahead, a vehicle in an adjacent lane that is closing in on its merge
 * point (coming up from behind faster than the ego, or being caught up from ahead) merges into the ego
 * lane over 3-4 s at constant speed, timed so that its centre enters |lat| <= 1 m about 7-15 m
 * ahead of the ego centre. When no such vehicle is around, a car appears 20-70 m behind in the adjacent
 * lane 2-6 m/s faster than the ego. Truth: the lane change, start to end.
 */
final class CutInScript extends Script {
  /** Fraction of a quintic lane change after which the mover is within 1 m of the target lane centre. */
  private static final double CROSS_FRACTION = 0.62;
  /** Speed difference to the ego that a cutter driving at the ego's speed takes up to reach its merge point, m/s. */
  private static final double BOOST = 2.5;
  /** Slowest cutter, m/s: with the shortest duration its heading stays within MAX_SLIP of the lane's. */
  private static final double MIN_SPEED = 8;
  private static final double MAX_SLIP = 0.25;

  private Agent cutter;
  private double lonCross;
  private double duration;
  private double prevDelta = Double.NaN;
  private double chosenAt;
  private double cutterV0;
  private PassWatch pass = new PassWatch();

  CutInScript() {
    super(ScenarioType.CUT_IN);
  }

  @Override
  void prepare(LogSimulation sim) {
    sim.pop.inhibitEgoLaneFront = true;
    sim.pop.inhibitSameFront = true;
  }

  @Override
  boolean tryStart(LogSimulation sim, int frame, double t) {
    sim.requestClearEgoLane();
    Agent ego = sim.ego;
    if (cutter != null && (cutter.dead || cutter.changingLane())) {
      cutter.passesOnRight = false;
      endPass();
      cutter = null;
    }
    if (cutter == null) {
      findCutter(sim, t);
      return false;
    }
    pass.note(sim, cutter, frame);
    double dv = cutter.v - ego.v;
    double delta = cutter.s - ego.s - (lonCross - dv * CROSS_FRACTION * duration);
    boolean reached = Math.abs(delta) < 0.3 || (!Double.isNaN(prevDelta) && prevDelta * delta <= 0);
    prevDelta = delta;
    if (!reached) {
      boolean fallingBack = delta < 0 && dv < -0.5;
      boolean pulledAway = delta > 0 && dv > 0.5;
      if (fallingBack || pulledAway || t - chosenAt > 45) {
        letGo(cutter);
        endPass();
        cutter = null;
      }
      return false;
    }
    Road road = sim.road;
    if (sim.route.straightAhead(ego.s) >= 80 && sim.route.straightBehind(ego.s) >= 20
        && !sim.tr.laneBusy(road.egoLane, ego.s + 2.5, ego.s + 80)) {
      sim.tr.startLaneChange(cutter, road.egoLane, duration);
      cutter.scripted = true;
      cutter.scriptAccel = 0;
      startFrame = frame;
      tracks.add(cutter.trackId);
      return true;
    }
    letGo(cutter);
    endPass();
    cutter = null;
    return false;
  }

  /**
   * Records the current cutter's pass on the ego's right, if it made one (a cutter from the right lane
   * passes the ego there before it merges, whether or not the merge then happens), and forgets it.
   */
  private void endPass() {
    pass.record(also, java.util.List.of(cutter.trackId));
    pass = new PassWatch();
  }

  /** Picks the vehicle in an adjacent lane that will reach its merge point first, else spawns one. */
  private void findCutter(LogSimulation sim, double t) {
    Agent ego = sim.ego;
    Road road = sim.road;
    prevDelta = Double.NaN;
    if (ego.v < 7 || sim.tr.laneBusy(road.egoLane, ego.s + 2.5, ego.s + 100)
        || sim.route.straightAhead(ego.s) < (road.urban() ? 250 : 450)) {
      return;
    }
    Lane[] neighbours = road.egoNeighbours();
    Lane from = neighbours[sim.rng.nextInt(neighbours.length)];
    double cross = sim.pop.uniform(9, 13);
    double dur = sim.pop.uniform(3, 4);
    double maxV = 1.08 * road.speedLimit();
    Agent best = null;
    double bestTime = 40;
    for (Agent a : from.members) {
      double dv = a.v - ego.v;
      double delta = a.s - ego.s - (cross - dv * CROSS_FRACTION * dur);
      // at about the ego's speed: merge now if at the merge point, else close in on it by BOOST
      double time = Math.abs(delta) < 2 ? 0 : Math.abs(dv) < 1 ? 5 + Math.abs(delta) / BOOST : -delta / dv;
      if (a.kind == Agent.Kind.VEHICLE && !a.scripted && !a.changingLane() && Double.isNaN(a.straightFrom)
          && a.v <= maxV && a.v >= MIN_SPEED && (Math.abs(dv) >= 1 || delta < 0 || ego.v - BOOST >= MIN_SPEED)
          && a.s - ego.s > -70 && a.s - ego.s < 45 && time >= 0
          && time < bestTime && pathClear(sim, from, a, ego.s + cross)) {
        best = a;
        bestTime = time;
      }
    }
    if (best == null) {
      best = spawnCutter(sim, from, t);
    }
    if (best != null) {
      cutterV0 = best.v0;
      double dvBest = best.v - ego.v;
      double deltaBest = best.s - ego.s - (cross - dvBest * CROSS_FRACTION * dur);
      best.v0 = Math.abs(dvBest) >= 1 || Math.abs(deltaBest) < 2 ? best.v
          : deltaBest < 0 ? Math.min(maxV, ego.v + BOOST) : ego.v - BOOST;
      chosenAt = t;
      best.noExit = true;
      best.passesOnRight = true;
      best.cooldownUntil = Double.POSITIVE_INFINITY;
      cutter = best;
      double dv = best.v - ego.v;
      double delta = best.s - ego.s - (cross - dv * CROSS_FRACTION * dur);
      lonCross = Math.abs(delta) < 2 ? cross + delta : cross;
      duration = Math.max(dur, minDuration(Math.min(best.v, best.v0)));
    }
  }

  /** Whether no other vehicle in the lane is near the stretch between {@code a} and its merge point, or just beyond it. */
  private static boolean pathClear(LogSimulation sim, Lane lane, Agent a, double mergeS) {
    double lo = Math.min(a.s, mergeS) - 8;
    double hi = Math.max(a.s + 8, mergeS + 25);
    for (Agent m : lane.members) {
      if (m != a && m.s > lo && m.s < hi) {
        return false;
      }
    }
    return true;
  }

  /** Shortest lane change at speed v whose heading leaves the lane direction by at most MAX_SLIP. */
  private static double minDuration(double v) {
    return LaneChanges.PEAK_LATERAL * Road.LANE_WIDTH / (Math.tan(MAX_SLIP) * v);
  }

  private static Agent spawnCutter(LogSimulation sim, Lane from, double t) {
    Agent ego = sim.ego;
    Road road = sim.road;
    double dv = road.urban() ? sim.pop.uniform(2.2, 3.2) : sim.pop.uniform(3, 6);
    dv = Math.min(dv, 1.08 * road.speedLimit() - ego.v);
    if (dv < 1.5) {
      return null;
    }
    Agent c = sim.pop.newVehicle(Category.CAR, from, t);
    c.v = ego.v + dv;
    for (double rel = -70; rel <= -20; rel += 5) {
      c.s = ego.s + rel;
      if (!sim.tr.laneBusy(from, c.s - 10, ego.s + 40) && sim.pop.roomFor(from, c.s, c.v, c.length)) {
        sim.tr.add(c);
        return c;
      }
    }
    return null;
  }

  @Override
  boolean step(LogSimulation sim, int frame, double t) {
    pass.note(sim, cutter, frame);
    if (cutter.changingLane()) {
      cutter.scriptAccel = 0;
      return false;
    }
    if (endFrame < 0) {
      endFrame = frame;
      cutter.scripted = false;
      cutter.v0 = Math.max(cutterV0, cutter.v);
    }
    return frame >= endFrame + 10;
  }

  @Override
  void release(LogSimulation sim) {
    sim.pop.inhibitEgoLaneFront = false;
    sim.pop.inhibitSameFront = false;
    if (cutter != null) {
      letGo(cutter);
      endPass();
    }
  }

  private static void letGo(Agent a) {
    a.scripted = false;
    a.passesOnRight = false;
    a.noExit = false;
    a.cooldownUntil = 0;
  }
}
