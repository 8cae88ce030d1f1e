package dev.fleetmine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {
  @TempDir
  Path dir;

  record Run(int code, String out, String err) {}

  Run run(Map<String, String> env, String... args) {
    CommandLine cl = FleetmineCommand.commandLine(env);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  Run run(String... args) {
    return run(Map.of(), args);
  }

  Path nativeInput() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("logs.csv"), "log_id,location\nn1,lab\n");
    Files.writeString(in.resolve("ego.csv"), "log_id,ts_ns,x,y,yaw\nn1,0,0,0,0\nn1,100000000,1,0,0\n");
    return in;
  }

  @Test
  void ingestThenLogsAndStats() throws Exception {
    String lake = dir.resolve("lake").toString();
    Run ingest = run("ingest", "native", nativeInput().toString(), "--lake", lake);
    assertThat(ingest.code()).isZero();
    assertThat(ingest.out()).startsWith("ingested 1 log(s) from native: 2 ego frames, 0 object rows in ")
        .endsWith(" (snapshot 1)" + System.lineSeparator());
    Run logs = run("logs", "--lake", lake);
    assertThat(logs.code()).isZero();
    assertThat(logs.out()).isEqualTo("""
        log_id  format  location  duration_s  ego_frames  object_rows  tracks
        n1      native  lab       0.1         2           0            0
        """.replace("\n", System.lineSeparator()));
    Run stats = run("stats", "--lake", lake);
    assertThat(stats.out()).contains("(snapshot 1): 1 logs, 0.00 hours").contains("ego      2");
  }

  @Test
  void lakeComesFromTheEnvironmentWhenNotGiven() throws Exception {
    Path lake = dir.resolve("from-env");
    Run ingest = run(Map.of("FLEETMINE_LAKE", lake.toString()), "ingest", "native", nativeInput().toString());
    assertThat(ingest.code()).isZero();
    assertThat(ingest.out()).contains("-> " + lake.toAbsolutePath());
  }

  @Test
  void badInputExitsThreeAndSaysNothingWasWritten() throws Exception {
    Path in = nativeInput();
    Files.writeString(in.resolve("ego.csv"), "log_id,ts_ns,x,y\nn1,0,0,0\n");
    String lake = dir.resolve("lake").toString();
    Run r = run("ingest", "native", in.toString(), "--lake", lake);
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).isEqualTo("error: " + in.resolve("ego.csv") + ": field yaw: missing required column 'yaw'"
        + " (DOUBLE); columns found: log_id, ts_ns, x, y" + System.lineSeparator()
        + "nothing was written to the lake" + System.lineSeparator());
    assertThat(run("logs", "--lake", lake).out()).startsWith("the lake at " + lake + " has no logs");
  }

  @Test
  void unknownFormatAndMissingPathAreRejected() {
    Run r = run("ingest", "nuscenes", dir.toString(), "--lake", dir.resolve("l").toString());
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).startsWith("error: unknown format 'nuscenes'; expected one of ");
    Run missing = run("ingest", "native", dir.resolve("nope").toString(), "--lake", dir.resolve("l").toString());
    assertThat(missing.code()).isEqualTo(3);
    assertThat(missing.err()).isEqualTo("error: path " + dir.resolve("nope") + " does not exist" + System.lineSeparator());
  }

  @Test
  void usageErrorsExitTwo() {
    Run r = run("ingest");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("Missing required parameters: 'FORMAT', 'PATH'");
  }

  @Test
  void aFileWhereTheLakeShouldBeIsAnError() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
    Run r = run("stats", "--lake", file.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("error: lake path " + file + " is a file, expected a directory" + System.lineSeparator());
  }
}
