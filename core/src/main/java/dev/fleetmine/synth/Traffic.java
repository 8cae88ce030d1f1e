package dev.fleetmine.synth;

import java.util.ArrayList;
import java.util.List;

/**
 * The moving world of one log: every agent, the lanes they drive in, the active stop lines, and one
 * synchronous 10 Hz step of the driver models (IDM car following with lane changes, walking pedestrians).
 */
final class Traffic {
  static final double DT = 0.1;
  /** The hardest braking the driver model ever commands; only scripted scenario actors brake harder. */
  static final double MIN_ACCEL = -3.0;
  /** Comfortable deceleration of the curve speed profile, m/s^2. */
  static final double CURVE_DECEL = 1.0;

  final Road road;
  final Route route;
  final Agent ego;
  final ArrayList<Agent> agents = new ArrayList<>();
  final ArrayList<Blocker> blockers = new ArrayList<>();
  final ArrayList<Lane> ghostLanes = new ArrayList<>();
  private final Pose pose = new Pose();
  private int nextId;

  Traffic(Road road, Route route, Agent ego) {
    this.road = road;
    this.route = route;
    this.ego = ego;
    ego.lane = road.egoLane;
    road.egoLane.members.add(ego);
  }

  /** Adds a spawned agent to the world (and to its lane) and gives it the next track id. */
  void add(Agent a) {
    String n = Integer.toString(++nextId);
    a.trackId = a.idPrefix + "-" + "00000".substring(Math.min(5, n.length())) + n;
    agents.add(a);
    if (a.lane != null) {
      a.lane.members.add(a);
      a.lane.sort();
    }
  }

  /** Starts a lane change of {@code a} into {@code target}; it occupies both lanes meanwhile. */
  void startLaneChange(Agent a, Lane target, double duration) {
    a.lcTarget = target;
    a.lcFromD = a.d;
    a.lcU = 0;
    a.lcDuration = duration;
    target.members.add(a);
    target.sort();
  }

  /** Moves {@code a} to another lane at once (same offset; used for ghost lanes). */
  void moveTo(Agent a, Lane target) {
    a.lane.members.remove(a);
    a.lane = target;
    target.members.add(a);
    target.sort();
  }

  /** The ghost lane shadowing tube lane {@code tube} (created on first use). */
  Lane ghostFor(Lane tube) {
    for (Lane g : ghostLanes) {
      if (g.id == tube.id) {
        return g;
      }
    }
    Lane g = new Lane(tube.id, tube.d, tube.dir, tube.bike, true);
    ghostLanes.add(g);
    return g;
  }

  /**
   * Moves agents that went straight on past their turn into ghost lanes (they no longer share a lane
   * with the route followers) and oncoming ones that came through the intersection back into the road.
   */
  void updateGhosts() {
    for (Agent a : agents) {
      if (Double.isNaN(a.straightFrom) || a.changingLane() || a.kind == Agent.Kind.PEDESTRIAN) {
        continue;
      }
      if (!a.ghost() && a.dir > 0 && a.s > a.straightFrom) {
        moveTo(a, ghostFor(a.lane));
      } else if (a.ghost() && a.dir < 0 && a.s <= a.straightFrom) {
        moveTo(a, road.lanes[a.lane.id]);
      }
    }
    ghostLanes.removeIf(l -> l.members.isEmpty());
  }

  /** Removes agents marked dead from every list. */
  void compact() {
    boolean any = false;
    for (Agent a : agents) {
      if (a.dead) {
        any = true;
        if (a.lane != null) {
          a.lane.members.remove(a);
        }
        if (a.lcTarget != null) {
          a.lcTarget.members.remove(a);
        }
      }
    }
    if (any) {
      agents.removeIf(a -> a.dead);
    }
  }

  /** One step of every driver model and pedestrian. */
  void step() {
    for (Lane l : road.lanes) {
      l.sort();
    }
    for (Lane l : ghostLanes) {
      l.sort();
    }
    prepare(ego);
    for (Agent a : agents) {
      if (a.kind != Agent.Kind.PEDESTRIAN) {
        prepare(a);
      }
    }
    for (Lane l : road.lanes) {
      follow(l);
    }
    for (Lane l : ghostLanes) {
      follow(l);
    }
    for (Blocker b : blockers) {
      applyBlocker(b);
    }
    keepBehindEgoOnTheRight();
    integrate(ego);
    for (Agent a : agents) {
      if (a.kind == Agent.Kind.PEDESTRIAN) {
        walk(a);
      } else {
        integrate(a);
      }
    }
  }

  private void prepare(Agent a) {
    a.accNew = Double.POSITIVE_INFINITY;
    double allowed = a.ghost() ? road.speedLimit()
        : route.allowedSpeed(a.s, a.dir, a.segHint, CURVE_DECEL);
    a.v0Effective = Math.max(1.0, Math.min(a.v0, allowed));
  }

  /** IDM of every agent in the lane against the next agent ahead that occupies the lane. */
  private void follow(Lane lane) {
    List<Agent> m = lane.members;
    int n = m.size();
    for (int i = 0; i < n; i++) {
      Agent f = m.get(i);
      Agent leader = null;
      if (lane.dir > 0) {
        for (int j = i + 1; j < n && leader == null; j++) {
          if (m.get(j).occupies(lane)) {
            leader = m.get(j);
          }
        }
      } else {
        for (int j = i - 1; j >= 0 && leader == null; j--) {
          if (m.get(j).occupies(lane)) {
            leader = m.get(j);
          }
        }
      }
      double acc;
      double gap = leader == null ? Double.POSITIVE_INFINITY
          : lane.dir * (leader.s - f.s) - (leader.length + f.length) / 2;
      if (gap > 250) {
        acc = Idm.free(f.v, f.v0Effective, f.aMax);
      } else {
        acc = Idm.follow(f.v, f.v0Effective, f.aMax, f.headway, gap, leader.v);
      }
      f.accNew = Math.min(f.accNew, acc);
    }
  }

  /**
   * Nobody passes the ego on its right unless a scenario makes it: vehicles level with or behind the ego
   * in the lane to its right follow a virtual car 7 m behind the ego's centre at the ego's speed, so they
   * trail it (scenario actors marked {@code passesOnRight} are exempt).
   */
  private void keepBehindEgoOnTheRight() {
    if (road.egoIndex + 1 >= road.same.length) {
      return;
    }
    Lane right = road.same[road.egoIndex + 1];
    for (Agent f : right.members) {
      if (f.s < ego.s + 5 && !f.passesOnRight && f.occupies(right)) {
        double gap = ego.s - 7 - f.s - f.length / 2;
        f.accNew = Math.min(f.accNew, Idm.follow(f.v, f.v0Effective, f.aMax, f.headway, gap, ego.v));
      }
    }
  }

  private void applyBlocker(Blocker b) {
    if (!b.active()) {
      return;
    }
    for (Agent f : b.lane.members) {
      if (f.occupies(b.lane) && b.binds(f)) {
        double acc = Idm.follow(f.v, f.v0Effective, f.aMax, f.headway, b.gapOf(f), 0);
        f.accNew = Math.min(f.accNew, acc);
      }
    }
  }

  private void integrate(Agent a) {
    double acc = a.scripted ? a.scriptAccel : Math.max(MIN_ACCEL, Math.min(a.aMax, a.accNew));
    double v1 = a.v + acc * DT;
    if (v1 < 0) {
      v1 = 0;
      acc = -a.v / DT;
    }
    a.s += a.dir * 0.5 * (a.v + v1) * DT;
    a.v = v1;
    a.accel = acc;
    if (a.lcTarget != null) {
      progressLaneChange(a);
    }
  }

  /** Quintic lateral profile: zero lateral speed and acceleration at both ends of the change. */
  private void progressLaneChange(Agent a) {
    a.lcU += DT / a.lcDuration;
    double u = Math.min(1, a.lcU);
    double delta = a.lcTarget.d - a.lcFromD;
    a.d = a.lcFromD + delta * u * u * u * (10 - 15 * u + 6 * u * u);
    a.dDot = delta * 30 * u * u * (1 - u) * (1 - u) / a.lcDuration;
    if (a.lcU >= 1) {
      a.lane.members.remove(a);
      a.lane = a.lcTarget;
      a.lcTarget = null;
      a.d = a.lane.d;
      a.dDot = 0;
    }
  }

  private void walk(Agent p) {
    if (Double.isNaN(p.crossTargetD)) {
      p.s += p.dir * p.v * DT;
      return;
    }
    if (p.standing) {
      p.dDot = 0;
      return;
    }
    double step = Math.copySign(p.v, p.crossTargetD - p.d);
    p.dDot = step;
    p.d += step * DT;
    if ((step > 0 && p.d >= p.crossTargetD) || (step < 0 && p.d <= p.crossTargetD)) {
      p.d = p.crossTargetD;
    }
  }

  /** Computes the world pose and velocity of {@code a} into its w* fields; yaw is in (-pi, pi]. */
  void place(Agent a) {
    double tangential = a.kind == Agent.Kind.PEDESTRIAN && !Double.isNaN(a.crossTargetD) ? 0 : a.dir * a.v;
    double k;
    if (!Double.isNaN(a.straightFrom) && a.s > a.straightFrom) {
      route.pose(a.straightFrom, 0, pose, a.segHint);
      double along = a.s - a.straightFrom;
      pose.x += along * pose.cos - a.d * pose.sin;
      pose.y += along * pose.sin + a.d * pose.cos;
      k = 0;
    } else {
      route.pose(a.s, a.d, pose, a.segHint);
      k = pose.k;
    }
    a.segHint = pose.seg;
    double c = pose.cos;
    double sn = pose.sin;
    double vt = tangential * (1 - k * a.d);
    double dDot = a.kind == Agent.Kind.PEDESTRIAN && Double.isNaN(a.crossTargetD) ? 0 : a.dDot;
    a.wx = pose.x;
    a.wy = pose.y;
    a.wvx = vt * c - dDot * sn;
    a.wvy = vt * sn + dDot * c;
    if (a.kind == Agent.Kind.EGO) {
      a.wyaw = wrap(pose.h);
    } else if (dDot == 0 && vt != 0) {
      // moving along the lane: the route heading (reversed against the route), without an atan2
      a.wyaw = wrap(vt > 0 ? pose.h : pose.h + Math.PI);
    } else if (a.wvx * a.wvx + a.wvy * a.wvy > 0.01) {
      a.wyaw = Math.atan2(a.wvy, a.wvx);
    } else if (Double.isNaN(a.wyaw)) {
      a.wyaw = wrap(a.dir > 0 ? pose.h : pose.h + Math.PI);
    }
  }

  /** An angle wrapped into (-pi, pi]. */
  static double wrap(double a) {
    double r = a - 2 * Math.PI * Math.floor((a + Math.PI) / (2 * Math.PI));
    return r <= -Math.PI ? r + 2 * Math.PI : r;
  }

  /** Longitudinal offset of {@code a} from the ego in the ego frame (as the lake derives it). */
  double lon(Agent a) {
    return (a.wx - ego.wx) * Math.cos(ego.wyaw) + (a.wy - ego.wy) * Math.sin(ego.wyaw);
  }

  /** Lateral offset of {@code a} from the ego, positive left. */
  double lat(Agent a) {
    return -(a.wx - ego.wx) * Math.sin(ego.wyaw) + (a.wy - ego.wy) * Math.cos(ego.wyaw);
  }

  /** The nearest agent ahead of the ego that occupies the ego lane, or null. */
  Agent egoLeader() {
    Agent best = null;
    for (Agent a : road.egoLane.members) {
      if (a != ego && a.s > ego.s && a.occupies(road.egoLane) && (best == null || a.s < best.s)) {
        best = a;
      }
    }
    return best;
  }

  /** Whether any agent other than the ego occupies or enters {@code lane} between s0 and s1. */
  boolean laneBusy(Lane lane, double s0, double s1) {
    for (Agent a : lane.members) {
      if (a != ego && a.s + a.length / 2 > s0 && a.s - a.length / 2 < s1) {
        return true;
      }
    }
    return false;
  }
}
