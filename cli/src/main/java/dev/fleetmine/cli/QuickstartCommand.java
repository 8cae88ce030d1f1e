package dev.fleetmine.cli;

import dev.fleetmine.Fleetmine;
import dev.fleetmine.query.ScenarioLibrary;
import dev.fleetmine.query.ScenarioMiner;
import dev.fleetmine.synth.FleetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fleetmine quickstart}: the main job on the embedded default lake. */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
    description = {"Builds a lake to explore: generates a small synthetic fleet, ingests the real samples of",
        "every supported format found under --data (default ../shared/data), mines the scenario library",
        "over all of it and prints a summary."})
final class QuickstartCommand implements Callable<Integer> {
  /** Real-data folders under the samples root and the format that reads each. */
  static final List<String[]> SAMPLES = List.of(
      new String[] {"av2", "argoverse2/sensor"},
      new String[] {"av2-motion", "argoverse2/forecasting"},
      new String[] {"kitti", "kitti-tracking"},
      new String[] {"waymo", "waymo-motion"},
      new String[] {"comma2k19", "comma2k19"});

  @Spec
  CommandSpec spec;

  @Mixin
  LakeOptions lake;

  @Option(names = "--data", paramLabel = "PATH", description = "Folder of real samples (default ../shared/data if it exists).")
  Path data;

  @Option(names = "--hours", defaultValue = "0.5", description = "Hours of synthetic driving (default ${DEFAULT-VALUE}).")
  double hours;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    var progress = new ConsoleProgress(spec.commandLine().getErr(), System.console() != null);
    Path samples = data != null ? data : Path.of("..", "shared", "data");
    if (data != null && !Files.isDirectory(data)) {
      throw new IllegalArgumentException("--data " + data + " is not a directory");
    }
    Fleetmine fm = lake.open();
    GenerateCommand.generate(fm, FleetSpec.of(hours, 42), progress, out);
    if (Files.isDirectory(samples)) {
      for (String[] s : SAMPLES) {
        Path p = samples.resolve(s[1]);
        if (Files.isDirectory(p)) {
          Fleetmine.IngestResult r = fm.ingest(s[0], List.of(p), progress);
          out.printf("ingested %d %s log(s) from %s: %,d ego frames, %,d object rows%n", r.logIds().size(), s[0], p,
              r.egoRows(), r.objectRows());
        }
      }
    } else {
      out.println("no real samples at " + samples.toAbsolutePath().normalize() + " (pass --data PATH); synthetic fleet only");
    }
    out.println();
    StatsCommand.print(out, fm.stats(), fm.lake().root().toString());
    out.println();
    ScenarioLibrary lib = ScenarioLibrary.builtIn();
    var mined = ScenarioMiner.mine(fm.lake(), lib, lib.names(), progress);
    out.println("scenarios mined from the library (stored in table tags):");
    Tables.print(out, List.of("scenario", "clips", "logs"), mined.stream()
        .map(m -> List.of(m.scenario(), Integer.toString(m.clips()), Long.toString(m.logs()))).toList());
    out.println();
    out.println("next: fleetmine search -s cut_in | fleetmine search \"ego.speed > 8 and exists pedestrian p where"
        + " p.ahead and p.distance < 15\" | fleetmine score | fleetmine eval --model pointrcnn (KITTI's detector vs its labels)"
        + " | fleetmine logs | fleetmine sql \"SELECT * FROM tags\"");
    return 0;
  }
}
