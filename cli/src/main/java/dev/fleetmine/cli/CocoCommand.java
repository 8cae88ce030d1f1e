package dev.fleetmine.cli;

import dev.fleetmine.eval.Coco2dEvaluation;
import dev.fleetmine.ingest.coco.CocoImport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleetmine coco import-gt|import-results|eval|eval-files}: COCO 2D detection data in the lake. */
@Command(name = "coco", mixinStandardHelpOptions = true,
    description = {"COCO-format 2D detections: ground truth per dataset and results per model stored in the lake",
        "(table boxes2d), evaluated with exactly pycocotools' COCOeval numbers."},
    subcommands = {CocoCommand.ImportGt.class, CocoCommand.ImportResults.class, CocoCommand.Eval.class, CocoEvalCommand.class})
final class CocoCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  private static void printImported(PrintWriter out, CocoImport.Imported r) {
    out.printf(Locale.ROOT, "imported %s: %,d images, %,d boxes in %.1f s (snapshot %d)%n", r.key(), r.images(), r.boxes(),
        r.elapsed().toMillis() / 1e3, r.snapshotVersion());
  }

  @Command(name = "import-gt", mixinStandardHelpOptions = true,
      description = "Stores a COCO instances JSON as the ground truth of DATASET (replacing an earlier one), atomically.")
  static final class ImportGt implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LakeOptions lake;

    @Option(names = {"-d", "--dataset"}, required = true, paramLabel = "DATASET")
    String dataset;

    @Parameters(paramLabel = "FILE", description = "COCO instances JSON.")
    Path file;

    @Override
    public Integer call() {
      printImported(spec.commandLine().getOut(), CocoImport.importGroundTruth(lake.open().lake(), dataset, file));
      return 0;
    }
  }

  @Command(name = "import-results", mixinStandardHelpOptions = true,
      description = "Stores a model's COCO results JSON for DATASET (replacing earlier ones of the model), atomically.")
  static final class ImportResults implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LakeOptions lake;

    @Option(names = {"-d", "--dataset"}, required = true, paramLabel = "DATASET")
    String dataset;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "NAME[@VERSION]")
    String model;

    @Parameters(paramLabel = "FILE", description = "COCO results JSON (a list of detections).")
    Path file;

    @Override
    public Integer call() {
      printImported(spec.commandLine().getOut(), CocoImport.importResults(lake.open().lake(), dataset, model, file));
      return 0;
    }
  }

  @Command(name = "eval", mixinStandardHelpOptions = true,
      description = "COCOeval (bbox) of a model's results on DATASET from the lake, with AP per category.")
  static final class Eval implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LakeOptions lake;

    @Option(names = {"-d", "--dataset"}, required = true, paramLabel = "DATASET")
    String dataset;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL")
    String model;

    @Option(names = "--threads", defaultValue = "2", description = "Threads over categories (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--full-precision", description = "Print all digits instead of pycocotools' three.")
    boolean full;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (var session = lake.open().query()) {
        Coco2dEvaluation.Result r = Coco2dEvaluation.evaluate(session, dataset, model, threads);
        out.printf("%s on %s: %d images, %d annotations, %d detections%n", model, dataset, r.images(), r.annotations(),
            r.detections());
        CocoEvalCommand.printSummary(out, r.coco(), full);
        List<List<String>> rows = r.categories().stream().filter(c -> c.ap() >= 0)
            .map(c -> List.of(Long.toString(c.categoryId()), c.name(), String.format(Locale.ROOT, "%.3f", c.ap()))).toList();
        out.println("AP per category (categories without ground truth left out):");
        Tables.print(out, List.of("id", "category", "AP"), rows);
      }
      return 0;
    }
  }
}
