package dev.fleetmine.eval;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One ground-truth occurrence of a scenario: where it happened and which objects it is about.
 *
 * @param logId    the log
 * @param scenario scenario name (matches a library name, e.g. cut_in)
 * @param startNs  first timestamp of the occurrence
 * @param endNs    last timestamp
 * @param trackIds the referred objects (may be empty, e.g. for ego-only scenarios)
 */
public record TruthInstance(String logId, String scenario, long startNs, long endNs, List<String> trackIds) {
  public TruthInstance {
    requireNonNull(logId, "logId is null");
    requireNonNull(scenario, "scenario is null");
    trackIds = List.copyOf(trackIds);
    if (endNs < startNs) {
      throw new IllegalArgumentException("truth of " + scenario + " in " + logId + " ends before it starts");
    }
  }
}
