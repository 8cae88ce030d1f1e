package dev.fleetmine.cli;

import dev.fleetmine.eval.MiningMetrics;
import dev.fleetmine.eval.MiningScorer;
import dev.fleetmine.eval.TruthInstance;
import dev.fleetmine.query.LakeQuery;
import dev.fleetmine.query.ScenarioLibrary;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fleetmine score}: mining quality of library scenarios against a truth table. */
@Command(name = "score", mixinStandardHelpOptions = true,
    description = {"Runs library scenarios and scores their clips against ground truth: clip precision/recall,",
        "timestamp F1 and balanced accuracy, referred-object F1, log balanced accuracy (Argoverse 2",
        "scenario-mining levels). Truth: --truth CSV, else the lake's events of --truth-source."})
final class ScoreCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  LakeOptions lake;

  @Option(names = {"-s", "--scenario"}, paramLabel = "NAME", description = "Score this scenario (repeatable; default: every scenario the truth names).")
  List<String> names;

  @Option(names = "--truth", paramLabel = "FILE", description = "Truth CSV: log_id,scenario,start_ns,end_ns,track_ids (ids separated by ;).")
  Path truthFile;

  @Option(names = "--truth-source", defaultValue = "synthetic-truth", description = "Events source holding the truth when no --truth is given (default ${DEFAULT-VALUE}).")
  String truthSource;

  @Option(names = "--library", paramLabel = "DIR", description = "Also load NAME.fsl scenarios from DIR.")
  Path libraryDir;

  @Override
  public Integer call() throws Exception {
    ScenarioLibrary lib = ScenarioLibrary.builtInWith(libraryDir);
    try (LakeQuery session = lake.open().query()) {
      List<TruthInstance> truth = truthFile != null ? MiningScorer.readCsv(truthFile) : MiningScorer.fromEvents(session, truthSource);
      if (truth.isEmpty()) {
        throw new IllegalArgumentException("no truth found (" + (truthFile != null ? truthFile : "events of source " + truthSource) + ")");
      }
      List<String> scenarios = names != null ? names : MiningScorer.scenariosWithTruth(lib, truth);
      var scores = MiningScorer.score(session, lib, scenarios, truth);
      Tables.print(spec.commandLine().getOut(), List.of("scenario", "clips", "truth", "clip_P", "clip_R", "ts_F1", "ts_BA",
          "ref_P", "ref_R", "ref_F1", "log_BA"), scores.stream().map(s -> {
            MiningMetrics m = s.metrics();
            return List.of(s.scenario(), Integer.toString(m.clips()), Integer.toString(m.truths()), f(m.clipPrecision()),
                f(m.clipRecall()), f(m.timestampF1()), f(m.timestampBalancedAccuracy()), f(m.referredPrecision()),
                f(m.referredRecall()), f(m.referredF1()),
                f(m.logBalancedAccuracy()));
          }).toList());
    }
    return 0;
  }

  private static String f(double v) {
    return String.format("%.3f", v);
  }
}
