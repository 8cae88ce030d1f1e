package dev.fleetmine.synth;

import dev.fleetmine.ingest.Category;

/**
 * OVERTAKING_ON_RIGHT: the nearest car kept 8-60 m behind the ego in the lane to its right (or, with that
 * lane clear from 75 m behind, a car appearing 40-60 m behind) gets a desired speed 2.2-3.5 m/s above the
 * ego's (at most 1.12 x the limit) and passes the ego with its driver model; it is the only vehicle exempt
 * from the rule that keeps traffic behind the ego on its right. Truth: from the frame before it comes within 5 m (lon) of the ego to one frame after it has
 * left that band ahead, when the scenario ends (noted with margins, see {@link PassWatch}).
 */
final class OvertakingRightScript extends Script {
  private Agent car;
  private final PassWatch pass = new PassWatch();

  OvertakingRightScript() {
    super(ScenarioType.OVERTAKING_ON_RIGHT);
  }

  @Override
  void prepare(LogSimulation sim) {
    sim.pop.inhibitSameFront = true;
  }

  @Override
  boolean tryStart(LogSimulation sim, int frame, double t) {
    Agent ego = sim.ego;
    Road road = sim.road;
    if (road.egoIndex + 1 >= road.same.length) {
      return false;
    }
    Lane right = road.same[road.egoIndex + 1];
    double dv = Math.min(sim.pop.uniform(2.2, 3.5), 1.12 * road.speedLimit() - ego.v);
    if (ego.v < 7 || dv < 2 || sim.route.straightAhead(ego.s) < 200 || sim.route.straightBehind(ego.s) < 80) {
      return false;
    }
    car = trailer(sim, right);
    if (car != null) {
      // the nearest car kept behind the ego on its right gets to pass
      car.v0 = ego.v + dv;
    } else if (!sim.tr.laneBusy(right, ego.s - 75, ego.s + 80)) {
      car = sim.pop.newVehicle(Category.CAR, right, t);
      car.s = ego.s - sim.pop.uniform(40, 60);
      car.v = ego.v + dv;
      car.v0 = car.v;
      sim.tr.add(car);
    } else {
      return false;
    }
    car.passesOnRight = true;
    car.noExit = true;
    car.cooldownUntil = Double.POSITIVE_INFINITY;
    tracks.add(car.trackId);
    return true;
  }

  /** The nearest vehicle 8-60 m behind the ego in the right lane, if the lane is clear from it to 80 m ahead. */
  private static Agent trailer(LogSimulation sim, Lane right) {
    Agent ego = sim.ego;
    Agent best = null;
    for (Agent a : right.members) {
      double rel = a.s - ego.s;
      if (a.kind == Agent.Kind.VEHICLE && !a.scripted && !a.changingLane() && Double.isNaN(a.straightFrom)
          && rel < -8 && rel > -60 && (best == null || a.s > best.s)) {
        best = a;
      }
    }
    if (best == null || sim.tr.laneBusy(right, best.s + best.length / 2 + 0.5, ego.s + 80)) {
      return null;
    }
    return best;
  }

  @Override
  boolean step(LogSimulation sim, int frame, double t) {
    pass.note(sim, car, frame);
    // over once it has left the 5 m band ahead: a later pass (after the ego caught up again) is not exempt
    if (sim.tr.lon(car) > 5.6) {
      if (pass.seen()) {
        startFrame = Math.max(0, firstOf(frame));
        endFrame = pass.lastFrame() + 1;
      }
      return true;
    }
    return false;
  }

  private int firstOf(int frame) {
    java.util.List<Also> tmp = new java.util.ArrayList<>();
    pass.record(tmp, tracks);
    return tmp.isEmpty() ? frame : tmp.get(0).startFrame();
  }

  @Override
  void release(LogSimulation sim) {
    sim.pop.inhibitSameFront = false;
    if (car != null) {
      car.passesOnRight = false;
      car.noExit = false;
      car.cooldownUntil = 0;
    }
  }
}
