package dev.fleetmine.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetmine.Fleetmine;
import dev.fleetmine.TestLakes;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.ingest.coco.CocoImport;
import dev.fleetmine.lake.CurationStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every export format against golden files (core/src/test/resources/dev/fleetmine/dataset/golden/) on two
 * short clips of the real KITTI sample split by log, and two real COCO images; plus the manifest's
 * checksums. Run with {@code -Dfleetmine.updateGolden=true} to rewrite the golden files after a deliberate change.
 */
class DatasetExportGoldenTest {
  static final Path GOLDEN = Path.of("src/test/resources/dev/fleetmine/dataset/golden");
  static final boolean UPDATE = Boolean.getBoolean("fleetmine.updateGolden");

  @TempDir
  static Path dir;
  static DatasetStore store;

  @BeforeAll
  static void dataset() {
    Fleetmine fm = Fleetmine.open(dir.resolve("lake"));
    Path kitti = TestLakes.sharedData().resolve("kitti-tracking/label_02");
    fm.ingest("kitti", List.of(kitti.resolve("0000.txt"), kitti.resolve("0003.txt")), Progress.NONE);
    CocoImport.importGroundTruth(fm.lake(), "val2014", TestLakes.sharedData().resolve("coco-eval/instances_val2014_100.json"));
    store = new DatasetStore(fm.lake());
    store.create("golden", MemberSource.Clips.parse("kitti-0000@0-200000000,kitti-0003@1000000000-1200000000"), null, 0);
    store.split("golden", 1, new SplitSpec(SplitSpec.parseFractions("train=0.5,val=0.5"), 7, "log", false));
    store.create("images", MemberSource.Clips.parse("coco:val2014@42-73"), null, 0);
    // two overlapping clips of kitti-0000 (frames 0-2 and 1-3) and two COCO images
    store.create("mixed", MemberSource.Clips.parse("kitti-0000@0-200000000,kitti-0000@100000000-300000000,coco:val2014@42-73"),
        null, 0);
  }

  static ExportManifest export(String name, ExportFormat f, String out, int shardRows, Path calib) {
    return DatasetExport.export(store, name, null, new DatasetExport.Options(f, dir.resolve(out), shardRows, calib));
  }

  /** Compares (or rewrites) every text file of an export with its golden copy under {@code golden/<name>/}. */
  static void golden(String name, Path exported, List<String> files) throws Exception {
    for (String f : files) {
      Path g = GOLDEN.resolve(name).resolve(f);
      String actual = Files.readString(exported.resolve(f));
      if (UPDATE) {
        Files.createDirectories(g.getParent());
        Files.writeString(g, actual);
      }
      assertThat(actual).as("%s/%s", name, f).isEqualTo(Files.readString(g));
    }
  }

  static List<String> textFiles(Path root) throws Exception {
    try (Stream<Path> w = Files.walk(root)) {
      return w.filter(Files::isRegularFile).map(p -> root.relativize(p).toString())
          .filter(p -> p.endsWith(".txt") || p.endsWith(".json")).sorted().toList();
    }
  }

  @Test
  void kittiInCameraCoordinatesRoundTripsTheSource() throws Exception {
    ExportManifest m = export("golden", ExportFormat.KITTI, "kitti", 1, TestLakes.sharedData().resolve("kitti-tracking"));
    Path out = dir.resolve("kitti");
    assertThat(m.counts()).containsEntry("boxes", 18L).containsEntry("members", 2L);
    golden("kitti", out, textFiles(out));
    // 3D fields (h w l x y z) are those of the source label file; rotation_y within 2e-4 rad
    List<String> source = Files.readAllLines(TestLakes.sharedData().resolve("kitti-tracking/label_02/0000.txt"));
    String split = Files.exists(out.resolve("train/label_02/0000.txt")) ? "train" : "val";
    for (String line : Files.readAllLines(out.resolve(split + "/label_02/0000.txt"))) {
      String[] e = line.split(" ");
      String[] s = source.stream().map(l -> l.split(" ")).filter(x -> x[0].equals(e[0]) && x[1].equals(e[1])).findFirst()
          .orElseThrow();
      assertThat(e[2]).isEqualTo(s[2]);
      assertThat(List.of(e).subList(10, 16)).isEqualTo(List.of(s).subList(10, 16));
      assertThat(Double.parseDouble(e[16])).isCloseTo(Double.parseDouble(s[16]), org.assertj.core.data.Offset.offset(2e-4));
    }
  }

  @Test
  void kittiWithoutCalibrationIsInTheLidarFrame() throws Exception {
    export("golden", ExportFormat.KITTI, "kitti-lidar", 1, null);
    Path out = dir.resolve("kitti-lidar");
    golden("kitti-lidar", out, textFiles(out).stream().filter(f -> !f.equals("manifest.json")).toList());
  }

  @Test
  void openLabel() throws Exception {
    ExportManifest m = export("golden", ExportFormat.OPENLABEL, "openlabel", 1, null);
    Path out = dir.resolve("openlabel");
    golden("openlabel", out, textFiles(out));
    JsonNode doc = CurationStore.readJson(out.resolve(m.files().get(0).path()));
    assertThat(doc.at("/openlabel/metadata/schema_version").asText()).isEqualTo("1.0.0");
    assertThat(doc.at("/openlabel/frames/0/objects/0/object_data/cuboid/0/val")).hasSize(9);
    int cuboids = 0;
    for (ExportManifest.FileEntry f : m.files()) {
      if (!f.path().equals("manifest.json")) {
        for (JsonNode frame : CurationStore.readJson(out.resolve(f.path())).at("/openlabel/frames")) {
          for (JsonNode o : frame.get("objects")) {
            assertThat(o.at("/object_data/cuboid/0/attributes/text/0/name").asText()).isEqualTo("annotator");
            cuboids++;
          }
        }
      }
    }
    assertThat(cuboids).isEqualTo(m.counts().get("boxes").intValue());
  }

  @Test
  void parquetShards() throws Exception {
    ExportManifest m = export("golden", ExportFormat.PARQUET, "parquet", 4, null);
    Path out = dir.resolve("parquet");
    // two members and 9 boxes per split, at most 4 rows a shard: 1 member shard and 3 label shards each
    assertThat(m.files()).extracting(ExportManifest.FileEntry::path).containsExactly("train/labels/part-00000.parquet",
        "train/labels/part-00001.parquet", "train/labels/part-00002.parquet", "train/members/part-00000.parquet",
        "val/labels/part-00000.parquet", "val/labels/part-00001.parquet", "val/labels/part-00002.parquet",
        "val/members/part-00000.parquet");
    StringBuilder dump = new StringBuilder();
    try (Connection c = DatasetStore.duck()) {
      for (ExportManifest.FileEntry f : m.files()) {
        dump.append("== ").append(f.path()).append('\n');
        List<String> header = new ArrayList<>();
        for (Object[] r : Sql.rows(c, "DESCRIBE SELECT * FROM read_parquet(" + Sql.path(out.resolve(f.path())) + ")")) {
          header.add(r[0] + " " + r[1]);
        }
        dump.append(String.join("|", header)).append('\n');
        for (Object[] r : Sql.rows(c, "SELECT * FROM read_parquet(" + Sql.path(out.resolve(f.path())) + ")")) {
          List<String> cells = new ArrayList<>();
          for (Object o : r) {
            cells.add(String.valueOf(o));
          }
          dump.append(String.join("|", cells)).append('\n');
        }
      }
    }
    Files.writeString(out.resolve("dump.txt"), dump.toString());
    golden("parquet", out, List.of("dump.txt"));
  }

  @Test
  void cocoOfImagesAndAClearErrorWithout() throws Exception {
    DatasetVersion images = store.load("images", 1);
    assertThat(images.frames()).isEqualTo(2);
    assertThat(store.members("images", 1).get(0).sourceFormat()).isEqualTo("coco");
    ExportManifest m = export("images", ExportFormat.COCO, "coco", 1, null);
    assertThat(m.counts()).containsEntry("images", 2L).containsEntry("annotations", 3L);
    Path out = dir.resolve("coco");
    golden("coco", out, textFiles(out));
    assertThatThrownBy(() -> export("golden", ExportFormat.COCO, "coco-none", 1, null))
        .hasMessageContaining("dataset 'golden' v2 has no 2D boxes");
    assertThat(dir.resolve("coco-none")).doesNotExist();
  }

  /**
   * Every format on one version of two overlapping KITTI clips (18 label rows: 3 boxes in each of frames 0-3,
   * frames 1 and 2 in both clips) and two COCO images (3 annotations): what each writes plus what it leaves out, by reason,
   * is all of it.
   */
  @Test
  void everyFormatCountsWhatItLeavesOut() throws Exception {
    ExportManifest kitti = export("mixed", ExportFormat.KITTI, "mixed-kitti", 1, null);
    assertThat(kitti.counts()).containsEntry("label_rows", 18L).containsEntry("image_boxes", 3L).containsEntry("boxes", 12L);
    assertThat(kitti.leftOut()).containsExactly(Map.entry("image_box_2d", 3L), Map.entry("overlapping_member", 6L));
    ExportManifest openLabel = export("mixed", ExportFormat.OPENLABEL, "mixed-openlabel", 1, null);
    assertThat(openLabel.counts()).containsEntry("boxes", 18L);
    assertThat(openLabel.leftOut()).containsExactly(Map.entry("image_box_2d", 3L));
    ExportManifest parquet = export("mixed", ExportFormat.PARQUET, "mixed-parquet", 100, null);
    // the 2D boxes go along as the version's boxes2d rows: the 3 annotations and the images' and categories' marker rows
    assertThat(parquet.counts()).containsEntry("boxes", 18L).containsEntry("boxes2d_rows", 13L);
    assertThat(parquet.leftOut()).isEmpty();
    try (Connection c = DatasetStore.duck()) {
      assertThat(Sql.count(c, "SELECT count(annotation_id) FROM read_parquet("
          + Sql.path(dir.resolve("mixed-parquet/boxes2d/part-00000.parquet")) + ")")).isEqualTo(3);
    }
    assertThat(parquet.files()).extracting(ExportManifest.FileEntry::path).containsExactly("boxes2d/part-00000.parquet",
        "labels/part-00000.parquet", "members/part-00000.parquet");
    ExportManifest coco = export("mixed", ExportFormat.COCO, "mixed-coco", 1, null);
    assertThat(coco.counts()).containsEntry("annotations", 3L).containsEntry("images", 2L);
    assertThat(coco.leftOut()).containsExactly(Map.entry("cuboid_3d", 18L));
    // the manifest on disk says the same
    assertThat(CurationStore.readJson(dir.resolve("mixed-kitti/manifest.json"), ExportManifest.class)).isEqualTo(kitti);
  }

  @Test
  void manifestChecksumsMatchTheFilesAndATargetIsNeverOverwritten() throws Exception {
    ExportManifest m = export("golden", ExportFormat.OPENLABEL, "checked", 1, null);
    Path out = dir.resolve("checked");
    assertThat(m.files()).hasSize(2);
    for (ExportManifest.FileEntry f : m.files()) {
      assertThat(DatasetExport.sha256(out.resolve(f.path()))).isEqualTo(f.sha256());
      assertThat(Files.size(out.resolve(f.path()))).isEqualTo(f.bytes());
    }
    ExportManifest read = CurationStore.readJson(out.resolve("manifest.json"), ExportManifest.class);
    assertThat(read).isEqualTo(m);
    assertThatThrownBy(() -> export("golden", ExportFormat.OPENLABEL, "checked", 1, null))
        .hasMessageContaining("is not empty; choose a new directory");
  }
}
