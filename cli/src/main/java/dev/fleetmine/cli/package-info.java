/**
 * The {@code fleetmine} command line: one picocli command class per subcommand, each a thin layer over
 * the Java API ({@link dev.fleetmine.Fleetmine}, {@code dev.fleetmine.query}). Commands share
 * {@code LakeOptions} for {@code --lake}; errors map to exit codes in {@code FleetmineCommand}. To add a
 * command, write the behaviour in core first, then a command class here and a test of its exit code and
 * output in {@code CliTest}.
 */
package dev.fleetmine.cli;
