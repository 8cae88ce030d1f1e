package dev.fleetmine.synth;

import dev.fleetmine.ingest.Category;

/**
 * HARD_BRAKE: the ego follows a lead in its lane (one is placed ahead if there is none); the lead brakes
 * at 6-7.5 m/s^2 down to 1.5 m/s or more (never to a stop), and after a 0.4 s reaction the ego brakes at
 * 5-8.5 m/s^2 (as hard as needed to keep a 2.5 m gap) down to the lead's speed. Truth: from the lead's
 * brake onset to one frame after the ego's brake is released.
 */
final class HardBrakeScript extends Script {
  private static final int REACTION_FRAMES = 4;
  private static final double JERK_LEAD = 30;
  private static final double JERK_EGO = 25;
  private static final int HOLD_FRAMES = 15;

  private Agent lead;
  private double leadV0;
  private double aLead;
  private double aEgo;
  private double vFinal;
  private final Profile leadProfile = new Profile();
  private final Profile egoProfile = new Profile();
  private int elapsed;

  /** One braking manoeuvre: ramp to full deceleration, hold until the target speed, ramp out. */
  static final class Profile {
    double cmd;
    int phase;
    int hold;

    /** The command for the next step of a vehicle at speed v braking at {@code a} to {@code target}. */
    double next(double v, double a, double jerk, double target, boolean rampOut) {
      if (phase == 0) {
        cmd = Math.max(-a, cmd - jerk * Traffic.DT);
        if (!rampOut) {
          cmd = Math.max(cmd, (target - v) / Traffic.DT);
        }
        if (v + cmd * Traffic.DT <= target + 1e-9) {
          phase = 1;
        }
      } else if (phase == 1) {
        cmd = rampOut ? Math.min(0, cmd + jerk * Traffic.DT) : 0;
        if (cmd == 0) {
          phase = 2;
        }
      } else {
        cmd = 0;
        hold++;
      }
      return cmd;
    }
  }

  HardBrakeScript() {
    super(ScenarioType.HARD_BRAKE);
  }

  @Override
  void prepare(LogSimulation sim) {
    sim.pop.inhibitEgoLaneFront = true;
  }

  @Override
  boolean tryStart(LogSimulation sim, int frame, double t) {
    Agent ego = sim.ego;
    Agent l = sim.tr.egoLeader();
    if (l == null) {
      placeLead(sim, t);
      return false;
    }
    l.noExit = true;
    l.exitRequested = false;
    double lon = l.s - ego.s;
    if (l.changingLane() || l.scripted || l.kind != Agent.Kind.VEHICLE || l.ghost() || lon < 10 || lon > 45
        || ego.v < 6 || Math.abs(ego.v - l.v) > 1.5 || sim.route.straightAhead(ego.s) < 130) {
      return false;
    }
    double gap = lon - (l.length + ego.length) / 2;
    vFinal = Math.max(1.5, sim.pop.uniform(0.15, 0.35) * l.v);
    aLead = sim.pop.uniform(6, 7.5);
    aEgo = Double.NaN;
    for (double a = sim.pop.uniform(5, 6); a <= 8.5; a += 0.25) {
      if (minGap(gap, ego.v, l.v, aLead, a, vFinal) >= 2.5) {
        aEgo = a;
        break;
      }
    }
    if (Double.isNaN(aEgo)) {
      return false;
    }
    lead = l;
    leadV0 = l.v0;
    lead.scripted = true;
    lead.cooldownUntil = Double.POSITIVE_INFINITY;
    startFrame = frame;
    tracks.add(lead.trackId);
    return true;
  }

  private void placeLead(LogSimulation sim, double t) {
    Agent ego = sim.ego;
    Lane lane = sim.road.egoLane;
    double s = ego.s + Population.WINDOW - 2;
    if (sim.tr.laneBusy(lane, ego.s + 2.5, s + 20)) {
      return;
    }
    Agent l = sim.pop.newVehicle(Category.CAR, lane, t);
    l.s = s;
    l.v = Math.max(4, 0.7 * ego.v);
    l.v0 = l.v;
    l.noExit = true;
    l.cooldownUntil = Double.POSITIVE_INFINITY;
    sim.tr.add(l);
  }

  /** Smallest bumper gap over the manoeuvre, simulated with the same profiles the script will use. */
  static double minGap(double gap, double vEgo, double vLead, double aLead, double aEgo, double vFinal) {
    Profile lp = new Profile();
    Profile ep = new Profile();
    double min = gap;
    for (int i = 0; i < 300 && (ep.phase < 2 || i < 40); i++) {
      double al = lp.phase < 2 ? lp.next(vLead, aLead, JERK_LEAD, vFinal, false) : 0;
      double ae = i < REACTION_FRAMES ? 0 : ep.next(vEgo, aEgo, JERK_EGO, vFinal + 0.8, true);
      double vl = Math.max(0, vLead + al * Traffic.DT);
      double ve = Math.max(0, vEgo + ae * Traffic.DT);
      gap += 0.5 * (vLead + vl) * Traffic.DT - 0.5 * (vEgo + ve) * Traffic.DT;
      vLead = vl;
      vEgo = ve;
      min = Math.min(min, gap);
      if (ep.phase == 2 && vEgo <= vLead) {
        break;
      }
    }
    return min;
  }

  @Override
  boolean step(LogSimulation sim, int frame, double t) {
    Agent ego = sim.ego;
    elapsed++;
    if (lead.scripted) {
      lead.scriptAccel = leadProfile.next(lead.v, aLead, JERK_LEAD, vFinal, false);
      if (leadProfile.phase == 2 && leadProfile.hold >= HOLD_FRAMES) {
        lead.scripted = false;
        lead.v0 = leadV0;
      }
    }
    if (elapsed >= REACTION_FRAMES && endFrame < 0) {
      ego.scripted = true;
      ego.scriptAccel = egoProfile.next(ego.v, aEgo, JERK_EGO, vFinal + 0.8, true);
      if (egoProfile.phase == 2) {
        ego.scripted = false;
        endFrame = frame + 1;
      }
    }
    return endFrame >= 0 && !lead.scripted && frame >= endFrame + 5;
  }

  @Override
  void release(LogSimulation sim) {
    sim.pop.inhibitEgoLaneFront = false;
    sim.ego.scripted = false;
    if (lead != null) {
      lead.scripted = false;
      lead.v0 = Math.max(lead.v0, leadV0);
      lead.noExit = false;
      lead.cooldownUntil = 0;
    }
  }
}
