package dev.fleetmine.synth;

import java.util.ArrayList;
import java.util.List;

/**
 * One injected scenario's choreography. The {@link Director} calls {@link #prepare} when the scenario
 * becomes pending, {@link #tryStart} every frame until its preconditions hold, then {@link #step} every
 * frame until it is done. A script records its truth interval as ego frame indices.
 */
abstract class Script {
  final ScenarioType type;
  int startFrame = -1;
  int endFrame = -1;
  final List<String> tracks = new ArrayList<>();
  /** Whether it ran to a truth interval of its own type (set by the {@link Director}). */
  boolean played;
  /** Truth of other types the same actors make true (frames as for the main interval). */
  final List<Also> also = new ArrayList<>();

  /** A second truth interval recorded by this script, for a type its scene also satisfies. */
  record Also(ScenarioType type, int startFrame, int endFrame, List<String> tracks) {}

  Script(ScenarioType type) {
    this.type = type;
  }

  /** Arranges the scene while pending (clear lane requests, route requests). */
  abstract void prepare(LogSimulation sim);

  /** True once the scenario has started; called each frame while pending. */
  abstract boolean tryStart(LogSimulation sim, int frame, double t);

  /** Drives the actors for the coming step; true when the scenario is over. */
  abstract boolean step(LogSimulation sim, int frame, double t);

  /** Undoes every arrangement; called when the scenario ends or is abandoned. */
  abstract void release(LogSimulation sim);

  /** Whether a pending scenario may still be abandoned (a laid left turn may not). */
  boolean abandonable() {
    return true;
  }

  /** Longest the active part may run before it is ended. */
  double maxActiveSeconds() {
    return 60;
  }
}
