package dev.fleetmine.cli;

import dev.fleetmine.eval.EvalData;
import dev.fleetmine.eval.ModelComparison;
import dev.fleetmine.eval.ModelEvaluation;
import dev.fleetmine.eval.SliceBy;
import dev.fleetmine.eval.det3d.IouKind;
import dev.fleetmine.eval.det3d.Matching;
import dev.fleetmine.eval.report.EvalReport;
import dev.fleetmine.query.LakeQuery;
import dev.fleetmine.query.ScenarioLibrary;
import dev.fleetmine.query.ScenarioMiner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fleetmine eval --model M [--baseline B] [--slice-by ...]}: evaluates a model's 3D detections
 * against the lake's ground truth, per slice and category; writes a JSON and HTML report; stores the
 * model's misses and false alarms as tags {@code fn:M} and {@code fp:M} for selection.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = {"Evaluates a model's 3D detections against ground truth in the lake, sliced by log, distance,",
        "scenario tag or an ad-hoc query (always per category), optionally against a baseline model with",
        "bootstrap intervals over logs. Writes report.json, report.html and outcomes.csv (to <lake>/reports/eval-MODEL",
        "unless --report DIR) and stores failure clips as tags fn:MODEL (missed objects) and fp:MODEL (false detections)."})
final class EvalCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  LakeOptions lake;

  @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL",
      description = "The model: its source in the objects table (see `fleetmine sql \"SELECT DISTINCT source FROM objects\"`).")
  String model;

  @Option(names = "--truth", defaultValue = "gt", paramLabel = "SOURCE", description = "Ground-truth source (default: ${DEFAULT-VALUE}).")
  String truth;

  @Option(names = "--slice-by", paramLabel = "SLICE", split = ";",
      description = {"log | distance[:EDGES] | scenario[:NAMES] | query:NAME=QUERY (repeatable; category is always",
          "reported), e.g. --slice-by scenario --slice-by distance:0,20,40"})
  List<String> sliceBy = new ArrayList<>();

  @Option(names = "--matching", defaultValue = "kitti-bev", paramLabel = "KIND",
      description = "kitti-bev | kitti-3d (IoU >= 0.7 cars, 0.5 others; AP R40) | nuscenes (centre distance 0.5/1/2/4 m) "
          + "(default: ${DEFAULT-VALUE}).")
  String matching;

  @Option(names = "--baseline", paramLabel = "MODEL", description = "Compare against this model (bootstrap over logs).")
  String baseline;

  @Option(names = "--replicates", defaultValue = "1000", description = "Bootstrap replicates (default: ${DEFAULT-VALUE}).")
  int replicates;

  @Option(names = "--report", paramLabel = "DIR",
      description = "Where to write report.json, report.html and outcomes.csv (default: <lake>/reports/eval-MODEL).")
  Path reportDir;

  @Option(names = "--all-slices",
      description = "Also print slices without data (no ground truth, no detection); report.json always has them.")
  boolean allSlices;

  @Option(names = "--no-tags", description = "Do not store the failure clips as tags.")
  boolean noTags;

  @Option(names = "--library", paramLabel = "DIR", description = "Also load NAME.fsl scenarios from DIR.")
  Path libraryDir;

  @Override
  public Integer call() {
    ScenarioLibrary lib = ScenarioLibrary.builtInWith(libraryDir);
    var fm = lake.open();
    ModelEvaluation.Options options = new ModelEvaluation.Options(model, truth, matching(matching),
        sliceBy.stream().map(SliceBy::parse).toList());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (LakeQuery session = fm.query()) {
      err.println("evaluating " + model + " against " + truth + " ...");
      EvalData data = EvalData.load(session, model, truth);
      ModelEvaluation.Result result = ModelEvaluation.evaluate(session, lib, options, data);
      ModelComparison.Result comparison = null;
      if (baseline != null) {
        err.println("comparing with " + baseline + " (" + replicates + " bootstrap replicates over logs) ...");
        comparison = ModelComparison.compare(session, lib, options, data, baseline, replicates, 0.95, 42);
      }
      out.print(EvalReport.table(result, allSlices));
      for (ModelEvaluation.ScenarioFailures f : result.byScenario()) {
        if (f.missed() + f.falseAlarms() > 0) {
          out.printf("scenario %s: %d missed-object clips, %d false-detection clips overlap it%n", f.scenario(), f.missed(),
              f.falseAlarms());
        }
      }
      if (!result.skipped().isEmpty()) {
        out.println("skipped (ground truth but no prediction of " + model + "): " + String.join(", ", result.skipped()));
      }
      if (comparison != null) {
        List<ModelComparison.Delta> reg = comparison.regressions();
        out.printf("against %s: %d regression(s) whose 95%% interval over logs lies below zero%n", baseline, reg.size());
        for (ModelComparison.Delta d : reg) {
          out.printf("  REGRESSION %s %s %s: AP %.1f -> %.1f (delta %.1f, interval [%.1f, %.1f])%n", d.dimension(), d.slice(),
              d.category(), 100 * d.apBaseline(), 100 * d.ap(), 100 * d.diff().estimate(), 100 * d.diff().lo(), 100 * d.diff().hi());
        }
      }
      Path html = EvalReport.write(reportDir != null ? reportDir : EvalReport.defaultDir(fm.lake(), model), result, comparison);
      out.println("report: " + html.toAbsolutePath().normalize() + " (report.json and outcomes.csv beside it)");
      if (!noTags) {
        ScenarioMiner.store(fm.lake(), session, "eval " + model, List.of(
            new ScenarioMiner.TagSet("fn:" + model, "ground truth missed by " + model + " (" + options.matching() + ")",
                result.missed()),
            new ScenarioMiner.TagSet("fp:" + model, "false detections of " + model + " (" + options.matching() + ")",
                result.falseAlarms())));
        out.printf("failure clips stored as tags fn:%s (%d clips) and fp:%s (%d clips)%n", model, result.missed().size(), model,
            result.falseAlarms().size());
      }
    }
    return 0;
  }

  static Matching matching(String kind) {
    return switch (kind) {
      case "kitti-bev" -> Matching.Kitti.defaults(IouKind.BEV);
      case "kitti-3d" -> Matching.Kitti.defaults(IouKind.IOU_3D);
      case "nuscenes" -> Matching.NuScenes.defaults();
      default -> throw new IllegalArgumentException("unknown matching '" + kind + "'; expected kitti-bev, kitti-3d or nuscenes");
    };
  }
}
