package dev.fleetmine.cli;

import dev.fleetmine.query.ScenarioLibrary;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleetmine scenarios [NAME]}: the scenario library. */
@Command(name = "scenarios", mixinStandardHelpOptions = true,
    description = "Lists the library's scenarios, or prints one scenario's source to read or copy.")
final class ScenariosCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Print this scenario's source.")
  String name;

  @Option(names = "--library", paramLabel = "DIR", description = "Also load NAME.fsl scenarios from DIR.")
  java.nio.file.Path libraryDir;

  @Override
  public Integer call() {
    ScenarioLibrary lib = ScenarioLibrary.builtInWith(libraryDir);
    var out = spec.commandLine().getOut();
    if (name != null) {
      final ScenarioLibrary l = lib;
      out.print(lib.text(name).orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + name
          + "'; known: " + String.join(", ", l.names()))));
      return 0;
    }
    for (String n : lib.names()) {
      out.printf("%-28s %s%n", n, lib.get(n).description());
    }
    return 0;
  }
}
