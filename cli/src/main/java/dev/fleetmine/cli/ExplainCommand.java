package dev.fleetmine.cli;

import dev.fleetmine.query.ScenarioLibrary;
import dev.fleetmine.query.ScenarioSearch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code fleetmine explain QUERY}: the SQL a query compiles to. */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = "Prints the DuckDB SQL a scenario query compiles to (runs nothing).")
final class ExplainCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  QueryOptions query;

  @Override
  public Integer call() throws Exception {
    ScenarioLibrary lib = query.library();
    spec.commandLine().getOut().println(ScenarioSearch.explain(query.compile(lib), lib));
    return 0;
  }
}
