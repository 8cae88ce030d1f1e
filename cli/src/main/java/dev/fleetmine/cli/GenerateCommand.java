package dev.fleetmine.cli;

import dev.fleetmine.Fleetmine;
import dev.fleetmine.synth.FleetGenerator;
import dev.fleetmine.synth.FleetSpec;
import dev.fleetmine.synth.FleetSummary;
import dev.fleetmine.synth.SimulatedDetector;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fleetmine generate}: a synthetic fleet with injected scenarios, straight into the lake. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Generates a synthetic fleet (physically plausible logs with injected scenarios of known type",
        "and time) and ingests it. The injected scenarios are stored as events of source synthetic-truth",
        "and, with --truth, written as CSV."})
final class GenerateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  LakeOptions lake;

  @Option(names = "--hours", defaultValue = "1", description = "Hours of driving (default ${DEFAULT-VALUE}; 280 h = 10M frames at 10 Hz).")
  double hours;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed; the same seed gives the same fleet (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--log-minutes", defaultValue = "10", description = "Length of each log in minutes (default ${DEFAULT-VALUE}).")
  double logMinutes;

  @Option(names = "--density", defaultValue = "15", description = "Mean objects per frame (default ${DEFAULT-VALUE}).")
  double density;

  @Option(names = "--truth", paramLabel = "FILE", description = "Also write the truth table of injected scenarios as CSV.")
  Path truth;

  @Option(names = "--detector", description = {"Also write the boxes of two simulated 3D detectors, sim-det@v1 and",
      "sim-det@v2 (models to try `fleetmine eval` on; see docs/synthetic-fleet.md)."})
  boolean detector;

  @Override
  public Integer call() throws Exception {
    if (!(hours > 0)) {
      throw new IllegalArgumentException("--hours must be > 0, got " + hours);
    }
    FleetSpec fleet = new FleetSpec(hours, seed, logMinutes, density);
    Fleetmine fm = lake.open();
    FleetSummary summary = generate(fm, fleet, new ConsoleProgress(spec.commandLine().getErr(), System.console() != null),
        spec.commandLine().getOut(), detector ? SimulatedDetector.DEFAULT_VERSIONS : List.of());
    if (truth != null) {
      summary.truthTable().writeCsv(truth);
      spec.commandLine().getOut().printf("truth table: %s%n", truth);
    }
    return 0;
  }

  static FleetSummary generate(Fleetmine fm, FleetSpec fleet, ConsoleProgress progress, java.io.PrintWriter out) {
    return generate(fm, fleet, progress, out, List.of());
  }

  /** Generates the fleet, with the boxes of the simulated detectors {@code detectors} when there are any. */
  static FleetSummary generate(Fleetmine fm, FleetSpec fleet, ConsoleProgress progress, java.io.PrintWriter out,
      List<SimulatedDetector.Version> detectors) {
    FleetSummary[] summary = new FleetSummary[1];
    Fleetmine.IngestResult r = fm.write("generate " + fleet.hours() + " h seed " + fleet.seed(),
        sink -> summary[0] = new FleetGenerator(fleet).generate(
            detectors.isEmpty() ? sink : new SimulatedDetector(sink, detectors, fleet.seed()), progress));
    out.printf("generated %d synthetic log(s): %,d ego frames, %,d object rows, %d injected scenarios in %.1f s"
        + " -> %s (snapshot %d)%n", r.logIds().size(), r.egoRows(), r.objectRows(), summary[0].truth().size(),
        r.elapsed().toMillis() / 1000.0, fm.lake().root(), r.snapshotVersion());
    return summary[0];
  }
}
