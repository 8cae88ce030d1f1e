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

/** The README's main job: a synthetic fleet plus every real sample, summarized. */
class QuickstartTest {
  @TempDir
  Path dir;

  static Path sharedData() {
    String prop = System.getProperty("fleetmine.shared.data");
    return Path.of(prop).toAbsolutePath().normalize();
  }

  @Test
  void quickstartIngestsTheSyntheticFleetAndEveryRealSample() {
    CommandLine cl = FleetmineCommand.commandLine(Map.of());
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(new StringWriter(), true));
    Path lake = dir.resolve("lake");
    int code = cl.execute("quickstart", "--hours", "0.1", "--data", sharedData().toString(), "--lake", lake.toString());
    assertThat(code).isZero();
    String text = out.toString();
    assertThat(text).contains("ingested 2 av2 log(s) from " + sharedData().resolve("argoverse2/sensor")
        + ": 312 ego frames, 23,442 object rows");
    assertThat(text).contains("ingested 1 av2-motion log(s)").contains(": 110 ego frames, 2,324 object rows");
    assertThat(text).contains("ingested 10 kitti log(s)").contains(": 4,100 ego frames, 60,348 object rows");
    assertThat(text).contains("ingested 1 waymo log(s)").contains(": 91 ego frames, 4,505 object rows");
    assertThat(text).contains("ingested 1 comma2k19 log(s)").contains(": 1,200 ego frames, 0 object rows");
    assertThat(text).containsPattern("generated \\d+ synthetic log\\(s\\): 3,600 ego frames");
    assertThat(text).contains("pointrcnn  37,137       0");
    assertThat(text).contains("scenarios mined from the library (stored in table tags):");
    assertThat(text).containsPattern("cut_in +\\d+ +\\d+");
    assertThat(Files.isDirectory(lake.resolve("_fleetmine/snapshots"))).isTrue();

    // the forecasting baseline on this lake says which logs it leaves out, and why
    CliRun cv = CliRun.run("forecasts", "baseline", "--lake", lake.toString());
    assertThat(cv.code()).as(cv.err()).isZero();
    assertThat(cv.out()).containsPattern("agents in 5 log\\(s\\)").endsWith("skipped 11 of 16 log(s):\n"
        + "  1 no_tracks: no ground-truth tracks (an ego-only log, or only untracked boxes):"
        + " comma2k19-segment-2018-08-02--08-34-47-40\n"
        + "  10 no_velocity: tracks without a velocity (boxes in the ego frame of a log without ego poses, e.g. KITTI without"
        + " oxts): kitti-0000, kitti-0002, kitti-0003, kitti-0004, kitti-0005, kitti-0007, kitti-0009, kitti-0011, kitti-0017,"
        + " kitti-0020\n");
  }

  @Test
  void aMissingDataFolderIsAnError() {
    CommandLine cl = FleetmineCommand.commandLine(Map.of());
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(new StringWriter(), true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute("quickstart", "--hours", "0.01", "--data", dir.resolve("nope").toString(),
        "--lake", dir.resolve("lake").toString());
    assertThat(code).isEqualTo(3);
    assertThat(err.toString()).startsWith("error: --data " + dir.resolve("nope") + " is not a directory");
  }
}
