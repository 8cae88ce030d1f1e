package dev.fleetmine.synth;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One injected scenario: the truth a mining query is scored against.
 *
 * @param logId    the log it happened in
 * @param type     what happened
 * @param startNs  first timestamp of the truth interval (an ego frame)
 * @param endNs    last timestamp of the truth interval (an ego frame, inclusive)
 * @param trackIds the scenario's actors (cutter, braking lead, pedestrian, stopped vehicle, oncoming vehicle,
 *                 overtaking car, drifting car)
 */
public record InjectedScenario(String logId, ScenarioType type, long startNs, long endNs, List<String> trackIds) {
  public InjectedScenario {
    requireNonNull(logId, "logId is null");
    requireNonNull(type, "type is null");
    trackIds = List.copyOf(trackIds);
    if (endNs < startNs) {
      throw new IllegalArgumentException(type + " in " + logId + " ends (" + endNs + ") before it starts (" + startNs + ")");
    }
  }
}
