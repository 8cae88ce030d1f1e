package dev.fleetmine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** query -> dataset -> split -> export on the real KITTI sample, from the command line. */
class DatasetCommandTest {
  @TempDir
  Path dir;

  /** Every file under the lake with its size (staging excluded). */
  static java.util.TreeMap<String, Long> listing(Path root) throws Exception {
    java.util.TreeMap<String, Long> files = new java.util.TreeMap<>();
    try (var walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isRegularFile(p) && !root.relativize(p).toString().contains("_staging")) {
          files.put(root.relativize(p).toString(), Files.size(p));
        }
      }
    }
    return files;
  }

  @Test
  void queryDatasetSplitExport() throws Exception {
    String lake = dir.resolve("lake").toString();
    Path kitti = QuickstartTest.sharedData().resolve("kitti-tracking");
    assertThat(CliRun.run("ingest", "kitti", kitti.toString(), "--lake", lake).code()).isZero();

    CliRun create = CliRun.run("dataset", "create", "ped", "--lake", lake, "--from-query", "at least 3 pedestrians p where p.distance < 30");
    assertThat(create.code()).as(create.err()).isZero();
    assertThat(create.out()).isEqualTo("dataset ped v1: 4 member(s) (4 added, 0 re-pinned, 0 duplicate(s), 0 near-duplicate(s) dropped),"
        + " 176 frames, 1,142 boxes, labels gt@1, snapshot 1\n");
    CliRun add = CliRun.run("dataset", "add", "ped", "--lake", lake, "--clips", "kitti-0000@0-200000000,kitti-0003@1000000000-1200000000",
        "--dedup-threshold", "0.99");
    assertThat(add.code()).as(add.err()).isZero();
    assertThat(add.out()).startsWith("note: the lake has no similarity index").contains("dataset ped v2: 6 member(s) (2 added,")
        .contains("182 frames, 1,160 boxes");

    CliRun split = CliRun.run("dataset", "split", "ped", "--lake", lake, "--fractions", "train=0.5,val=0.5", "--seed", "7",
        "--stratify", "tag");
    assertThat(split.code()).as(split.err()).isZero();
    // by frames (the default): kitti-0017's one clip holds 142 of the 182 frames, so it alone is train
    assertThat(split.out()).isEqualTo("dataset ped v3: v2 split train=0.5,val=0.5 seed=7 group-by=log stratify=tag weight=frames\n"
        + "split  clips  frames  clip_share  frame_share  target\n"
        + "train  1      142     0.167       0.780        0.500\n"
        + "val    5      40      0.833       0.220        0.500\n");
    CliRun byClips = CliRun.run("dataset", "split", "ped", "--lake", lake, "--fractions", "train=0.5,val=0.5", "--seed", "7",
        "--weight", "clips", "--version", "2");
    assertThat(byClips.code()).as(byClips.err()).isZero();
    assertThat(byClips.out()).isEqualTo("dataset ped v4: v2 split train=0.5,val=0.5 seed=7 group-by=log weight=clips\n"
        + "split  clips  frames  clip_share  frame_share  target\n"
        + "train  3      34      0.500       0.187        0.500\n"
        + "val    3      148     0.500       0.813        0.500\n");

    CliRun stats = CliRun.run("dataset", "stats", "ped", "--lake", lake, "--version", "3");
    assertThat(stats.code()).as(stats.err()).isZero();
    assertThat(stats.out()).startsWith("dataset ped v3\npart   clips  frames  hours   logs  locations\nall    6      182     0.0049  5     0")
        .contains("\ntrain  1      142    ").contains("\nval    5      40     ");

    CliRun diff = CliRun.run("dataset", "diff", "ped", "v1", "v2", "--lake", lake);
    assertThat(diff.out()).startsWith("dataset ped v1 -> v2: 2 added, 0 removed, 0 with label changes, 0 with split changes\n"
        + "+ kitti-0000@0-200000000\n+ kitti-0003@1000000000-1200000000\n");

    Path out = dir.resolve("export");
    CliRun export = CliRun.run("dataset", "export", "ped", "--lake", lake, "--version", "3", "--format", "kitti", "--out", out.toString(),
        "--kitti-calib", kitti.toString());
    assertThat(export.code()).as(export.err()).isZero();
    assertThat(export.out()).contains("exported dataset ped v3 as kitti").contains("boxes=1160").contains("label_rows=1160")
        .endsWith("left out: nothing\n");
    // two overlapping clips of kitti-0017 (frames 0-10 and 5-15): the 45 boxes of frames 5-10 are written once
    CliRun both = CliRun.run("dataset", "create", "both", "--lake", lake, "--clips",
        "kitti-0017@0-1000000000,kitti-0017@500000000-1500000000");
    assertThat(both.code()).as(both.err()).isZero();
    Path bothOut = dir.resolve("both");
    CliRun bothExport = CliRun.run("dataset", "export", "both", "--lake", lake, "--format", "kitti", "--out", bothOut.toString());
    assertThat(bothExport.code()).as(bothExport.err()).isZero();
    assertThat(bothExport.out()).isEqualTo("exported dataset both v1 as kitti: 1 file(s), {boxes=125, image_boxes=0, label_rows=170,"
        + " members=2} -> " + bothOut.resolve("manifest.json") + "\nleft out: 45 box(es) of the members' labels:\n"
        + "  45 overlapping_member: the same box is already written for an overlapping member of its log (KITTI writes one line"
        + " per frame and track)\n");
    assertThat(Files.readString(bothOut.resolve("manifest.json"))).contains("\"leftOut\" : {\n    \"overlapping_member\" : 45\n  }");
    assertThat(Files.exists(out.resolve("manifest.json"))).isTrue();

    CliRun list = CliRun.run("dataset", "list", "--lake", lake);
    assertThat(list.out().lines()).hasSize(6);
    assertThat(list.out()).contains("ped      v3       6        182     train/val  split split train=0.5,val=0.5");

    // rejected inputs: exit 3, a message naming what exists, nothing written
    var before = listing(dir.resolve("lake"));
    CliRun unknown = CliRun.run("dataset", "stats", "nope", "--lake", lake);
    assertThat(unknown.code()).isEqualTo(3);
    assertThat(unknown.err()).contains("no dataset 'nope'").contains("there are: [both, ped]");
    CliRun noVersion = CliRun.run("dataset", "diff", "ped", "1", "9", "--lake", lake);
    assertThat(noVersion.code()).isEqualTo(3);
    assertThat(noVersion.err()).contains("dataset 'ped' has no version v9; it has [v1, v2, v3, v4]");
    CliRun badSplit = CliRun.run("dataset", "split", "ped", "--lake", lake, "--fractions", "train=0.9,val=0.2");
    assertThat(badSplit.code()).isEqualTo(3);
    assertThat(badSplit.err()).contains("they sum to 1.100000, expected 1");
    CliRun badWeight = CliRun.run("dataset", "split", "ped", "--lake", lake, "--fractions", "train=1", "--weight", "boxes");
    assertThat(badWeight.code()).isEqualTo(3);
    assertThat(badWeight.err()).contains("split weight 'boxes': expected frames or clips");
    CliRun again = CliRun.run("dataset", "export", "ped", "--lake", lake, "--format", "parquet", "--out", out.toString());
    assertThat(again.code()).isEqualTo(3);
    assertThat(again.err()).contains("is not empty; choose a new directory");
    CliRun coco = CliRun.run("dataset", "export", "ped", "--lake", lake, "--format", "coco", "--out", dir.resolve("coco").toString());
    assertThat(coco.code()).isEqualTo(3);
    assertThat(coco.err()).contains("has no 2D boxes");
    assertThat(dir.resolve("coco")).doesNotExist();
    CliRun twoSources = CliRun.run("dataset", "create", "x", "--lake", lake, "--from-tag", "a", "--clips", "kitti-0000@0-1");
    assertThat(twoSources.code()).isEqualTo(2);
    assertThat(listing(dir.resolve("lake"))).isEqualTo(before);
  }
}
