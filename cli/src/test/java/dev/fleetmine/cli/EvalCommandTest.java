package dev.fleetmine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The loop on the KITTI sample from the command line: ingest, evaluate PointRCNN, failure tags, report. */
class EvalCommandTest {
  @TempDir
  static Path dir;
  static String lake;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    CommandLine cl = FleetmineCommand.commandLine(Map.of());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return new Run(cl.execute(args), out.toString(), err.toString());
  }

  @BeforeAll
  static void ingest() {
    lake = dir.resolve("lake").toString();
    Path kitti = QuickstartTest.sharedData().resolve("kitti-tracking");
    assertThat(run("ingest", "kitti", kitti.toString(), "--lake", lake).code()).isZero();
  }

  @Test
  void evalPrintsTheTableWritesTheReportAndStoresFailureTags() throws Exception {
    Path report = dir.resolve("report");
    Run r = run("eval", "--lake", lake, "--model", "pointrcnn", "--slice-by", "distance:0,30", "--report", report.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("all        all                          car             82.2   19751   16934   11088    2817")
        .contains("distance   0-30 m").contains("distance   >= 30 m")
        .contains("failure clips stored as tags fn:pointrcnn (905 clips) and fp:pointrcnn (102 clips)");
    assertThat(Files.readString(report.resolve("report.html"))).contains("<svg");
    Run tags = run("sql", "--lake", lake, "SELECT scenario, count(*) AS clips FROM tags GROUP BY scenario ORDER BY scenario");
    assertThat(tags.out()).contains("fn:pointrcnn  905").contains("fp:pointrcnn  102");
  }

  @Test
  void badSliceAndUnknownModelExitThree() {
    Run slice = run("eval", "--lake", lake, "--model", "pointrcnn", "--slice-by", "weather");
    assertThat(slice.code()).isEqualTo(3);
    assertThat(slice.err()).contains("unknown slice 'weather'; expected one of: log, distance[:EDGES], scenario[:NAMES]");
    Run model = run("eval", "--lake", lake, "--model", "nope", "--no-tags");
    assertThat(model.code()).isEqualTo(3);
    assertThat(model.err()).contains("the lake has no objects of model 'nope'; models in the lake: pointrcnn");
  }
}
