package dev.fleetmine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Library log lines (Lucene's INFO notes via java.util.logging) stay off stderr unless --verbose. */
class QuietStderrTest {
  @TempDir
  Path dir;

  @Test
  void similarPrintsNoLibraryInfoLinesUnlessVerbose() {
    String lake = dir.resolve("lake").toString();
    assertThat(CliRun.run("generate", "--hours", "0.1", "--seed", "6", "--log-minutes", "2", "--lake", lake).code()).isZero();
    assertThat(CliRun.run("index", "--lake", lake).code()).isZero();
    String clip = "synth-6-00000@1700000030000000000-1700000035000000000";

    ProcessRun quiet = ProcessRun.run(dir, "similar", "--lake", lake, "--clip", clip, "-k", "2");
    assertThat(quiet.code()).as(quiet.err()).isZero();
    assertThat(quiet.out()).startsWith("rank  clip");
    // the JVM's own line comes before any code runs; the launcher drops it (see the fleetmine script)
    assertThat(quiet.err()).isEqualTo(ProcessRun.INCUBATOR_WARNING + System.lineSeparator());

    ProcessRun verbose = ProcessRun.run(dir, "similar", "--lake", lake, "--clip", clip, "-k", "2", "--verbose");
    assertThat(verbose.code()).isZero();
    assertThat(verbose.out()).isEqualTo(quiet.out());
    assertThat(verbose.err()).contains("INFO: Java vector incubator API enabled");
    ProcessRun verboseFirst = ProcessRun.run(dir, "--verbose", "similar", "--lake", lake, "--clip", clip, "-k", "2");
    assertThat(verboseFirst.err()).contains("INFO: Java vector incubator API enabled");
  }
}
