package dev.fleetmine.cli;

import dev.fleetmine.eval.ForecastEvaluation;
import dev.fleetmine.eval.forecast.AgentError;
import dev.fleetmine.eval.forecast.ForecastConfig;
import dev.fleetmine.eval.forecast.ForecastMetric;
import dev.fleetmine.ingest.forecast.ConstantVelocityForecaster;
import dev.fleetmine.ingest.forecast.ForecastImport;
import dev.fleetmine.query.LakeQuery;
import dev.fleetmine.query.ScenarioMiner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleetmine forecasts import|baseline|eval}: trajectory forecasts per model, scored against the observed future. */
@Command(name = "forecasts", mixinStandardHelpOptions = true,
    description = {"Trajectory forecasts per model (table `forecasts`), evaluated against the observed future of the",
        "ground-truth tracks: the future is the label, so high-error agents are mined without labeling."},
    subcommands = {ForecastsCommand.Import.class, ForecastsCommand.Baseline.class, ForecastsCommand.Eval.class})
final class ForecastsCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = {"Imports a model's forecasts (CSV or Parquet: log_id, ts_ns, track_id, mode, [probability,]",
          "target_ts_ns, x, y; docs/formats/forecasts.md), replacing earlier ones of the model, atomically."})
  static final class Import implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LakeOptions lake;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "NAME[@VERSION]")
    String model;

    @Parameters(paramLabel = "FILE", description = "The forecasts file.")
    Path file;

    @Override
    public Integer call() {
      ForecastImport.Imported r = ForecastImport.importFile(lake.open().lake(), model, file);
      spec.commandLine().getOut().printf(Locale.ROOT, "imported %,d forecast rows of %s: %,d agents in %d log(s) in %.1f s"
          + " (snapshot %d)%n", r.rows(), r.model(), r.agents(), r.logs(), r.elapsed().toMillis() / 1e3, r.snapshotVersion());
      return 0;
    }
  }

  @Command(name = "baseline", mixinStandardHelpOptions = true,
      description = {"Writes constant-velocity forecasts of every ground-truth track (model `cv` by default): a",
          "baseline to compare models with, and a detector of agents whose motion is hard to predict."})
  static final class Baseline implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LakeOptions lake;

    @Option(names = {"-m", "--model"}, defaultValue = "cv", description = "Model name to store them under (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--every", defaultValue = "1.0", paramLabel = "S", description = "Seconds between forecasts (default: ${DEFAULT-VALUE}).")
    double every;

    @Option(names = "--horizon", defaultValue = "3.0", paramLabel = "S", description = "Forecast horizon in s (default: ${DEFAULT-VALUE}).")
    double horizon;

    @Override
    public Integer call() {
      ConstantVelocityForecaster.Result r = ConstantVelocityForecaster.run(lake.open().lake(),
          new ConstantVelocityForecaster.Options(model, every, horizon));
      PrintWriter out = spec.commandLine().getOut();
      out.printf(Locale.ROOT, "wrote %,d forecast rows of %s: %,d agents in %d log(s) in %.1f s (snapshot %d)%n", r.rows(),
          r.model(), r.agents(), r.logs(), r.elapsed().toMillis() / 1e3, r.snapshotVersion());
      if (!r.skipped().isEmpty()) {
        out.printf("skipped %d of %d log(s):%n", r.skipped().size(), r.logs() + r.skipped().size());
        r.skippedByReason().forEach((reason, logs) -> out.printf("  %d %s: %s: %s%n", logs.size(), reason.id(), reason.why(),
            logs.size() <= 12 ? String.join(", ", logs) : String.join(", ", logs.subList(0, 10)) + ", ... (" + (logs.size() - 10)
                + " more)"));
      }
      return 0;
    }
  }

  @Command(name = "eval", mixinStandardHelpOptions = true,
      description = {"minADE, minFDE, miss rate (FDE > threshold) and brier-minFDE of a model's forecasts, overall and",
          "per category, log and scenario tag; stores agents that missed as clips in tag fde:MODEL."})
  static final class Eval implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LakeOptions lake;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL")
    String model;

    @Option(names = "--miss-threshold", defaultValue = "2.0", paramLabel = "M", description = "FDE above this is a miss (default: ${DEFAULT-VALUE} m).")
    double missThreshold;

    @Option(names = "--worst", defaultValue = "10", description = "List this many agents of highest minFDE (default: ${DEFAULT-VALUE}).")
    int worst;

    @Option(names = "--no-tags", description = "Do not store the miss clips as tags.")
    boolean noTags;

    @Override
    public Integer call() {
      var fm = lake.open();
      PrintWriter out = spec.commandLine().getOut();
      try (LakeQuery session = fm.query()) {
        ForecastEvaluation.Result r = ForecastEvaluation.evaluate(session, model, new ForecastConfig(missThreshold, false));
        List<List<String>> rows = new ArrayList<>();
        for (ForecastEvaluation.SliceResult s : r.slices()) {
          rows.add(List.of(s.dimension(), s.name(), Integer.toString(s.scored()), f(s.minAde()), f(s.minFde()), f(s.missRate()),
              s.withProbabilities() == 0 ? "" : f(s.brierMinFde())));
        }
        Tables.print(out, List.of("dimension", "slice", "agents", "minADE_m", "minFDE_m", "miss_rate", "brier_minFDE"), rows);
        out.println("worst agents by minFDE:");
        for (AgentError a : r.overall().worst(ForecastMetric.MIN_FDE, worst)) {
          out.printf(Locale.ROOT, "  %s track %s at %d ns: minFDE %.2f m, minADE %.2f m%n", a.agent().logId(), a.agent().trackId(),
              a.agent().tsNs(), a.minFde(), a.minAde());
        }
        if (!noTags) {
          ScenarioMiner.store(fm.lake(), session, "forecasts eval " + model, List.of(ForecastEvaluation.failureTags(r)));
          out.printf("%d clip(s) of missed forecasts stored as tag %s%n", r.failures().size(), ForecastEvaluation.failureTag(model));
        }
      }
      return 0;
    }

    private static String f(double v) {
      return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }
  }
}
