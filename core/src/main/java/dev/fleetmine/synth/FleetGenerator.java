package dev.fleetmine.synth;

import static java.util.Objects.requireNonNull;

import dev.fleetmine.ingest.LogSink;
import dev.fleetmine.ingest.Progress;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates a synthetic fleet: physically plausible drive logs with injected scenarios of known type and
 * time (see docs/synthetic-fleet.md). Logs are simulated and streamed one at a time, so memory does not
 * grow with the fleet; the output is a pure function of the {@link FleetSpec}.
 */
public final class FleetGenerator {
  private final FleetSpec spec;

  public FleetGenerator(FleetSpec spec) {
    this.spec = requireNonNull(spec, "spec is null");
  }

  /** Writes every log to {@code sink} (which validates each at endLog) and returns what was written. */
  public FleetSummary generate(LogSink sink, Progress progress) {
    requireNonNull(sink, "sink is null");
    requireNonNull(progress, "progress is null");
    int logs = spec.logCount();
    progress.start("synthesize " + logs + " logs", spec.totalFrames());
    long egoFrames = 0;
    long objectRows = 0;
    List<InjectedScenario> truth = new ArrayList<>();
    for (int i = 0; i < logs; i++) {
      LogSimulation.Result r = new LogSimulation(spec, i).run(sink);
      egoFrames += r.egoFrames();
      objectRows += r.objectRows();
      truth.addAll(r.truth());
      progress.advance(r.egoFrames());
    }
    progress.finish();
    return new FleetSummary(logs, egoFrames, objectRows, truth);
  }
}
