package dev.fleetmine.synth;

import java.util.ArrayList;

/**
 * A lane of the road cross-section (or a bike lane), at a fixed lateral offset from the ego lane centre,
 * and the agents in it sorted by route position. A "ghost" lane holds vehicles that went straight through
 * an intersection where the route turned (see {@link Agent#straightFrom}).
 */
final class Lane {
  final int id;
  final double d;
  final int dir;
  final boolean bike;
  final boolean ghost;
  /** Set on the ego's lane, where lane changers are perceived only once they overlap it. */
  boolean egoLane;
  final ArrayList<Agent> members = new ArrayList<>();

  Lane(int id, double d, int dir, boolean bike, boolean ghost) {
    this.id = id;
    this.d = d;
    this.dir = dir;
    this.bike = bike;
    this.ghost = ghost;
  }

  /** Restores ascending route position after a step; the order barely changes, so insertion sort is linear. */
  void sort() {
    ArrayList<Agent> m = members;
    for (int i = 1; i < m.size(); i++) {
      Agent a = m.get(i);
      int j = i - 1;
      while (j >= 0 && m.get(j).s > a.s) {
        m.set(j + 1, m.get(j));
        j--;
      }
      m.set(j + 1, a);
    }
  }
}
