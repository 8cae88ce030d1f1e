package dev.fleetmine.cli;

import dev.fleetmine.query.ScenarioLibrary;
import dev.fleetmine.query.ScenarioMiner;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fleetmine mine --scenario NAME | --all}: tags the lake with library scenarios. */
@Command(name = "mine", mixinStandardHelpOptions = true,
    description = {"Tags the whole lake with library scenarios and stores the tags (table `tags`),",
        "replacing earlier tags of the same scenarios in one atomic commit."})
final class MineCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  LakeOptions lake;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Which which;

  static final class Which {
    @Option(names = {"-s", "--scenario"}, paramLabel = "NAME", description = "Mine this scenario (repeatable).")
    List<String> names;

    @Option(names = "--all", description = "Mine every library scenario.")
    boolean all;
  }

  @Option(names = "--library", paramLabel = "DIR", description = "Also load NAME.fsl scenarios from DIR.")
  Path libraryDir;

  @Override
  public Integer call() {
    ScenarioLibrary lib = ScenarioLibrary.builtInWith(libraryDir);
    List<String> names = which.all ? lib.names() : which.names;
    var fm = lake.open();
    var results = ScenarioMiner.mine(fm.lake(), lib, names,
        new ConsoleProgress(spec.commandLine().getErr(), System.console() != null));
    var out = spec.commandLine().getOut();
    Tables.print(out, List.of("scenario", "clips", "logs", "clip_hours", "query_ms"), results.stream()
        .map(r -> List.of(r.scenario(), Integer.toString(r.clips()), Long.toString(r.logs()),
            String.format("%.3f", r.seconds() / 3600), Long.toString(r.elapsed().toMillis()))).toList());
    out.printf("tags committed to %s (snapshot %d); query them with: fleetmine sql \"SELECT * FROM tags\"%n",
        fm.lake().root(), fm.lake().current().version());
    return 0;
  }
}
