package dev.fleetmine.synth;

import java.util.List;

/**
 * Notes the frames where one vehicle passes the ego on its right as the library's overtaking_on_right
 * sees it (right lane, |lon| < 5 m, more than 1 m/s faster, ego above 5 m/s), with margins for the
 * interval and the exact thresholds (with a small guard) for whether it happened at all.
 */
final class PassWatch {
  private int first = -1;
  private int last = -1;
  private boolean strict;

  /** Looks at {@code a} in frame {@code frame} (positions as emitted in that frame). */
  void note(LogSimulation sim, Agent a, int frame) {
    double lon = sim.tr.lon(a);
    double lat = sim.tr.lat(a);
    double dv = a.v - sim.ego.v;
    if (lat < -1.6 && lat > -5.4 && Math.abs(lon) < 5.5 && dv > 0.9 && sim.ego.v > 4.9) {
      first = first < 0 ? frame : first;
      last = frame;
      strict |= lat < -1.85 && lat > -5.15 && Math.abs(lon) < 4.9 && dv > 1.05 && sim.ego.v > 5.05;
    }
  }

  /** Adds the OVERTAKING_ON_RIGHT truth to {@code also} if the pass happened. */
  void record(List<Script.Also> also, List<String> tracks) {
    if (strict) {
      also.add(new Script.Also(ScenarioType.OVERTAKING_ON_RIGHT, Math.max(0, first - 1), last + 1, tracks));
    }
  }

  boolean seen() {
    return strict;
  }

  int lastFrame() {
    return last;
  }
}
