package dev.fleetmine.cli;

import picocli.CommandLine;

/** Entry point of the {@code fleetmine} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    CommandLine cl = FleetmineCommand.commandLine(System.getenv());
    int code = cl.execute(args);
    // print() without a newline does not autoflush; System.exit would drop what is still buffered
    cl.getOut().flush();
    cl.getErr().flush();
    System.exit(code);
  }
}
