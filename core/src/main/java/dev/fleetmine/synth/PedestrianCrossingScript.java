package dev.fleetmine.synth;

import java.util.ArrayList;
import java.util.List;

/**
 * PEDESTRIAN_CROSSING: with the ego lane clear, a pedestrian appears at the curb 35-100 m ahead (far
 * enough for a comfortable stop), waits 0.5-1.5 s and walks straight across the road to the far
 * sidewalk. Every lane gets a stop line at the crosswalk that comes on 4.5 s before the pedestrian
 * reaches it (vehicles that cannot stop comfortably pass first); the ego lane's line is on from the
 * start. The pedestrian waits just outside the ego lane until the ego is within 25 m or stopped. Truth:
 * from leaving the curb to one frame after leaving the ego lane (|lat| >= 2 m) on the far side.
 */
final class PedestrianCrossingScript extends Script {
  private static final double ZONE = Road.LANE_WIDTH / 2 + 1.0;
  private static final double WARNING_S = 4.5;

  private Agent ped;
  private double crosswalk;
  private double waitUntil;
  private boolean walking;
  private boolean inEgoLane;
  private final List<Blocker> lines = new ArrayList<>();
  private Blocker egoLine;
  private int firstStopped = -1;
  private int lastStopped = -1;
  private boolean strictlyStopped;
  private final List<String> stoppedTracks = new ArrayList<>();

  PedestrianCrossingScript() {
    super(ScenarioType.PEDESTRIAN_CROSSING);
  }

  @Override
  void prepare(LogSimulation sim) {
    sim.pop.inhibitEgoLaneFront = true;
  }

  @Override
  boolean tryStart(LogSimulation sim, int frame, double t) {
    sim.requestClearEgoLane();
    Agent ego = sim.ego;
    Road road = sim.road;
    double dist = Math.min(100, Math.max(35, ego.v * ego.v / (2 * 1.2) + 10));
    if (ego.v < 5 || sim.tr.laneBusy(road.egoLane, ego.s + 2.5, ego.s + Population.WINDOW)
        || sim.route.straightAhead(ego.s) < dist + 30 || sim.route.straightBehind(ego.s) < 10) {
      return false;
    }
    crosswalk = ego.s + dist;
    boolean fromRight = sim.rng.nextBoolean();
    ped = sim.pop.newPedestrian(t);
    ped.s = crosswalk;
    ped.v = sim.pop.uniform(1.2, 1.6);
    ped.dir = 1;
    ped.d = fromRight ? road.rightCurb - 0.5 : road.leftCurb + 0.5;
    ped.crossTargetD = fromRight ? road.leftCurb + 0.5 : road.rightCurb - 0.5;
    ped.sidewalk = fromRight ? 1 : 0;
    ped.standing = true;
    ped.wyaw = Double.NaN;
    sim.tr.add(ped);
    waitUntil = t + sim.pop.uniform(0.5, 1.5);
    for (Lane l : road.lanes) {
      Blocker b = new Blocker(l, crosswalk - l.dir * 2.0, false);
      lines.add(b);
      sim.tr.blockers.add(b);
      if (l == road.egoLane) {
        egoLine = b;
        b.activate();
      }
    }
    tracks.add(ped.trackId);
    return true;
  }

  @Override
  boolean step(LogSimulation sim, int frame, double t) {
    Agent ego = sim.ego;
    noteStoppedVehicles(sim, frame);
    if (!walking) {
      if (t < waitUntil) {
        return false;
      }
      walking = true;
      startFrame = frame;
    }
    double sign = Math.signum(ped.crossTargetD - ped.d);
    double next = ped.d + sign * ped.v * Traffic.DT;
    boolean entering = !inEgoLane && Math.abs(ped.d) >= 2.4 && Math.abs(next) < 2.4;
    ped.standing = entering && crosswalk - ego.s > 25 && ego.v > 0.3;
    if (Math.abs(ped.d) < 2.0) {
      inEgoLane = true;
    } else if (inEgoLane && endFrame < 0) {
      endFrame = frame + 1;
    }
    for (Blocker b : lines) {
      if (b != egoLine) {
        switchLine(b, sign);
      }
    }
    if (inEgoLane && (ped.d - egoLine.lane.d) * sign > ZONE) {
      egoLine.deactivate();
    }
    if (ped.d == ped.crossTargetD && endFrame >= 0) {
      // no map: the whole walk across the road is a jaywalk, up to the frame after reaching the far curb
      recordAlso(frame + 1);
      ped.crossTargetD = Double.NaN;
      ped.dir = sim.rng.nextBoolean() ? 1 : -1;
      ped.standing = false;
      return true;
    }
    return false;
  }

  /**
   * Vehicles halted at a line in another lane ahead are STOPPED_VEHICLEs while the ego still moves; the
   * frames are noted with a margin over the query's thresholds (speed 0.5, ego 3, distance 50, |lat| 5.25).
   */
  private void noteStoppedVehicles(LogSimulation sim, int frame) {
    if (sim.ego.v <= 2.9) {
      return;
    }
    for (Agent a : sim.tr.agents) {
      if (a.kind != Agent.Kind.VEHICLE || a.v >= 0.6) {
        continue;
      }
      double lon = sim.tr.lon(a);
      double lat = sim.tr.lat(a);
      if (lon > 0 && Math.hypot(lon, lat) < 52 && Math.abs(lat) < 5.5 && Math.abs(lat) <= lon + 0.2) {
        firstStopped = firstStopped < 0 ? frame : firstStopped;
        // the truth needs a frame that meets the thresholds themselves, not only the margins
        strictlyStopped |= a.v < 0.45 && sim.ego.v > 3.05 && Math.hypot(lon, lat) < 49.5 && Math.abs(lat) < 5.1
            && Math.abs(lat) < lon;
        lastStopped = frame;
        if (!stoppedTracks.contains(a.trackId)) {
          stoppedTracks.add(a.trackId);
        }
      }
    }
  }

  /** The crossing is also a JAYWALKER (no map), and cars halted at its lines STOPPED_VEHICLEs. */
  private void recordAlso(int end) {
    also.add(new Also(ScenarioType.JAYWALKER, startFrame, end, tracks));
    if (strictlyStopped) {
      also.add(new Also(ScenarioType.STOPPED_VEHICLE, Math.max(0, firstStopped - 1), lastStopped + 1, stoppedTracks));
    }
  }

  /** A lane's line is on from WARNING_S before the pedestrian reaches its zone until it has left it. */
  private void switchLine(Blocker b, double sign) {
    double lo = b.lane.d - ZONE;
    double hi = b.lane.d + ZONE;
    double p = ped.d;
    double ahead = sign > 0 ? lo - p : p - hi;
    boolean passed = sign > 0 ? p > hi : p < lo;
    if (passed) {
      b.deactivate();
    } else if (ahead <= ped.v * WARNING_S) {
      b.activate();
    }
  }

  @Override
  void release(LogSimulation sim) {
    sim.pop.inhibitEgoLaneFront = false;
    sim.tr.blockers.removeAll(lines);
    if (ped != null && !Double.isNaN(ped.crossTargetD)) {
      // ended early (log end): the pedestrian finishes as a walker where it stands
      ped.standing = false;
      if (startFrame >= 0 && also.isEmpty()) {
        recordAlso(Integer.MAX_VALUE);
      }
    }
  }

  @Override
  double maxActiveSeconds() {
    return 90;
  }
}
