package dev.fleetmine.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** One run of the command line in-process, with what it printed: the CLI tests' harness. */
record CliRun(int code, String out, String err) {
  /** Runs {@code args} with {@code env} as the environment (FLEETMINE_LAKE). */
  static CliRun run(Map<String, String> env, String... args) {
    CommandLine cl = FleetmineCommand.commandLine(env);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Runs {@code args} with an empty environment. */
  static CliRun run(String... args) {
    return run(Map.of(), args);
  }
}
