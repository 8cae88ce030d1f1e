package dev.fleetmine.synth;

import dev.fleetmine.ingest.Category;
import java.util.ArrayList;
import java.util.List;

/**
 * LEFT_TURN_ACROSS_ONCOMING: the route lays a 90 degree left turn (radius 28-32 m). From 140 m before it,
 * no new traffic appears ahead or oncoming, vehicles ahead of the ego go straight through the
 * intersection, and every same-direction lane (the ego's included) gets a yield line at the turn. A car
 * comes towards the ego in the inner oncoming lane, straight through the intersection, timed to pass
 * about when the ego arrives; the yield lines clear once it has passed the ego's path, and the ego turns.
 * Truth: from the first frame the oncoming car is 0-60 m ahead to one frame after the ego leaves the arc.
 */
final class LeftTurnScript extends Script {
  private static final double ARM_DISTANCE = 140;

  private double arcStart;
  private double arcEnd;
  private double crossing;
  private double clearance;
  private double speed;
  private double passAt;
  private Agent oncoming;
  private int spawnFrame;
  private final List<Blocker> yieldLines = new ArrayList<>();

  LeftTurnScript() {
    super(ScenarioType.LEFT_TURN_ACROSS_ONCOMING);
  }

  @Override
  void prepare(LogSimulation sim) {
    sim.planner.requestLeftTurn();
  }

  @Override
  boolean abandonable() {
    return false;
  }

  @Override
  boolean tryStart(LogSimulation sim, int frame, double t) {
    arcStart = sim.planner.leftArcStart();
    if (Double.isNaN(arcStart) || sim.ego.s < arcStart - ARM_DISTANCE) {
      return false;
    }
    arcEnd = sim.planner.leftArcEnd();
    double r = sim.planner.leftRadius();
    double dOn = sim.road.oncoming[0].d;
    crossing = Math.sqrt(r * r - (r - dOn) * (r - dOn));
    // the oncoming car has cleared the ego's swept path once its rear passes where the ego's left side
    // (1.5 m left of the centre line) meets the oncoming lane's right edge
    clearance = Math.sqrt(r * r - (r - 1.5) * (r - 1.5)) - 1;
    speed = sim.road.speedLimit() * sim.pop.uniform(0.8, 0.95);
    double vTurn = sim.road.kind.turnSpeed(r);
    double eta = (arcStart - 3 - sim.ego.s) / Math.max(3, (sim.ego.v + vTurn) / 2);
    passAt = t + eta + sim.pop.uniform(0.3, 1.5);
    sim.pop.inhibitOncoming = true;
    sim.pop.inhibitSameFront = true;
    List<Lane> same = new ArrayList<>(List.of(sim.road.same));
    if (sim.road.bikeSame != null) {
      same.add(sim.road.bikeSame);
    }
    for (Lane l : same) {
      Blocker b = new Blocker(l, arcStart + 1, true);
      b.activate();
      yieldLines.add(b);
      sim.tr.blockers.add(b);
    }
    return true;
  }

  @Override
  boolean step(LogSimulation sim, int frame, double t) {
    Agent ego = sim.ego;
    if (ego.s < arcStart) {
      markStraightGoers(sim);
    }
    if (oncoming == null) {
      spawnOncoming(sim, frame, t);
    } else {
      if (startFrame < 0 && frame > spawnFrame) {
        double lon = sim.tr.lon(oncoming);
        if (lon > 0 && lon <= 60) {
          startFrame = frame;
        }
      }
      if (oncoming.s + oncoming.length / 2 < arcStart + clearance) {
        yieldLines.forEach(Blocker::deactivate);
      }
    }
    if (ego.s >= arcEnd && endFrame < 0) {
      endFrame = frame + 1;
    }
    return endFrame >= 0 && ego.s >= arcEnd + 5;
  }

  /** Everything ahead of the ego in its direction will go straight on where the route turns left. */
  private void markStraightGoers(LogSimulation sim) {
    for (Agent a : sim.tr.agents) {
      if (a.dir > 0 && a.kind != Agent.Kind.PEDESTRIAN && Double.isNaN(a.straightFrom) && a.s > sim.ego.s + 2) {
        a.straightFrom = arcStart;
        a.cooldownUntil = Double.POSITIVE_INFINITY;
      }
    }
  }

  private void spawnOncoming(LogSimulation sim, int frame, double t) {
    double s = arcStart + crossing + speed * (passAt - t);
    if (s - sim.ego.s > Population.WINDOW - 2) {
      return;
    }
    Lane tube = sim.road.oncoming[0];
    Agent c = sim.pop.newVehicle(Category.CAR, tube, t);
    c.s = s;
    c.v = speed;
    c.v0 = speed;
    c.straightFrom = arcStart;
    c.noExit = true;
    c.cooldownUntil = Double.POSITIVE_INFINITY;
    if (s > arcStart) {
      Population.initLane(c, sim.tr.ghostFor(tube));
    }
    sim.tr.add(c);
    sim.tr.place(c);
    oncoming = c;
    spawnFrame = frame;
    tracks.add(c.trackId);
  }

  @Override
  void release(LogSimulation sim) {
    sim.pop.inhibitOncoming = false;
    sim.pop.inhibitSameFront = false;
    sim.tr.blockers.removeAll(yieldLines);
    sim.planner.clearLeftTurn();
    if (endFrame < 0 && startFrame >= 0) {
      endFrame = sim.frame;
    }
  }

  @Override
  double maxActiveSeconds() {
    return 120;
  }
}
