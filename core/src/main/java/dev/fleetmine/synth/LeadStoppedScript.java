package dev.fleetmine.synth;

import dev.fleetmine.ingest.Category;

/**
 * LEAD_VEHICLE_STOPPED: with the ego lane clear, a car stands still in it at the front of the window;
 * the ego approaches with its driver model and stops behind it. Two to four seconds after the ego has
 * stood for two seconds, the car drives off. Truth: from the first frame the standing car is less than
 * 40 m ahead of the ego to one frame after the last frame it moves slower than 0.5 m/s.
 */
final class LeadStoppedScript extends Script {
  private Agent car;
  private boolean released;
  private int stoppedFrames;
  private double releaseAt = Double.NaN;
  private double startedAt;
  private int lastSlow = -1;
  private int within50 = -1;

  LeadStoppedScript() {
    super(ScenarioType.LEAD_VEHICLE_STOPPED);
  }

  @Override
  void prepare(LogSimulation sim) {
    sim.pop.inhibitEgoLaneFront = true;
  }

  @Override
  boolean tryStart(LogSimulation sim, int frame, double t) {
    sim.requestClearEgoLane();
    Agent ego = sim.ego;
    Lane lane = sim.road.egoLane;
    double s = ego.s + Population.WINDOW - 2;
    if (ego.v < 4 || sim.tr.laneBusy(lane, ego.s + 2.5, s + 15)
        || sim.route.straightAhead(ego.s) < Population.WINDOW + 30) {
      return false;
    }
    car = sim.pop.newVehicle(Category.CAR, lane, t);
    car.s = s;
    car.v = 0;
    car.scripted = true;
    car.scriptAccel = 0;
    car.noExit = true;
    car.cooldownUntil = Double.POSITIVE_INFINITY;
    sim.tr.add(car);
    startedAt = t;
    tracks.add(car.trackId);
    return true;
  }

  @Override
  boolean step(LogSimulation sim, int frame, double t) {
    Agent ego = sim.ego;
    if (!released) {
      car.scriptAccel = 0;
      double lon = sim.tr.lon(car);
      if (within50 < 0 && frame > 0 && lon < 50) {
        within50 = frame - 1;
      }
      if (startFrame < 0 && frame > 0 && lon < 40) {
        startFrame = frame - 1;
      }
      stoppedFrames = ego.v < 0.3 ? stoppedFrames + 1 : 0;
      if (stoppedFrames == 20 && Double.isNaN(releaseAt)) {
        releaseAt = t + sim.pop.uniform(2, 4);
      }
      if (t >= releaseAt || t - startedAt > 45) {
        released = true;
        car.scripted = false;
      }
    }
    if (startFrame >= 0 && car.v < 0.5) {
      lastSlow = frame;
    }
    if (released && car.v > 3) {
      endFrame = Math.max(startFrame, lastSlow + 1);
      recordStoppedVehicle();
      return true;
    }
    return false;
  }

  @Override
  void release(LogSimulation sim) {
    sim.pop.inhibitEgoLaneFront = false;
    if (car != null) {
      car.scripted = false;
      car.noExit = false;
      car.cooldownUntil = 0;
      if (endFrame < 0 && startFrame >= 0) {
        endFrame = Math.max(startFrame, lastSlow + 1);
        recordStoppedVehicle();
      }
    }
  }

  /** The standing car is also a STOPPED_VEHICLE: from coming within 50 m to the end of this truth. */
  private void recordStoppedVehicle() {
    if (within50 >= 0 && also.isEmpty()) {
      also.add(new Also(ScenarioType.STOPPED_VEHICLE, within50, endFrame, tracks));
    }
  }
}
