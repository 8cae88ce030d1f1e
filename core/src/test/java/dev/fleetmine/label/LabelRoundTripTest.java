package dev.fleetmine.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetmine.Fleetmine;
import dev.fleetmine.TestLakes;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.lake.CurationStore;
import dev.fleetmine.query.ClipRef;
import dev.fleetmine.query.LakeQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export, then import unchanged, gives back the exported boxes (within float formatting) in every format,
 * on the real KITTI sample; imported versions are numbered, carry the annotator, the files' checksums and
 * counts, and move the batch's status.
 */
class LabelRoundTripTest {
  @TempDir
  static Path dir;
  static Fleetmine fm;
  static LabelStore store;

  @BeforeAll
  static void lake() {
    fm = Fleetmine.open(dir.resolve("lake"));
    Path kitti = TestLakes.sharedData().resolve("kitti-tracking/label_02");
    fm.ingest("kitti", List.of(kitti.resolve("0000.txt"), kitti.resolve("0003.txt")), Progress.NONE);
    store = new LabelStore(fm.lake());
  }

  static LabelBatch batch(String id) {
    return store.create(id, null, List.of(ClipRef.parse("kitti-0000@0-900000000"), ClipRef.parse("kitti-0003@1000000000-1500000000")),
        3);
  }

  static List<Cuboid> exported(LabelBatch b, String pre) {
    try (LakeQuery q = fm.query()) {
      return BatchContent.read(q, b, pre).clips().stream().flatMap(c -> c.frames().stream()).flatMap(f -> f.boxes().stream())
          .toList();
    }
  }

  static final Comparator<Cuboid> ORDER = Comparator.comparing(Cuboid::logId).thenComparingLong(Cuboid::tsNs)
      .thenComparing(c -> c.trackId() == null ? "~" : c.trackId()).thenComparing(Cuboid::category).thenComparingDouble(Cuboid::x);

  /** The same boxes: identity exactly, geometry exactly (OpenLABEL, CVAT) or within 1e-9 m (Label Studio's percent round trip). */
  static void assertSameBoxes(List<Cuboid> actual, List<Cuboid> expected, String annotator, double tolerance) {
    List<Cuboid> a = new ArrayList<>(actual);
    List<Cuboid> e = new ArrayList<>(expected);
    a.sort(ORDER);
    e.sort(ORDER);
    assertThat(a).hasSameSizeAs(e);
    for (int i = 0; i < a.size(); i++) {
      Cuboid x = a.get(i);
      Cuboid y = e.get(i);
      assertThat(List.of(x.logId(), x.tsNs(), String.valueOf(x.trackId()), x.category()))
          .containsExactly(y.logId(), y.tsNs(), String.valueOf(y.trackId()), y.category());
      double[] xs = {x.x(), x.y(), x.z(), x.length(), x.width(), x.height(), x.yaw()};
      double[] ys = {y.x(), y.y(), y.z(), y.length(), y.width(), y.height(), y.yaw()};
      for (int k = 0; k < xs.length; k++) {
        assertThat(xs[k]).as("box %d field %d", i, k).isCloseTo(ys[k], within(tolerance));
      }
      assertThat(x.annotator()).isEqualTo(annotator);
    }
  }

  @Test
  void openLabelRoundTripAndTags() throws Exception {
    LabelBatch b = batch("rt-ol");
    BatchExport.Result r = BatchExport.export(store, b.id(), LabelFormat.OPENLABEL, dir.resolve("ol"), null);
    assertThat(r.frames()).isEqualTo(6);
    List<Cuboid> expected = exported(b, null);
    assertThat(r.boxes()).isEqualTo(expected.size()).isEqualTo(18);
    // the annotator adds a scenario tag to the first clip
    Path f = r.dir().resolve("kitti-0000_0_900000000.json");
    ObjectNode doc = (ObjectNode) CurationStore.json().readTree(f.toFile());
    ObjectNode ctx = ((ObjectNode) doc.get("openlabel")).putObject("contexts").putObject("0");
    ctx.put("name", "cut_in").put("type", "scenario_tag");
    CurationStore.json().writeValue(f.toFile(), doc);

    LabelVersion v = AnnotationImport.run(store, b.id(), LabelFormat.OPENLABEL, "alice", List.of(r.dir()));
    assertThat(v.version()).isEqualTo(1);
    assertThat(v.annotators()).containsExactly("alice");
    assertThat(v.cuboids()).isEqualTo(18);
    assertThat(v.categories()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("car", 12L, "cyclist", 4L, "pedestrian", 2L));
    // the same count straight from the lake's ground truth at the batch's frames
    assertThat(TestLakes.scalar(fm.lake(), "SELECT count(*) FROM objects WHERE source = 'gt' AND ((log_id = 'kitti-0000'"
        + " AND ts_ns IN (0, 300000000, 600000000, 900000000)) OR (log_id = 'kitti-0003' AND ts_ns IN (1000000000, 1300000000)))"))
        .isEqualTo(18L);
    assertThat(v.sources()).extracting(LabelVersion.SourceFile::name)
        .containsExactly("kitti-0000_0_900000000.json", "kitti-0003_1000000000_1500000000.json");
    assertThat(v.sources().get(0).sha256()).isEqualTo(AnnotationImport.sha256(Files.readAllBytes(f)));
    assertSameBoxes(store.cuboids(b.id(), 1), expected, "alice", 0.0);
    assertThat(store.tags(b.id(), 1)).containsExactly(new ClipTag(ClipRef.parse("kitti-0000@0-900000000"), "cut_in", "alice"));
    assertThat(store.status(b.id()).state()).isEqualTo("imported v1 (alice)");
    assertThat(store.events(b.id())).extracting(e -> e.type().jsonName()).containsExactly("created", "exported", "imported");
    // a second import is v2; latest() and the files other packages read follow it
    AnnotationImport.run(store, b.id(), LabelFormat.OPENLABEL, "bob", List.of(r.dir()));
    assertThat(store.latest(b.id())).map(LabelVersion::version).contains(2);
    assertThat(store.cuboidsFile(b.id(), 2)).isRegularFile();
    assertThat(store.tagsFile(b.id(), 2)).isRegularFile();
    assertThat(TestLakes.query(fm.lake(), "SELECT count(*), count(DISTINCT annotator) FROM read_parquet('"
        + store.cuboidsFile(b.id(), 2) + "')").get(0)).containsExactly(18L, 1L);
  }

  @Test
  void cvatRoundTrip() throws Exception {
    LabelBatch b = batch("rt-cvat");
    BatchExport.Result r = BatchExport.export(store, b.id(), LabelFormat.CVAT, dir.resolve("cvat"), "gt");
    LabelVersion v = AnnotationImport.run(store, b.id(), LabelFormat.CVAT, "carol", List.of(r.dir().resolve("annotations.xml")));
    assertThat(v.cuboids()).isEqualTo(18);
    assertThat(v.format()).isEqualTo(LabelFormat.CVAT);
    assertSameBoxes(store.cuboids(b.id(), 1), exported(b, "gt"), "carol", 0.0);
  }

  @Test
  void cvatRoundTripOfModelPreAnnotationsKeepsScores() throws Exception {
    LabelBatch b = batch("rt-cvat-model");
    BatchExport.Result r = BatchExport.export(store, b.id(), LabelFormat.CVAT, dir.resolve("cvat-model"), "pointrcnn");
    List<Cuboid> expected = exported(b, "pointrcnn");
    assertThat(expected).allSatisfy(c -> assertThat(c.score()).isNotNull());
    AnnotationImport.run(store, b.id(), LabelFormat.CVAT, "dave", List.of(r.dir().resolve("annotations.xml")));
    List<Cuboid> back = store.cuboids(b.id(), 1);
    assertSameBoxes(back, expected, "dave", 0.0);
    assertThat(back.stream().map(Cuboid::score).sorted().toList())
        .isEqualTo(expected.stream().map(Cuboid::score).sorted().toList());
  }

  @Test
  void openLabelRoundTripOfUntrackedModelDetections() {
    LabelBatch b = batch("rt-ol-model");
    BatchExport.Result r = BatchExport.export(store, b.id(), LabelFormat.OPENLABEL, dir.resolve("ol-model"), "pointrcnn");
    List<Cuboid> expected = exported(b, "pointrcnn");
    assertThat(expected).isNotEmpty().allSatisfy(c -> assertThat(c.trackId()).isNull());
    assertThat(r.boxes()).isEqualTo(expected.size());
    AnnotationImport.run(store, b.id(), LabelFormat.OPENLABEL, "gina", List.of(r.dir()));
    List<Cuboid> back = store.cuboids(b.id(), 1);
    assertSameBoxes(back, expected, "gina", 0.0);
    assertThat(back).allSatisfy(c -> assertThat(c.attributes()).startsWith("{\"score\":"));
  }

  /** What Label Studio exports after an annotator accepted every pre-annotation: an annotation per task. */
  static void acceptPredictions(Path tasksFile, boolean skipLast) throws Exception {
    ArrayNode tasks = (ArrayNode) CurationStore.json().readTree(tasksFile.toFile());
    for (int i = 0; i < tasks.size(); i++) {
      ObjectNode t = (ObjectNode) tasks.get(i);
      t.put("id", 100 + i);
      if (skipLast && i == tasks.size() - 1) {
        t.putArray("annotations");
        continue;
      }
      ObjectNode a = t.putArray("annotations").addObject();
      a.put("id", 500 + i);
      a.putObject("completed_by").put("id", 1).put("email", "ann@example.com");
      a.put("was_cancelled", false);
      a.put("ground_truth", false);
      a.put("created_at", "2026-01-02T03:04:05.000000Z");
      a.put("lead_time", 12.5);
      JsonNode pred = t.path("predictions").path(0).path("result");
      a.set("result", pred.isMissingNode() ? CurationStore.json().createArrayNode() : pred.deepCopy());
    }
    CurationStore.json().writeValue(tasksFile.toFile(), tasks);
  }

  @Test
  void labelStudioRoundTripThroughTheBevFrame() throws Exception {
    LabelBatch b = batch("rt-ls");
    BatchExport.Result r = BatchExport.export(store, b.id(), LabelFormat.LABELSTUDIO, dir.resolve("ls"), null);
    Path tasks = r.dir().resolve("tasks.json");
    acceptPredictions(tasks, false);
    LabelVersion v = AnnotationImport.run(store, b.id(), LabelFormat.LABELSTUDIO, "erin", List.of(tasks));
    assertThat(v.framesUnannotated()).isZero();
    assertSameBoxes(store.cuboids(b.id(), 1), exported(b, null), "erin", 1e-9);
  }

  @Test
  void labelStudioTaskWithoutAnnotationIsCountedUnannotated() throws Exception {
    LabelBatch b = batch("rt-ls-skip");
    BatchExport.Result r = BatchExport.export(store, b.id(), LabelFormat.LABELSTUDIO, dir.resolve("ls-skip"), "gt");
    Path tasks = r.dir().resolve("tasks.json");
    acceptPredictions(tasks, true);
    LabelVersion v = AnnotationImport.run(store, b.id(), LabelFormat.LABELSTUDIO, "frank", List.of(tasks));
    assertThat(v.framesUnannotated()).isEqualTo(1);
    long lastFrameBoxes = exported(b, "gt").stream().filter(c -> c.tsNs() == 1300000000L).count();
    assertThat(v.cuboids()).isEqualTo(18 - lastFrameBoxes);
  }
}
