package dev.fleetmine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleetmine.TestLakes;
import dev.fleetmine.lake.Lake;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a real ingest process with SIGKILL midway and checks the lake is exactly as before. */
class KillDuringIngestTest {
  @TempDir
  Path dir;

  /** Child process: ingests logs until killed, announcing each one written. */
  public static void main(String[] args) {
    Lake lake = Lake.open(Path.of(args[0]));
    try (Ingestor in = Ingestor.begin(lake)) {
      for (int i = 0; ; i++) {
        IngestorTest.writeFollowingLog(in, "victim-" + i);
        System.out.println("written " + i);
        System.out.flush();
      }
    }
  }

  @Test
  void sigkillMidwayLeavesTheCommittedLakeIntactAndVacuumRemovesTheDebris() throws Exception {
    Lake lake = Lake.open(dir.resolve("lake"));
    try (Ingestor in = Ingestor.begin(lake)) {
      IngestorTest.writeFollowingLog(in, "survivor");
      in.commit("before");
    }
    var before = TestLakes.listing(lake.root());

    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        KillDuringIngestTest.class.getName(), lake.root().toString()));
    Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.equals("written 3")) {
        // wait until the child has written several logs' files
      }
      assertThat(line).as("child output before it was killed").isEqualTo("written 3");
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(lake.current().logs().keySet()).containsExactly("survivor");
    assertThat(TestLakes.query(lake, "SELECT log_id, count(*) FROM ego GROUP BY 1"))
        .containsExactly(List.of("survivor", 11L));
    assertThat(TestLakes.listing(lake.root()).size()).isGreaterThan(before.size());
    assertThat(lake.vacuum()).isGreaterThanOrEqualTo(16);
    assertThat(TestLakes.listing(lake.root())).isEqualTo(before);
  }
}
