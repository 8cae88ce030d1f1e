package dev.fleetmine.cli;

import picocli.CommandLine;

/** Entry point of the {@code fleetmine} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(FleetmineCommand.commandLine(System.getenv()).execute(args));
  }
}
