package dev.fleetmine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fleetmine select} on the KITTI sample: PointRCNN's missed-object clips ranked by entropy, list, show, errors. */
class SelectCommandTest {
  @TempDir
  static Path dir;
  static String lake;

  @BeforeAll
  static void ingestAndEvaluate() {
    lake = dir.resolve("lake").toString();
    Path kitti = QuickstartTest.sharedData().resolve("kitti-tracking");
    assertThat(CliRun.run("ingest", "kitti", kitti.toString(), "--lake", lake).code()).isZero();
    CliRun eval = CliRun.run("eval", "--lake", lake, "--model", "pointrcnn", "--report", dir.resolve("report").toString());
    assertThat(eval.code()).as(eval.err()).isZero();
  }

  @Test
  void selectsSavesListsAndShows() throws Exception {
    CliRun r = CliRun.run("select", "--lake", lake, "--id", "fn-3", "--from-tag", "fn:pointrcnn", "--strategy",
        "uncertainty:entropy", "--model", "pointrcnn", "--budget", "3");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("1     kitti-0009@38050000000-38150000000  1.0000")
        .contains("saved selection fn-3: 3 clip(s) of 251 candidates");
    assertThat(Files.isRegularFile(Path.of(lake, "curation", "selections", "fn-3.json"))).isTrue();
    CliRun list = CliRun.run("select", "--lake", lake, "--list");
    assertThat(list.out()).contains("fn-3").contains("uncertainty:entropy").contains("tag:fn:pointrcnn");
    CliRun show = CliRun.run("select", "--lake", lake, "--show", "fn-3");
    assertThat(show.code()).isZero();
    assertThat(show.out()).contains("model = pointrcnn").contains("kitti-0009@31850000000-31950000000");
    // 169 windows of 8 s every 2 s overlap their neighbours: only 40 of them can be picked without sharing a frame
    CliRun windows = CliRun.run("select", "--lake", lake, "--id", "win", "--from-windows", "--strategy", "uncertainty",
        "--model", "pointrcnn", "--budget", "200");
    assertThat(windows.code()).as(windows.err()).isZero();
    assertThat(windows.out()).contains("saved selection win: 40 clip(s) of 169 candidates")
        .contains("note: fewer clips than --budget 200: the candidates left overlap a pick (picks never share a frame)");
  }

  @Test
  void badRequestsExitWithThree() {
    CliRun strategy = CliRun.run("select", "--lake", lake, "--id", "x", "--from-tag", "fn:pointrcnn", "--strategy", "magic");
    assertThat(strategy.code()).isEqualTo(3);
    assertThat(strategy.err()).contains("unknown strategy 'magic'; valid: uncertainty[:entropy|margin|least-confidence]");
    CliRun model = CliRun.run("select", "--lake", lake, "--id", "x", "--from-tag", "fn:pointrcnn", "--model", "nope");
    assertThat(model.code()).isEqualTo(3);
    assertThat(model.err()).contains("unknown model 'nope'; models in the lake: pointrcnn");
    CliRun budget = CliRun.run("select", "--lake", lake, "--id", "x", "--from-windows", "--strategy", "diversity", "--budget", "0");
    assertThat(budget.code()).isEqualTo(3);
    assertThat(budget.err()).contains("budget must be >= 1, got 0");
    CliRun empty = CliRun.run("select", "--lake", lake, "--id", "x", "--from-tag", "cut_in", "--model", "pointrcnn");
    assertThat(empty.code()).isEqualTo(3);
    assertThat(empty.err()).contains("no clips tagged 'cut_in'");
    assertThat(CliRun.run("select", "--lake", lake, "--id", "x").code()).isEqualTo(2);
    assertThat(Path.of(lake, "curation", "selections", "x.json")).doesNotExist();
  }
}
