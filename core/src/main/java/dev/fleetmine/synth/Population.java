package dev.fleetmine.synth;

import dev.fleetmine.ingest.Category;
import java.util.SplittableRandom;

/**
 * Keeps the background around the ego: spawns agents at the edges of a window of +-{@value #WINDOW} m
 * (so tracks have real starts and ends), removes those that leave it, and decides background lane
 * changes. Background vehicles never change into the ego lane; scenario actors are made by the scripts.
 */
final class Population {
  static final double WINDOW = 120;
  static final double HYSTERESIS = 10;

  private static final int SAME = 0;
  private static final int ONCOMING = 1;
  private static final int PEDESTRIANS = 2;
  private static final int CYCLISTS = 3;

  private final Traffic tr;
  private final Road road;
  private final SplittableRandom rng;
  private final int[] target = new int[4];
  private final int[] count = new int[4];

  /** Set by scenarios: no new vehicle ahead in the ego lane / ahead in any same-direction lane / oncoming. */
  boolean inhibitEgoLaneFront;
  boolean inhibitSameFront;
  boolean inhibitOncoming;
  /** Background lane changes happen only while no scenario is playing. */
  boolean laneChangesAllowed = true;

  Population(Traffic tr, SplittableRandom rng, double density) {
    this.tr = tr;
    this.road = tr.road;
    this.rng = rng;
    for (int c = 0; c < 4; c++) {
      target[c] = (int) Math.round(density * road.kind.classShares[c]);
    }
  }

  /** Fills the window at the start of a log. */
  void populateInitial() {
    for (int c = 0; c < 4; c++) {
      for (int i = 0; i < target[c] * 3 && countOf(c) < target[c]; i++) {
        double s = tr.ego.s + (rng.nextDouble() * 2 - 1) * (WINDOW - 5);
        spawn(c, s, 0);
      }
    }
  }

  /** Removes agents that left the window (or, for pedestrians, walked off their straight sidewalk). */
  void despawn() {
    double se = tr.ego.s;
    double noPedestriansFrom = pedestrianLimit();
    for (Agent a : tr.agents) {
      if (a.ghost()) {
        double dx = a.wx - tr.ego.wx;
        double dy = a.wy - tr.ego.wy;
        a.dead |= dx * dx + dy * dy > (WINDOW + HYSTERESIS) * (WINDOW + HYSTERESIS);
      } else {
        a.dead |= Math.abs(a.s - se) > WINDOW + HYSTERESIS;
      }
      if (a.kind == Agent.Kind.PEDESTRIAN && Double.isNaN(a.crossTargetD)
          && (!tr.route.onStraight(a.s, 0.5, a.segHint) || a.s >= noPedestriansFrom)) {
        a.dead = true;
      }
    }
    tr.compact();
  }

  /**
   * Route position from which no sidewalk pedestrian may be: the start of the next arc ahead (the ego's
   * position while it turns). The sidewalks of the street turned into run across the ego's heading during
   * the turn, so a walker there would look like a pedestrian crossing the road ahead (there is no map).
   */
  private double pedestrianLimit() {
    return tr.ego.s + tr.route.straightAhead(tr.ego.s);
  }

  /** Tries one spawn per class that is below its target. */
  void spawn(double t) {
    java.util.Arrays.fill(count, 0);
    for (Agent a : tr.agents) {
      count[classOf(a)]++;
    }
    for (int c = 0; c < 4; c++) {
      if (count[c] < target[c]) {
        spawn(c, Double.NaN, t);
      }
    }
  }

  private int countOf(int c) {
    int n = 0;
    for (Agent a : tr.agents) {
      n += classOf(a) == c ? 1 : 0;
    }
    return n;
  }

  private static int classOf(Agent a) {
    return switch (a.kind) {
      case PEDESTRIAN -> PEDESTRIANS;
      case CYCLIST -> CYCLISTS;
      default -> a.dir > 0 ? SAME : ONCOMING;
    };
  }

  /** One spawn attempt of class c at s (NaN: at the window edge the agent will enter from). */
  private void spawn(int c, double s, double t) {
    switch (c) {
      case SAME -> spawnVehicle(road.same[rng.nextInt(road.same.length)], s, t);
      case ONCOMING -> spawnVehicle(road.oncoming[rng.nextInt(road.oncoming.length)], s, t);
      case CYCLISTS -> spawnCyclist(rng.nextBoolean() ? road.bikeSame : road.bikeOncoming, s, t);
      default -> spawnPedestrian(s, t);
    }
  }

  private void spawnVehicle(Lane lane, double s, double t) {
    Agent a = newVehicle(randomVehicleCategory(), lane, t);
    if (!placeAtEdge(a, lane, s)) {
      return;
    }
    tr.add(a);
  }

  private void spawnCyclist(Lane lane, double s, double t) {
    Agent a = new Agent("cyc", Agent.Kind.CYCLIST, Category.CYCLIST, "Cyclist",
        uniform(1.6, 1.9), uniform(0.55, 0.7), uniform(1.6, 1.8));
    a.v0 = uniform(3.5, 6.0);
    a.aMax = 1.0;
    a.headway = 1.0;
    a.bornAt = t;
    initLane(a, lane);
    if (placeAtEdge(a, lane, s)) {
      tr.add(a);
    }
  }

  /** Chooses where a new agent appears and checks the lane has room for it there. */
  private boolean placeAtEdge(Agent a, Lane lane, double s) {
    Agent ego = tr.ego;
    boolean front;
    double v;
    if (Double.isNaN(s)) {
      if (lane.dir < 0) {
        front = true;
      } else if (a.v0 < ego.v - 0.5) {
        front = true;
      } else if (a.v0 > ego.v + 0.5) {
        front = false;
      } else {
        return false;
      }
      s = ego.s + (front ? 1 : -1) * (WINDOW - 1 - rng.nextDouble() * 3);
      v = Math.min(a.v0, tr.route.allowedSpeed(s, lane.dir, 0, Traffic.CURVE_DECEL));
      if (lane.dir > 0 && (front ? v >= ego.v : v <= ego.v)) {
        // slowed by a curve so much that it would not enter the window
        return false;
      }
    } else {
      front = s > ego.s;
      v = Math.min(a.v0, tr.route.allowedSpeed(s, lane.dir, 0, Traffic.CURVE_DECEL));
      if (lane == road.egoLane && front) {
        v = Math.min(v, ego.v);
      }
      boolean rightOfEgo = road.egoIndex + 1 < road.same.length && lane == road.same[road.egoIndex + 1];
      if (rightOfEgo && s < ego.s + 5) {
        // it would otherwise pass the ego on its right before the keep-behind rule could slow it
        v = Math.min(v, ego.v);
      }
    }
    if (front && (inhibitSameFront && lane.dir > 0 || inhibitEgoLaneFront && lane == road.egoLane)) {
      return false;
    }
    if (inhibitOncoming && lane.dir < 0) {
      return false;
    }
    a.s = s;
    a.v = v;
    return roomFor(lane, s, v, a.length);
  }

  /** Whether an agent at s with speed v fits in the lane with safe gaps to its neighbours. */
  boolean roomFor(Lane lane, double s, double v, double length) {
    for (Agent m : lane.members) {
      double ahead = lane.dir * (m.s - s);
      double gap = Math.abs(m.s - s) - (m.length + length) / 2;
      double closing = ahead > 0 ? Math.max(0, v - m.v) : Math.max(0, m.v - v);
      double need = 4 + (ahead > 0 ? v : m.v) * 1.5 + closing * 3 + closing * closing / 4;
      if (gap < need) {
        return false;
      }
    }
    return true;
  }

  private void spawnPedestrian(double s, double t) {
    Agent ego = tr.ego;
    if (Double.isNaN(s)) {
      boolean front = ego.v > 1 || rng.nextBoolean();
      s = ego.s + (front ? 1 : -1) * (WINDOW - 1 - rng.nextDouble() * 3);
    }
    if (!tr.route.onStraight(s, 2, 0) || s >= pedestrianLimit()) {
      return;
    }
    Agent p = newPedestrian(t);
    p.s = s;
    p.sidewalk = rng.nextInt(2);
    p.d = p.sidewalk == 0 ? road.rightCurb - uniform(0.4, Road.SIDEWALK_WIDTH - 0.4)
        : road.leftCurb + uniform(0.4, Road.SIDEWALK_WIDTH - 0.4);
    p.dir = rng.nextBoolean() ? 1 : -1;
    tr.add(p);
  }

  /** A pedestrian with a random body and walking speed. */
  Agent newPedestrian(double t) {
    Agent p = new Agent("ped", Agent.Kind.PEDESTRIAN, Category.PEDESTRIAN, "Pedestrian",
        uniform(0.45, 0.7), uniform(0.45, 0.7), uniform(1.55, 1.9));
    p.v = uniform(1.0, 1.6);
    p.v0 = p.v;
    p.bornAt = t;
    return p;
  }

  /** A vehicle of the category with a random body and driver, not yet placed. */
  Agent newVehicle(Category c, Lane lane, double t) {
    double limit = road.speedLimit();
    Agent a = switch (c) {
      case TRUCK -> new Agent("veh", Agent.Kind.VEHICLE, c, "Truck", uniform(7, 10), uniform(2.4, 2.55),
          uniform(3.0, 3.8));
      case BUS -> new Agent("veh", Agent.Kind.VEHICLE, c, "Bus", uniform(11, 12.5), 2.55, uniform(3.0, 3.3));
      default -> new Agent("veh", Agent.Kind.VEHICLE, Category.CAR, "Car", uniform(4.2, 4.9),
          uniform(1.75, 1.95), uniform(1.4, 1.7));
    };
    boolean heavy = c != Category.CAR;
    a.v0 = limit * (heavy ? uniform(0.75, 0.88) : uniform(0.8, 1.08));
    a.aMax = heavy ? uniform(0.8, 1.0) : uniform(1.2, 1.8);
    a.headway = uniform(1.2, 1.8);
    a.bornAt = t;
    a.patience = uniform(15, 60);
    initLane(a, lane);
    return a;
  }

  static void initLane(Agent a, Lane lane) {
    a.lane = lane;
    a.dir = lane.dir;
    a.d = lane.d;
  }

  private Category randomVehicleCategory() {
    double u = rng.nextDouble();
    double truck = road.urban() ? 0.07 : 0.15;
    double bus = road.urban() ? 0.05 : 0.03;
    return u < truck ? Category.TRUCK : u < truck + bus ? Category.BUS : Category.CAR;
  }

  double uniform(double lo, double hi) {
    return lo + (hi - lo) * rng.nextDouble();
  }
}
