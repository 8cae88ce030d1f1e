package dev.fleetmine.label;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleetmine.Fleetmine;
import dev.fleetmine.TestLakes;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.query.ClipRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every export format against golden files (core/src/test/resources/dev/fleetmine/label/golden/) on two short
 * clips of the real KITTI sample, every other frame: OpenLABEL and CVAT pre-annotated with the ground truth (the
 * default); Label Studio with PointRCNN's detections on the first frame of sequence 0000. Run with {@code -Dfleetmine.updateGolden=true} to rewrite
 * the golden files after a deliberate change.
 */
class LabelExportGoldenTest {
  static final Path GOLDEN = Path.of("src/test/resources/dev/fleetmine/label/golden");
  static final boolean UPDATE = Boolean.getBoolean("fleetmine.updateGolden");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

  @TempDir
  static Path dir;
  static LabelStore store;

  @BeforeAll
  static void batch() {
    Fleetmine fm = Fleetmine.open(dir.resolve("lake"));
    Path kitti = TestLakes.sharedData().resolve("kitti-tracking/label_02");
    fm.ingest("kitti", List.of(kitti.resolve("0000.txt"), kitti.resolve("0003.txt")), Progress.NONE);
    store = new LabelStore(fm.lake(), CLOCK);
    store.create("golden", null, List.of(ClipRef.parse("kitti-0000@0-200000000"), ClipRef.parse("kitti-0003@1000000000-1200000000")),
        2);
    store.create("golden-one", null, List.of(ClipRef.parse("kitti-0000@0-0")), 1);
  }

  static void golden(String name, BatchExport.Result r, List<String> files) throws Exception {
    assertThat(r.files()).containsExactlyElementsOf(files);
    for (String f : files) {
      Path g = GOLDEN.resolve(name).resolve(f);
      String actual = Files.readString(r.dir().resolve(f));
      if (UPDATE) {
        Files.createDirectories(g.getParent());
        Files.writeString(g, actual);
      }
      assertThat(actual).as("%s/%s", name, f).isEqualTo(Files.readString(g));
    }
  }

  @Test
  void batchJsonListsClipsAndEveryOtherFrame() throws Exception {
    String json = Files.readString(store.batchDir("golden").resolve("batch.json"));
    if (UPDATE) {
      Files.writeString(GOLDEN.resolve("batch.json"), json);
    }
    assertThat(json).isEqualTo(Files.readString(GOLDEN.resolve("batch.json")));
    LabelBatch b = store.batch("golden");
    assertThat(b.clips()).extracting(c -> c.frames()).containsExactly(List.of(0L, 200000000L), List.of(1000000000L, 1200000000L));
  }

  @Test
  void openLabelWithGroundTruth() throws Exception {
    BatchExport.Result r = BatchExport.export(store, "golden", LabelFormat.OPENLABEL, dir.resolve("ol"), null);
    assertThat(r.preAnnotation()).isEqualTo("gt");
    golden("openlabel", r, List.of("kitti-0000_0_200000000.json", "kitti-0003_1000000000_1200000000.json"));
  }

  @Test
  void cvatWithGroundTruth() throws Exception {
    BatchExport.Result r = BatchExport.export(store, "golden", LabelFormat.CVAT, dir.resolve("cvat"), "gt");
    golden("cvat", r, List.of("annotations.xml"));
  }

  @Test
  void labelStudioWithPointRcnnPredictions() throws Exception {
    BatchExport.Result r = BatchExport.export(store, "golden-one", LabelFormat.LABELSTUDIO, dir.resolve("ls"), "pointrcnn");
    assertThat(r.preAnnotation()).isEqualTo("model:pointrcnn");
    golden("labelstudio", r, List.of("label_config.xml", "tasks.json"));
  }
}
