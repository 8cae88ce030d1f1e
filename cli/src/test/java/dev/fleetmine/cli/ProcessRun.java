package dev.fleetmine.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of {@code fleetmine} in its own JVM with the launcher's JVM flags, capturing the real stdout
 * and stderr: what in-process runs cannot show (buffered output lost at System.exit, the JVM's and
 * the libraries' lines on stderr).
 */
record ProcessRun(int code, String out, String err) {
  /** The launcher's JVM flags (see the {@code fleetmine} script). */
  static final List<String> JVM_FLAGS = List.of("--enable-native-access=ALL-UNNAMED",
      "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector",
      "--sun-misc-unsafe-memory-access=allow");

  /** The one stderr line the launcher drops unless --verbose (the JVM prints it before Main runs). */
  static final String INCUBATOR_WARNING = "WARNING: Using incubator modules: jdk.incubator.vector";

  /** Runs {@code fleetmine args} on this test's class path; {@code dir} holds the captured streams. */
  static ProcessRun run(Path dir, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(JVM_FLAGS);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    try {
      Path out = Files.createTempFile(dir, "out", ".txt");
      Path err = Files.createTempFile(dir, "err", ".txt");
      Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("fleetmine " + String.join(" ", args) + " ran over 120 s");
      }
      return new ProcessRun(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
