package dev.fleetmine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  @TempDir
  Path dir;




  Path nativeInput() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("logs.csv"), "log_id,location\nn1,lab\n");
    Files.writeString(in.resolve("ego.csv"), "log_id,ts_ns,x,y,yaw\nn1,0,0,0,0\nn1,100000000,1,0,0\n");
    return in;
  }

  @Test
  void ingestThenLogsAndStats() throws Exception {
    String lake = dir.resolve("lake").toString();
    CliRun ingest = CliRun.run("ingest", "native", nativeInput().toString(), "--lake", lake);
    assertThat(ingest.code()).isZero();
    assertThat(ingest.out()).startsWith("ingested 1 log(s) from native: 2 ego frames, 0 object rows in ")
        .endsWith(" (snapshot 1)" + System.lineSeparator());
    CliRun logs = CliRun.run("logs", "--lake", lake);
    assertThat(logs.code()).isZero();
    assertThat(logs.out()).isEqualTo("""
        log_id  format  location  duration_s  ego_frames  object_rows  tracks
        n1      native  lab       0.1         2           0            0
        """.replace("\n", System.lineSeparator()));
    CliRun stats = CliRun.run("stats", "--lake", lake);
    assertThat(stats.out()).contains("(snapshot 1): 1 logs, 0.00 hours").contains("ego      2");
  }

  @Test
  void lakeComesFromTheEnvironmentWhenNotGiven() throws Exception {
    Path lake = dir.resolve("from-env");
    CliRun ingest = CliRun.run(Map.of("FLEETMINE_LAKE", lake.toString()), "ingest", "native", nativeInput().toString());
    assertThat(ingest.code()).isZero();
    assertThat(ingest.out()).contains("-> " + lake.toAbsolutePath());
  }

  @Test
  void badInputExitsThreeAndSaysNothingWasWritten() throws Exception {
    Path in = nativeInput();
    Files.writeString(in.resolve("ego.csv"), "log_id,ts_ns,x,y\nn1,0,0,0\n");
    String lake = dir.resolve("lake").toString();
    CliRun r = CliRun.run("ingest", "native", in.toString(), "--lake", lake);
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).isEqualTo("error: " + in.resolve("ego.csv") + ": field yaw: missing required column 'yaw'"
        + " (DOUBLE); columns found: log_id, ts_ns, x, y" + System.lineSeparator()
        + "nothing was written to the lake" + System.lineSeparator());
    assertThat(CliRun.run("logs", "--lake", lake).out()).startsWith("the lake at " + lake + " has no logs");
  }

  @Test
  void unknownFormatAndMissingPathAreRejected() {
    CliRun r = CliRun.run("ingest", "nuscenes", dir.toString(), "--lake", dir.resolve("l").toString());
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).startsWith("error: unknown format 'nuscenes'; expected one of ");
    CliRun missing = CliRun.run("ingest", "native", dir.resolve("nope").toString(), "--lake", dir.resolve("l").toString());
    assertThat(missing.code()).isEqualTo(3);
    assertThat(missing.err()).isEqualTo("error: path " + dir.resolve("nope") + " does not exist" + System.lineSeparator());
  }

  @Test
  void usageErrorsExitTwo() {
    CliRun r = CliRun.run("ingest");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("Missing required parameters: 'FORMAT', 'PATH'");
  }

  @Test
  void aFileWhereTheLakeShouldBeIsAnError() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
    CliRun r = CliRun.run("stats", "--lake", file.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("error: lake path " + file + " is a file, expected a directory" + System.lineSeparator());
  }
}
