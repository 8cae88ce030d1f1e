package dev.fleetmine.cli;

import dev.fleetmine.Fleetmine;
import dev.fleetmine.lake.Lake;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --lake} option every command shares. */
public final class LakeOptions {
  Map<String, String> env = Map.of();

  @Option(names = "--lake", paramLabel = "PATH",
      description = "Lake directory (default: $FLEETMINE_LAKE, else ./" + Lake.DEFAULT_DIR + ").")
  Path lake;

  /** The lake root this command uses. */
  Path root() {
    return Lake.resolveRoot(lake, env);
  }

  Fleetmine open() {
    return Fleetmine.open(root());
  }
}
