package dev.fleetmine.cli;

import dev.fleetmine.eval.coco.CocoDetections;
import dev.fleetmine.eval.coco.CocoEvaluator;
import dev.fleetmine.eval.coco.CocoGroundTruth;
import dev.fleetmine.eval.coco.CocoJson;
import dev.fleetmine.eval.coco.CocoResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fleetmine coco eval-files --gt instances.json --results results.json}: COCOeval for boxes, as
 * pycocotools prints it, straight from the files.
 */
@Command(name = "eval-files", mixinStandardHelpOptions = true,
    description = {"Evaluates COCO-format 2D detection results against COCO ground truth (iouType bbox), with",
        "exactly pycocotools' COCOeval numbers, printed in its summary format."})
final class CocoEvalCommand implements Callable<Integer> {
  private static final String[] LINES = {
      "Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ]",
      "Average Precision  (AP) @[ IoU=0.50      | area=   all | maxDets=100 ]",
      "Average Precision  (AP) @[ IoU=0.75      | area=   all | maxDets=100 ]",
      "Average Precision  (AP) @[ IoU=0.50:0.95 | area= small | maxDets=100 ]",
      "Average Precision  (AP) @[ IoU=0.50:0.95 | area=medium | maxDets=100 ]",
      "Average Precision  (AP) @[ IoU=0.50:0.95 | area= large | maxDets=100 ]",
      "Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=  1 ]",
      "Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets= 10 ]",
      "Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ]",
      "Average Recall     (AR) @[ IoU=0.50:0.95 | area= small | maxDets=100 ]",
      "Average Recall     (AR) @[ IoU=0.50:0.95 | area=medium | maxDets=100 ]",
      "Average Recall     (AR) @[ IoU=0.50:0.95 | area= large | maxDets=100 ]"};

  @Spec
  CommandSpec spec;

  @Option(names = "--gt", required = true, paramLabel = "FILE", description = "COCO ground truth (instances JSON).")
  Path gt;

  @Option(names = "--results", required = true, paramLabel = "FILE", description = "COCO results JSON (list of detections).")
  Path results;

  @Option(names = "--threads", defaultValue = "2", description = "Threads over categories (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--full-precision", description = "Print all digits instead of pycocotools' three.")
  boolean full;

  @Override
  public Integer call() {
    long t0 = System.nanoTime();
    CocoGroundTruth truth = CocoJson.readGroundTruth(gt);
    CocoDetections dets = CocoJson.readResults(results);
    long t1 = System.nanoTime();
    CocoResult r = CocoEvaluator.evaluate(truth, dets, threads);
    long t2 = System.nanoTime();
    PrintWriter out = spec.commandLine().getOut();
    printSummary(out, r, full);
    out.printf(Locale.ROOT, "%d false positives and %d missed boxes at IoU 0.5 (maxDets 100); read %.2f s, evaluated %.2f s%n",
        r.falsePositives().size(), r.falseNegatives().size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    return 0;
  }

  /** The 12 numbers in pycocotools' summarize() layout (three decimals, or all digits with {@code full}). */
  static void printSummary(PrintWriter out, CocoResult r, boolean full) {
    double[] stats = r.stats().toArray();
    for (int i = 0; i < stats.length; i++) {
      out.println(" " + LINES[i] + " = " + (full ? Double.toString(stats[i]) : String.format(Locale.ROOT, "%.3f", stats[i])));
    }
  }
}
