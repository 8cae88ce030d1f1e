package dev.fleetmine.cli;

import dev.fleetmine.vector.ClipIndex;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fleetmine dedup --threshold T}: near-duplicate windows of the fleet. */
@Command(name = "dedup", mixinStandardHelpOptions = true,
    description = {"Lists pairs of 8 s windows from different places of the fleet whose scenes are near-identical",
        "(index score >= threshold; build the index with `fleetmine index`), most similar first."})
final class DedupCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  LakeOptions lake;

  @Option(names = "--threshold", defaultValue = "0.999", description = "Score at or above which two windows count as duplicates "
      + "(scores are (1 + cos) / 2; default: ${DEFAULT-VALUE}).")
  double threshold;

  @Option(names = "--limit", defaultValue = "50", description = "Pairs to print (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    var fm = lake.open();
    PrintWriter out = spec.commandLine().getOut();
    try (ClipIndex index = ClipIndex.open(fm.lake())) {
      List<ClipIndex.Duplicate> pairs = index.duplicates(threshold, 5);
      List<List<String>> rows = new ArrayList<>();
      pairs.stream().limit(limit).forEach(p -> rows.add(List.of(p.a(), p.b(), String.format(Locale.ROOT, "%.4f", p.score()))));
      Tables.print(out, List.of("clip", "duplicate", "score"), rows);
      out.printf("%d near-duplicate pair(s) at score >= %s%n", pairs.size(), threshold);
    }
    return 0;
  }
}
