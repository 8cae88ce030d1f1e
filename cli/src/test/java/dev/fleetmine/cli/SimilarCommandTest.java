package dev.fleetmine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** "More like this" from the command line: generate, index, similar. */
class SimilarCommandTest {
  @TempDir
  Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    CommandLine cl = FleetmineCommand.commandLine(Map.of());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return new Run(cl.execute(args), out.toString(), err.toString());
  }

  @Test
  void indexThenSimilar() {
    String lake = dir.resolve("lake").toString();
    assertThat(run("generate", "--hours", "0.2", "--seed", "3", "--log-minutes", "2", "--lake", lake).code()).isZero();
    Run noIndex = run("similar", "--lake", lake, "--clip", "synth-3-00000@1700000030000000000-1700000035000000000");
    assertThat(noIndex.code()).isEqualTo(3);
    assertThat(noIndex.err()).contains("run `fleetmine index` first");
    Run index = run("index", "--lake", lake);
    assertThat(index.code()).as(index.err()).isZero();
    assertThat(index.out()).startsWith("clip index: 6 log(s) embedded, 0 removed, 336 windows added, 336 in all");
    Run similar = run("similar", "--lake", lake, "--clip", "synth-3-00000@1700000030000000000-1700000035000000000", "-k", "3");
    assertThat(similar.code()).as(similar.err()).isZero();
    assertThat(similar.out().lines()).hasSize(4).first().asString().startsWith("rank  clip");
    Run bad = run("similar", "--lake", lake, "--clip", "nonsense");
    assertThat(bad.code()).isEqualTo(3);
    assertThat(bad.err()).contains("expected LOG@START_NS-END_NS");
  }
}
