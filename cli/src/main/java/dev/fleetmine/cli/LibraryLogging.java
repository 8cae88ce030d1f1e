package dev.fleetmine.cli;

import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.ParseResult;

/**
 * What the libraries' java.util.logging lines (Lucene's INFO notes on its vectorization and memory
 * mapping) may print on the terminal: warnings and errors only, everything from INFO up with
 * {@code --verbose}. A user's own {@code -Djava.util.logging.config.file} is left alone.
 */
final class LibraryLogging {
  /** The global option that lets library INFO lines (and the JVM's incubator warning) through. */
  static final String VERBOSE = "--verbose";

  private LibraryLogging() {}

  /** Whether {@code --verbose} was given to the command or any of its subcommands. */
  static boolean verbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption(VERBOSE)) {
        return true;
      }
    }
    return false;
  }

  /** Sets the root logger's level: INFO when verbose, else WARNING. */
  static void configure(boolean verbose) {
    if (System.getProperty("java.util.logging.config.file") != null) {
      return;
    }
    Logger.getLogger("").setLevel(verbose ? Level.INFO : Level.WARNING);
  }
}
