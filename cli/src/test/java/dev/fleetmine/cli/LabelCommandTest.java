package dev.fleetmine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * select -> label create -> export -> import (two annotators, two formats) -> qa -> audit -> status on the real
 * KITTI sample, and a malformed import that exits 3 and writes nothing.
 */
class LabelCommandTest {
  @TempDir
  Path dir;

  static CliRun ok(CliRun r) {
    assertThat(r.code()).as(r.err()).isZero();
    return r;
  }

  @Test
  void roundTripFromTheCommandLine() throws Exception {
    String lake = dir.resolve("lake").toString();
    Path labels = QuickstartTest.sharedData().resolve("kitti-tracking/label_02");
    ok(CliRun.run("ingest", "kitti", labels.resolve("0000.txt").toString(), labels.resolve("0003.txt").toString(), "--lake", lake));
    ok(CliRun.run("eval", "--lake", lake, "--model", "pointrcnn", "--report", dir.resolve("report").toString()));
    ok(CliRun.run("select", "--lake", lake, "--id", "fn-2", "--from-tag", "fn:pointrcnn", "--strategy", "uncertainty:entropy",
        "--model", "pointrcnn", "--budget", "2"));

    // a batch of a selection, and one of explicit clips
    CliRun fromSelection = ok(CliRun.run("label", "create", "--lake", lake, "--batch", "b1", "--selection", "fn-2", "--every", "5"));
    assertThat(fromSelection.out()).isEqualTo("created batch b1: 2 clip(s), 2 frame(s) (every 5 ego timestamps), from selection fn-2\n");
    CliRun create = ok(CliRun.run("label", "create", "--lake", lake, "--batch", "b2", "--clips",
        "kitti-0000@0-900000000,kitti-0003@1000000000-1500000000", "--every", "3"));
    assertThat(create.out()).isEqualTo("created batch b2: 2 clip(s), 6 frame(s) (every 3 ego timestamps)\n");

    Path ol = dir.resolve("ol");
    CliRun export = ok(CliRun.run("label", "export", "--lake", lake, "--batch", "b2", "--format", "openlabel", "--out", ol.toString()));
    assertThat(export.out()).isEqualTo("exported batch b2 as openlabel to " + ol + ": 2 file(s), 6 frame(s), 18 pre-annotated box(es)"
        + " (gt), 0 clip tag(s)\n");
    CliRun alice = ok(CliRun.run("label", "import", "--lake", lake, "--batch", "b2", "--format", "openlabel", "--annotator", "alice",
        ol.toString()));
    assertThat(alice.out()).isEqualTo("imported batch b2 v1 (alice, openlabel): 18 box(es), 0 clip tag(s), 6 frame(s) with boxes,"
        + " 0 unannotated; car 12, cyclist 4, pedestrian 2\n");

    // a malformed file: exit 3, the problem named, nothing written
    Path bad = Files.createDirectories(dir.resolve("bad")).resolve("kitti-0000_0_900000000.json");
    Files.writeString(bad, Files.readString(ol.resolve("kitti-0000_0_900000000.json")).replaceFirst("4\\.433886", "-4.433886"));
    var before = DatasetCommandTest.listing(dir.resolve("lake"));
    CliRun rejected = CliRun.run("label", "import", "--lake", lake, "--batch", "b2", "--format", "openlabel", "--annotator", "eve",
        bad.toString());
    assertThat(rejected.code()).isEqualTo(3);
    assertThat(rejected.err()).isEqualTo("error: 1 problem in the annotations; nothing was imported:\n  kitti-0000_0_900000000.json:"
        + " openlabel.frames.0.objects.0.object_data.cuboid[0]: length = -4.433886: expected a finite size > 0 (metres)\n");
    assertThat(DatasetCommandTest.listing(dir.resolve("lake"))).isEqualTo(before);

    // bob works in CVAT: leaves out the first box and tags the first clip
    Path cvat = dir.resolve("cvat");
    ok(CliRun.run("label", "export", "--lake", lake, "--batch", "b2", "--format", "cvat", "--out", cvat.toString()));
    String xml = Files.readString(cvat.resolve("annotations.xml"));
    int first = xml.indexOf("    <cuboid_3d");
    int end = xml.indexOf("</cuboid_3d>", first) + "</cuboid_3d>\n".length();
    String edited = xml.substring(0, first) + "    <tag label=\"cut_in\" source=\"manual\" />\n" + xml.substring(end);
    Path bobFile = dir.resolve("bob.xml");
    Files.writeString(bobFile, edited);
    CliRun bob = ok(CliRun.run("label", "import", "--lake", lake, "--batch", "b2", "--format", "cvat", "--annotator", "bob",
        bobFile.toString()));
    assertThat(bob.out()).startsWith("imported batch b2 v2 (bob, cvat): 17 box(es), 1 clip tag(s), 6 frame(s) with boxes");

    // consensus: 17 of 18 boxes alike (2 * 17 / 35), tags: (clip 1, cut_in) no/yes, (clip 2, cut_in) no/no: kappa 0
    CliRun qa = ok(CliRun.run("label", "qa", "--lake", lake, "--batch", "b2", "--versions", "v1,v2"));
    assertThat(qa.out()).isEqualTo("""
        v1 vs v2: boxes agreement 0.971, mean BEV IoU 1.000 (IoU >= 0.5); tags kappa 0.000 over 2 clip x tag item(s)
        category    v1  v2  matched  agreement  mean_iou
        car         12  11  11       0.957      1.000
        cyclist     4   4   4        1.000      1.000
        pedestrian  2   2   2        1.000      1.000
        all         18  17  17       0.971      1.000
        tag     v1  v2  both  kappa
        cut_in  0   1   0     0.000
        """);

    CliRun audit = ok(CliRun.run("label", "audit", "--lake", lake, "--batch", "b2", "--version", "v1", "--sample", "3", "--seed", "7"));
    assertThat(audit.out()).isEqualTo("""
        audit of batch b2 v1: 3 frame(s), seed 7
        rank  clip                              ts_ns       boxes
        1     kitti-0003@1000000000-1500000000  1000000000  3
        2     kitti-0000@0-900000000            0           3
        3     kitti-0003@1000000000-1500000000  1300000000  3
        """);
    assertThat(CliRun.run("label", "audit", "--lake", lake, "--batch", "b2", "--version", "v1", "--sample", "3", "--seed", "7").out())
        .isEqualTo(audit.out());

    CliRun status = ok(CliRun.run("label", "status", "--lake", lake));
    assertThat(status.out()).isEqualTo("""
        batch  status                                        clips  frames  versions  selection
        b1     created                                       2      2       -         fn-2
        b2     qa (v1-v2 boxes 0.971 iou 1.000 kappa 0.000)  2      6       v1,v2     -
        """);
    CliRun one = ok(CliRun.run("label", "status", "--lake", lake, "--batch", "b2"));
    assertThat(one.out().lines().map(l -> l.replaceAll(" +\\S+Z  ", "  AT  ")).toList()).containsSubsequence(
        "event  at                              what", "1  AT  created", "2  AT  exported (openlabel)", "3  AT  imported v1 (alice)",
        "4  AT  exported (cvat)", "5  AT  imported v2 (bob)", "6  AT  qa (v1-v2 boxes 0.971 iou 1.000 kappa 0.000)",
        "7  AT  audit (v1, 3 frames)", "8  AT  audit (v1, 3 frames)", "version  annotator  format     boxes  tags  files",
        "v1       alice      openlabel  18     0     kitti-0000_0_900000000.json,kitti-0003_1000000000_1500000000.json",
        "v2       bob        cvat       17     1     bob.xml");

    assertThat(CliRun.run("label", "export", "--lake", lake, "--batch", "b2", "--format", "yaml", "--out", "x").code()).isEqualTo(2);
    CliRun unknown = CliRun.run("label", "status", "--lake", lake, "--batch", "zzz");
    assertThat(unknown.code()).isEqualTo(3);
    assertThat(unknown.err()).contains("no labeling batch 'zzz'").endsWith("there are: [b1, b2]\n");
  }
}
