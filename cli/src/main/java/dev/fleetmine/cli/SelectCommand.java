package dev.fleetmine.cli;

import dev.fleetmine.Fleetmine;
import dev.fleetmine.query.ScenarioLibrary;
import dev.fleetmine.select.Balance;
import dev.fleetmine.select.Candidates;
import dev.fleetmine.select.LakeSelection;
import dev.fleetmine.select.Selection;
import dev.fleetmine.select.SelectionStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fleetmine select --id NAME --from-tag TAG --strategy SPEC --budget N}: which clips to label next,
 * saved as a selection in the curation area; {@code --list} and {@code --show NAME} read them back.
 */
@Command(name = "select", mixinStandardHelpOptions = true,
    description = {"Active-learning selection under a budget: picks candidate clips (a tag such as fn:MODEL, a query,",
        "a library scenario, or the clip index's 8 s windows) by uncertainty of a model's scores, diversity",
        "(k-center greedy coreset), rarity, disagreement between two models, or a weighted mix, optionally",
        "balanced by tag or class, and saves it with every input to curation/selections/NAME.json."},
    footer = {"", "Examples:",
        "  fleetmine select --id fn-50 --from-tag fn:pointrcnn --strategy uncertainty:entropy --model pointrcnn --budget 50",
        "  fleetmine select --id mix --from-windows --strategy uncertainty=0.6,rarity=0.4,diversity --model pointrcnn --budget 100",
        "  fleetmine select --id bal --from-scenario cut_in --strategy rarity --balance tag --budget 20",
        "  fleetmine select --list",
        "  fleetmine select --show fn-50"})
final class SelectCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  LakeOptions lake;

  @ArgGroup(exclusive = true, multiplicity = "1")
  What what;

  static final class What {
    @Option(names = "--id", paramLabel = "NAME", description = "Name of the new selection (letters, digits, '.', '_', '-').")
    String id;

    @Option(names = "--list", description = "List the saved selections.")
    boolean list;

    @Option(names = "--show", paramLabel = "NAME", description = "Print a saved selection: its inputs and picks.")
    String show;
  }

  @ArgGroup(exclusive = true)
  From from;

  static final class From {
    @Option(names = "--from-tag", paramLabel = "TAG", description = "Clips of a tag, e.g. fn:pointrcnn (from `fleetmine eval`) or a mined scenario.")
    String tag;

    @Option(names = "--from-query", paramLabel = "QUERY", description = "Clips where a scenario-language query matches.")
    String query;

    @Option(names = "--from-scenario", paramLabel = "NAME", description = "Clips where a library scenario matches.")
    String scenario;

    @Option(names = "--from-windows", description = "The 8 s windows (every 2 s) of every log, as `fleetmine index` embeds them.")
    boolean windows;
  }

  @Option(names = "--strategy", paramLabel = "SPEC", defaultValue = "uncertainty:entropy",
      description = {"Terms NAME[:VARIANT][=WEIGHT], comma-separated (default: ${DEFAULT-VALUE}):",
          "uncertainty[:entropy|margin|least-confidence], rarity, disagreement, diversity."})
  String strategy;

  @Option(names = "--model", paramLabel = "MODEL", description = "Model whose scores feed uncertainty (model A of disagreement).")
  String model;

  @Option(names = "--model-b", paramLabel = "MODEL", description = "Model B of disagreement.")
  String modelB;

  @Option(names = "--budget", paramLabel = "N", defaultValue = "50", description = "How many clips (default: ${DEFAULT-VALUE}).")
  int budget;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the first pick of a diversity-only run (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--rarity-k", paramLabel = "K", defaultValue = "10",
      description = "Rarity: distance to the K-th nearest other candidate (default: ${DEFAULT-VALUE}).")
  int rarityK;

  @Option(names = "--balance", paramLabel = "SPEC",
      description = "Fill toward target shares: tag | class (equal shares) or e.g. tag:cut_in=0.3,hard_brake=0.2.")
  String balance;

  @Option(names = "--exclude-labeled", description = "Drop clips of existing labeling batches (curation/batches/*/batch.json).")
  boolean excludeLabeled;

  @Option(names = "--score-scale", defaultValue = "auto",
      description = "auto | probability | logit: how detection scores become probabilities (default: ${DEFAULT-VALUE}).")
  String scoreScale;

  @Option(names = "--threads", defaultValue = "2", description = "Threads of the diversity stage (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--library", paramLabel = "DIR", description = "Also load NAME.fsl scenarios from DIR.")
  Path libraryDir;

  @Override
  public Integer call() {
    Fleetmine fm = lake.open();
    PrintWriter out = spec.commandLine().getOut();
    SelectionStore store = new SelectionStore(fm.lake());
    if (what.list) {
      List<List<String>> rows = new ArrayList<>();
      for (String id : store.ids()) {
        Selection s = store.load(id);
        rows.add(List.of(id, Integer.toString(s.clips().size()), s.strategy(), s.params().getOrDefault("candidates", ""),
            Long.toString(s.snapshotVersion()), Instant.ofEpochMilli(s.createdAtMs()).toString()));
      }
      Tables.print(out, List.of("selection", "clips", "strategy", "candidates", "snapshot", "created"), rows);
      return 0;
    }
    if (what.show != null) {
      Selection s = store.load(what.show);
      out.println("selection " + s.id() + ": " + s.clips().size() + " clip(s), strategy " + s.strategy() + ", snapshot "
          + s.snapshotVersion() + ", created " + Instant.ofEpochMilli(s.createdAtMs()));
      s.params().forEach((k, v) -> out.println("  " + k + " = " + v));
      print(out, s);
      return 0;
    }
    if (from == null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "a new selection needs its candidates: --from-tag, --from-query, --from-scenario or --from-windows");
    }
    Candidates c = from.tag != null ? new Candidates.FromTag(from.tag) : from.query != null ? new Candidates.FromQuery(from.query)
        : from.scenario != null ? new Candidates.FromScenario(from.scenario) : new Candidates.FromWindows();
    LakeSelection.Request r = new LakeSelection.Request(what.id, c, strategy, model, modelB, budget, seed, rarityK,
        balance == null ? null : Balance.parse(balance), excludeLabeled, scoreScale.toLowerCase(Locale.ROOT), threads);
    ScenarioLibrary lib = ScenarioLibrary.builtInWith(libraryDir);
    Selection s = LakeSelection.run(fm.lake(), r, lib, new ConsoleProgress(spec.commandLine().getErr(), System.console() != null));
    print(out, s);
    out.printf("saved selection %s: %d clip(s) of %s candidates -> %s%n", s.id(), s.clips().size(),
        s.params().get("candidate_count"), fm.lake().root().resolve("curation/selections/" + s.id() + ".json"));
    if (s.clips().size() < r.budget() && s.clips().size() < Integer.parseInt(s.params().get("candidate_count"))) {
      out.printf("note: fewer clips than --budget %d: the candidates left overlap a pick (picks never share a frame)%n",
          r.budget());
    }
    return 0;
  }

  private static void print(PrintWriter out, Selection s) {
    List<List<String>> rows = new ArrayList<>();
    int rank = 1;
    for (Selection.Item it : s.clips()) {
      rows.add(List.of(Integer.toString(rank++), it.clip().id(), fmt(it.score()), it.components().entrySet().stream()
          .map(e -> e.getKey() + "=" + fmt(e.getValue())).collect(Collectors.joining(" "))));
    }
    Tables.print(out, List.of("rank", "clip", "score", "components"), rows);
  }

  private static String fmt(double v) {
    return v == Double.MAX_VALUE ? "first" : String.format(Locale.ROOT, "%.4f", v);
  }
}
