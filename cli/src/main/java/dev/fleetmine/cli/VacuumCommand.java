package dev.fleetmine.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code fleetmine vacuum}: removes files no snapshot needs. */
@Command(name = "vacuum", mixinStandardHelpOptions = true,
    description = "Deletes older snapshots and files left by replaced logs or crashed ingests."
        + " Do not run it while another process writes to the lake.")
final class VacuumCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  LakeOptions lake;

  @Override
  public Integer call() {
    int n = lake.open().vacuum();
    spec.commandLine().getOut().printf("deleted %d unreferenced file(s) from %s%n", n, lake.root());
    return 0;
  }
}
