package dev.fleetmine.synth;

import dev.fleetmine.ingest.Category;

/**
 * NEAR_MISS: on an urban straight, a car coming towards the ego in the inner oncoming lane drifts over
 * the centre line towards the ego's lane (to 2.05 m beside the ego's centre line, its side about 0.1 m
 * from the ego's box) and swerves back, so that for about a second it is on a collision course with a
 * time to collision under 1.5 s. The ego keeps its lane and speed (no braking, so no hard brake). Truth:
 * from the start of the drift to one frame after the car has passed the ego's centre.
 */
final class NearMissScript extends Script {
  /** Closest the car's centre comes to the ego lane's centre line, m. */
  private static final double CLOSEST_D = 2.05;
  private static final double DRIFT_S = 2.2;
  private static final double DRIFT_START_LON = 36;

  private Agent car;
  private double laneD;
  private double driftStart = Double.NaN;

  NearMissScript() {
    super(ScenarioType.NEAR_MISS);
  }

  @Override
  void prepare(LogSimulation sim) {
    sim.pop.inhibitOncoming = true;
  }

  @Override
  boolean tryStart(LogSimulation sim, int frame, double t) {
    Agent ego = sim.ego;
    Lane lane = sim.road.oncoming[0];
    double s = ego.s + Population.WINDOW - 2;
    if (!sim.road.urban() || ego.v < 6 || sim.route.straightAhead(ego.s) < Population.WINDOW + 30
        || sim.route.straightBehind(ego.s) < 20 || sim.tr.laneBusy(lane, ego.s - 20, s + 20)) {
      return false;
    }
    car = sim.pop.newVehicle(Category.CAR, lane, t);
    car.s = s;
    car.v = sim.road.speedLimit() * sim.pop.uniform(0.8, 0.9);
    car.scripted = true;
    car.scriptAccel = 0;
    car.noExit = true;
    car.cooldownUntil = Double.POSITIVE_INFINITY;
    laneD = lane.d;
    sim.tr.add(car);
    tracks.add(car.trackId);
    return true;
  }

  @Override
  boolean step(LogSimulation sim, int frame, double t) {
    double lon = car.s - sim.ego.s;
    if (Double.isNaN(driftStart) && lon < DRIFT_START_LON) {
      driftStart = t;
      startFrame = frame;
    }
    if (!Double.isNaN(driftStart)) {
      // half a sine out and back: zero lateral offset at both ends, deepest at the middle
      double u = Math.min(1, (t + Traffic.DT - driftStart) / DRIFT_S);
      double depth = laneD - CLOSEST_D;
      car.d = laneD - depth * Math.sin(Math.PI * u);
      car.dDot = u >= 1 ? 0 : -depth * Math.PI / DRIFT_S * Math.cos(Math.PI * u);
    }
    if (startFrame >= 0 && lon < -car.length && endFrame < 0) {
      endFrame = frame;
    }
    return endFrame >= 0 && car.d == laneD;
  }

  @Override
  void release(LogSimulation sim) {
    sim.pop.inhibitOncoming = false;
    if (car != null) {
      car.d = laneD;
      car.dDot = 0;
      car.scripted = false;
      car.noExit = false;
      car.cooldownUntil = 0;
      if (endFrame < 0 && startFrame >= 0) {
        endFrame = sim.frame;
      }
    }
  }
}
