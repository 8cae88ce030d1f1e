package dev.fleetmine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop on the KITTI sample from the command line: ingest, evaluate PointRCNN, failure tags, report. */
class EvalCommandTest {
  @TempDir
  static Path dir;
  static String lake;



  @BeforeAll
  static void ingest() {
    lake = dir.resolve("lake").toString();
    Path kitti = QuickstartTest.sharedData().resolve("kitti-tracking");
    assertThat(CliRun.run("ingest", "kitti", kitti.toString(), "--lake", lake).code()).isZero();
  }

  @Test
  void evalPrintsTheTableWritesTheReportAndStoresFailureTags() throws Exception {
    Path report = dir.resolve("report");
    CliRun r = CliRun.run("eval", "--lake", lake, "--model", "pointrcnn", "--slice-by", "distance:0,30", "--report", report.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("all        all                          car             82.2   19751   16934   11088    2817")
        .contains("distance   0-30 m").contains("distance   >= 30 m")
        .contains("report: " + report.toAbsolutePath().resolve("report.html") + " (report.json and outcomes.csv beside it)")
        .contains("failure clips stored as tags fn:pointrcnn (251 clips) and fp:pointrcnn (102 clips)");
    assertThat(Files.readString(report.resolve("report.html"))).contains("<svg");
    CliRun tags = CliRun.run("sql", "--lake", lake, "SELECT scenario, count(*) AS clips FROM tags GROUP BY scenario ORDER BY scenario");
    assertThat(tags.out()).contains("fn:pointrcnn  251").contains("fp:pointrcnn  102");
  }

  @Test
  void theReportGoesUnderTheLakeAndSlicesWithoutDataAreCountedNotPrinted() throws Exception {
    // the library's nine scenarios never happen in the KITTI sample: their slices are empty
    assertThat(CliRun.run("mine", "--all", "--lake", lake).code()).isZero();
    CliRun r = CliRun.run("eval", "--lake", lake, "--model", "pointrcnn", "--slice-by", "scenario", "--no-tags");
    assertThat(r.code()).as(r.err()).isZero();
    Path report = Path.of(lake, "reports", "eval-pointrcnn");
    assertThat(r.out()).doesNotContain("scenario   ").doesNotContain("n/a")
        .contains("9 slices without data (no ground truth, no detection) not shown; --all-slices shows them,"
            + " report.json has them")
        .contains("report: " + report.toAbsolutePath().resolve("report.html"));
    String json = Files.readString(report.resolve("report.json"));
    assertThat(json.split("\"dimension\" : \"scenario\"", -1)).hasSize(1 + 9);
    assertThat(Files.exists(report.resolve("outcomes.csv"))).isTrue();
    CliRun all = CliRun.run("eval", "--lake", lake, "--model", "pointrcnn", "--slice-by", "scenario", "--no-tags", "--all-slices");
    assertThat(all.out()).contains("scenario   cut_in                       car              n/a       0       0       0       0")
        .doesNotContain("not shown");
    assertThat(all.out().lines().filter(l -> l.startsWith("scenario "))).hasSize(9 * 4);
  }

  @Test
  void aSecondVersionThatLosesHalfThePedestriansIsARegression() throws Exception {
    Path kitti = QuickstartTest.sharedData().resolve("kitti-tracking");
    Path v2 = dir.resolve("v2");
    for (String cls : List.of("Car", "Cyclist", "Pedestrian")) {
      Path from = kitti.resolve("detections_pointrcnn").resolve(cls);
      Files.createDirectories(v2.resolve(cls));
      try (var files = Files.list(from)) {
        for (Path f : files.toList()) {
          List<String> lines = Files.readAllLines(f);
          // v2 drops every second pedestrian detection and keeps the rest as they are
          List<String> kept = cls.equals("Pedestrian")
              ? java.util.stream.IntStream.range(0, lines.size()).filter(i -> i % 2 == 0).mapToObj(lines::get).toList() : lines;
          Files.write(v2.resolve(cls).resolve(f.getFileName()), kept);
        }
      }
    }
    CliRun add = CliRun.run("predictions", "add", "--lake", lake, "--model", "pointrcnn@v2", "--format", "kitti",
        "--calib", kitti.resolve("calib").toString(), v2.toString());
    assertThat(add.code()).as(add.err()).isZero();
    assertThat(add.out()).startsWith("added 33,817 predictions of pointrcnn@v2 to 10 log(s)");
    CliRun cmp = CliRun.run("eval", "--lake", lake, "--model", "pointrcnn@v2", "--baseline", "pointrcnn", "--no-tags",
        "--report", dir.resolve("cmp").toString());
    assertThat(cmp.code()).as(cmp.err()).isZero();
    assertThat(cmp.out()).contains("against pointrcnn: 1 regression(s)")
        .contains("REGRESSION all all pedestrian: AP 32.8 -> 17.6 (delta -15.2, interval [-22.8, -2.1])");
    assertThat(Files.readString(dir.resolve("cmp/report.html"))).contains("class=\"reg\"");
  }

  @Test
  void cocoEvalPrintsPycocotoolsSummary() {
    Path coco = QuickstartTest.sharedData().resolve("coco-eval");
    CliRun r = CliRun.run("coco", "eval-files", "--gt", coco.resolve("instances_val2014_100.json").toString(), "--results",
        coco.resolve("instances_val2014_fakebbox100_results.json").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith(" Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.505")
        .contains(" Average Recall     (AR) @[ IoU=0.50:0.95 | area= large | maxDets=100 ] = 0.564")
        .contains("85 false positives and 181 missed boxes at IoU 0.5");
    CliRun bad = CliRun.run("coco", "eval-files", "--gt", coco.resolve("instances_val2014_100.json").toString(), "--results",
        coco.resolve("instances_val2014_100.json").toString());
    assertThat(bad.code()).isEqualTo(3);

    CliRun gt = CliRun.run("coco", "import-gt", "--lake", lake, "--dataset", "val2014-100", coco.resolve("instances_val2014_100.json").toString());
    assertThat(gt.out()).as(gt.err()).startsWith("imported val2014-100/gt: 100 images, 839 boxes");
    CliRun res = CliRun.run("coco", "import-results", "--lake", lake, "--dataset", "val2014-100", "--model", "fake@v1",
        coco.resolve("instances_val2014_fakebbox100_results.json").toString());
    assertThat(res.out()).as(res.err()).startsWith("imported val2014-100/fake@v1: ");
    CliRun fromLake = CliRun.run("coco", "eval", "--lake", lake, "--dataset", "val2014-100", "--model", "fake@v1", "--full-precision");
    assertThat(fromLake.code()).as(fromLake.err()).isZero();
    assertThat(fromLake.out()).contains("fake@v1 on val2014-100: 100 images, 839 annotations, 734 detections")
        .contains("maxDets=100 ] = 0.5045806987249628").contains("1   person          0.533");
  }

  @Test
  void badSliceAndUnknownModelExitThree() {
    CliRun slice = CliRun.run("eval", "--lake", lake, "--model", "pointrcnn", "--slice-by", "weather");
    assertThat(slice.code()).isEqualTo(3);
    assertThat(slice.err()).contains("unknown slice 'weather'; expected one of: log, distance[:EDGES], scenario[:NAMES]");
    CliRun model = CliRun.run("eval", "--lake", lake, "--model", "nope", "--no-tags");
    assertThat(model.code()).isEqualTo(3);
    assertThat(model.err()).contains("the lake has no objects of model 'nope'; models in the lake: pointrcnn");
  }
}
