package dev.fleetmine.synth;

import java.util.ArrayList;
import java.util.List;

/**
 * Schedules one log's scenarios: after a quiet gap of 8-20 s the next type from a shuffled bag becomes
 * pending, its script starts when its preconditions hold (or it is abandoned after 100 s), plays, and
 * its truth is recorded. Urban bags hold every played type, left turns twice (they exist only in cities and
 * take longest to set up), so that the fleet's types come out roughly balanced; highway bags hold cut-ins,
 * hard brakes, stopped leads and, with a lane right of the ego, overtakings on the right. STOPPED_VEHICLE
 * and JAYWALKER are never played: other scripts record them (see {@link Script#also}).
 */
final class Director {
  private static final double PENDING_TIMEOUT_S = 100;
  private static final double MIN_REMAINING_TO_PEND_S = 75;
  private static final double MIN_REMAINING_TO_START_S = 50;
  private static final double MIN_REMAINING_FOR_LEFT_TURN_S = 170;

  private final LogSimulation sim;
  private final List<ScenarioType> bag = new ArrayList<>();
  private int bagPos;
  private Script current;
  private boolean active;
  private double since;
  private double quietUntil;
  private final List<Script> finished = new ArrayList<>();

  Director(LogSimulation sim) {
    this.sim = sim;
    quietUntil = sim.pop.uniform(5, 15);
  }

  /** Advances the schedule at frame {@code frame} with {@code remaining} seconds of log left. */
  void update(int frame, double t, double remaining) {
    if (current == null) {
      if (t >= quietUntil && remaining >= MIN_REMAINING_TO_PEND_S) {
        ScenarioType type = nextType(remaining);
        current = create(type);
        current.prepare(sim);
        sim.planner.longBlocks(true);
        since = t;
      }
      return;
    }
    if (!active) {
      boolean mayStart = remaining >= MIN_REMAINING_TO_START_S || !current.abandonable();
      if (mayStart && current.tryStart(sim, frame, t)) {
        active = true;
        since = t;
        sim.pop.laneChangesAllowed = false;
      } else if (current.abandonable() && (t - since > PENDING_TIMEOUT_S || remaining < MIN_REMAINING_TO_START_S)) {
        end(t, false);
      }
      return;
    }
    if (current.step(sim, frame, t) || t - since > current.maxActiveSeconds()) {
      end(t, true);
    }
  }

  /** Ends whatever runs when the log ends; a started scenario keeps its truth up to the last frame. */
  void finishLog(int lastFrame) {
    if (current != null) {
      boolean started = active;
      if (started && current.endFrame < 0 && current.startFrame >= 0) {
        current.endFrame = lastFrame;
      }
      end(0, started);
    }
  }

  private void end(double t, boolean record) {
    current.release(sim);
    current.played = record && current.startFrame >= 0 && current.endFrame >= current.startFrame;
    // an abandoned script may still have recorded another type's truth (a cutter that passed on the right)
    if (current.played || !current.also.isEmpty()) {
      finished.add(current);
    }
    current = null;
    active = false;
    sim.ego.scripted = false;
    sim.pop.laneChangesAllowed = true;
    sim.planner.longBlocks(false);
    quietUntil = t + sim.pop.uniform(8, 20);
  }

  /** Scripts that ran to a recorded truth, in order. */
  List<Script> finished() {
    return finished;
  }

  private ScenarioType nextType(double remaining) {
    while (true) {
      if (bagPos == bag.size()) {
        refill();
      }
      ScenarioType type = bag.get(bagPos++);
      // a left turn needs time to lay the intersection ahead and reach it; every bag has other types
      if (type != ScenarioType.LEFT_TURN_ACROSS_ONCOMING || remaining >= MIN_REMAINING_FOR_LEFT_TURN_S) {
        return type;
      }
    }
  }

  private void refill() {
    bag.clear();
    bagPos = 0;
    bag.add(ScenarioType.CUT_IN);
    bag.add(ScenarioType.HARD_BRAKE);
    bag.add(ScenarioType.LEAD_VEHICLE_STOPPED);
    if (sim.road.egoIndex + 1 < sim.road.same.length) {
      bag.add(ScenarioType.OVERTAKING_ON_RIGHT);
    }
    if (sim.road.urban()) {
      bag.add(ScenarioType.PEDESTRIAN_CROSSING);
      bag.add(ScenarioType.NEAR_MISS);
      bag.add(ScenarioType.LEFT_TURN_ACROSS_ONCOMING);
      bag.add(ScenarioType.LEFT_TURN_ACROSS_ONCOMING);
    }
    for (int i = bag.size() - 1; i > 0; i--) {
      int j = sim.rng.nextInt(i + 1);
      ScenarioType tmp = bag.get(i);
      bag.set(i, bag.get(j));
      bag.set(j, tmp);
    }
  }

  private static Script create(ScenarioType type) {
    return switch (type) {
      case CUT_IN -> new CutInScript();
      case HARD_BRAKE -> new HardBrakeScript();
      case PEDESTRIAN_CROSSING -> new PedestrianCrossingScript();
      case LEAD_VEHICLE_STOPPED -> new LeadStoppedScript();
      case LEFT_TURN_ACROSS_ONCOMING -> new LeftTurnScript();
      case NEAR_MISS -> new NearMissScript();
      case OVERTAKING_ON_RIGHT -> new OvertakingRightScript();
      // recorded by the scripts above as the second type their scene satisfies, never played alone
      case STOPPED_VEHICLE, JAYWALKER -> throw new IllegalArgumentException(type + " is not played on its own");
    };
  }
}
