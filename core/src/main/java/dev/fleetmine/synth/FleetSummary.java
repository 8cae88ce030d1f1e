package dev.fleetmine.synth;

import java.util.List;

/**
 * What {@link FleetGenerator#generate} wrote.
 *
 * @param logs       logs written
 * @param egoFrames  ego rows written
 * @param objectRows object rows written
 * @param truth      every injected scenario, in log and time order
 */
public record FleetSummary(int logs, long egoFrames, long objectRows, List<InjectedScenario> truth) {
  public FleetSummary {
    truth = List.copyOf(truth);
  }

  /** The truth as a table that can be written to CSV. */
  public TruthTable truthTable() {
    return new TruthTable(truth);
  }
}
