package dev.fleetmine.cli;

import dev.fleetmine.ingest.ObjectSample;
import dev.fleetmine.ingest.PredictionWriter;
import dev.fleetmine.ingest.predictions.PredictionReaders;
import dev.fleetmine.lake.Snapshot;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleetmine predictions add --model NAME[@VERSION] --format kitti|native PATH...}. */
@Command(name = "predictions", mixinStandardHelpOptions = true,
    description = "Model outputs stored beside the ground truth (objects table, source = the model).",
    subcommands = PredictionsCommand.Add.class)
final class PredictionsCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = {"Adds a model's 3D detections to logs already in the lake, in one atomic commit.",
          "Importing the same model again replaces its rows; ground truth and other models are kept.",
          "Formats (docs/formats/predictions.md): kitti (AB3DMOT/PointRCNN CSVs <Class>/<seq>.txt, with --calib),",
          "native (CSV or Parquet: log_id, ts_ns, category, x, y, z, length, width, height, yaw, score)."})
  static final class Add implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LakeOptions lake;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "NAME[@VERSION]", description = "The model's name, e.g. det@v2.")
    String model;

    @Option(names = {"-f", "--format"}, required = true, paramLabel = "FORMAT", description = "kitti | native")
    String format;

    @Option(names = "--calib", paramLabel = "DIR", description = "KITTI calib/ folder (default: calib/ beside the detections).")
    Path calib;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Prediction files or folders.")
    List<Path> paths;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      var fm = lake.open();
      Map<String, List<ObjectSample>> byLog = PredictionReaders.read(format, paths, model, calib);
      try (PredictionWriter w = PredictionWriter.begin(fm.lake(), model)) {
        byLog.forEach(w::add);
        Snapshot s = w.commit("predictions add " + model);
        out.printf("added %,d predictions of %s to %d log(s) -> %s (snapshot %d)%n", w.rows(), model, w.logIds().size(),
            fm.lake().root(), s.version());
      }
      return 0;
    }
  }
}
