package dev.fleetmine.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleetmine.Fleetmine;
import dev.fleetmine.TestLakes;
import dev.fleetmine.dataset.DatasetStore;
import dev.fleetmine.dataset.DatasetVersion;
import dev.fleetmine.dataset.MemberSource;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.lake.CurationStore;
import dev.fleetmine.query.ClipRef;
import dev.fleetmine.select.LakeSelection;
import dev.fleetmine.select.Selection;
import dev.fleetmine.select.SelectionStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batches on the KITTI sample: made from a selection or clips, refused when they cannot be labelled, and read
 * by the other curation packages through the shared layout (selection's labeled clips, a dataset pinned to a
 * batch's latest labels).
 */
class LabelStoreTest {
  @TempDir
  static Path dir;
  static Fleetmine fm;
  static LabelStore store;
  static final ClipRef A = ClipRef.parse("kitti-0000@0-900000000");

  @BeforeAll
  static void lake() {
    fm = Fleetmine.open(dir.resolve("lake"));
    fm.ingest("kitti", List.of(TestLakes.sharedData().resolve("kitti-tracking/label_02/0000.txt")), Progress.NONE);
    store = new LabelStore(fm.lake());
  }

  @Test
  void fromASelectionInPickOrder() {
    ClipRef late = ClipRef.parse("kitti-0000@5000000000-5200000000");
    new SelectionStore(fm.lake()).save(new Selection("sel", "uncertainty", Map.of("budget", "2"), 1, 0,
        List.of(new Selection.Item(late, 0.9, Map.of()), new Selection.Item(A, 0.5, Map.of()))));
    LabelBatch b = store.createFromSelection("from-sel", "sel", 4);
    assertThat(b.selectionId()).isEqualTo("sel");
    assertThat(b.refs()).containsExactly(late, A);
    assertThat(b.clips().get(0).frames()).containsExactly(5000000000L);
    assertThat(b.clips().get(1).frames()).containsExactly(0L, 400000000L, 800000000L);
    assertThat(store.status("from-sel").state()).isEqualTo("created");
    assertThat(store.batch("from-sel")).isEqualTo(b);
    // the selection package reads the batch's clips to exclude them
    assertThat(LakeSelection.labeledClips(fm.lake())).contains(late, A);
  }

  @Test
  void aSelectionSavedWithOverlappingPicksByAnOlderVersionGetsTheirUnions() throws Exception {
    // the shape of fn: picks before failure clips were disjoint: one miss of a track inside another's run
    ClipRef run = ClipRef.parse("kitti-0000@1000000000-1300000000");
    ClipRef inside = ClipRef.parse("kitti-0000@1200000000-1200000000");
    ClipRef touching = ClipRef.parse("kitti-0000@1300000000-1500000000");
    ClipRef apart = ClipRef.parse("kitti-0000@3000000000-3000000000");
    Selection legacy = new Selection("legacy", "uncertainty", Map.of("budget", "4"), 1, 0, List.of(
        new Selection.Item(apart, 0.9, Map.of()), new Selection.Item(inside, 0.8, Map.of()),
        new Selection.Item(run, 0.7, Map.of()), new Selection.Item(touching, 0.6, Map.of())));
    assertThatThrownBy(() -> new SelectionStore(fm.lake()).save(legacy)).hasMessage("selection 'legacy' holds overlapping"
        + " clips; not saved");
    CurationStore.of(fm.lake()).writeJsonOnce(CurationStore.of(fm.lake()).path("selections").resolve("legacy.json"), legacy);
    LabelBatch b = store.createFromSelection("from-legacy", "legacy", 1);
    assertThat(b.refs()).containsExactly(apart, ClipRef.parse("kitti-0000@1000000000-1500000000"));
    assertThat(b.clips().get(1).frames()).containsExactly(1000000000L, 1100000000L, 1200000000L, 1300000000L,
        1400000000L, 1500000000L);
    assertThat(LabelStore.unions(List.of(A, run))).containsExactly(A, run);
  }

  @Test
  void refusesWhatCannotBeLabelled() {
    assertThatThrownBy(() -> store.create("x1", null, List.of(A, ClipRef.parse("kitti-0000@500000000-1500000000")), 1))
        .hasMessage("clips kitti-0000@0-900000000 and kitti-0000@500000000-1500000000 overlap; a batch's clips must be disjoint"
            + " so that every frame is labelled once");
    assertThatThrownBy(() -> store.create("x2", null, List.of(A, A), 1)).hasMessage("clip kitti-0000@0-900000000 is given twice");
    assertThatThrownBy(() -> store.create("x3", null, List.of(ClipRef.parse("kitti-9999@0-10")), 1))
        .hasMessage("clip kitti-9999@0-10: no log 'kitti-9999' in the lake; logs: [kitti-0000]");
    assertThatThrownBy(() -> store.create("x4", null, List.of(ClipRef.parse("kitti-0000@1-99")), 1))
        .hasMessage("clip kitti-0000@1-99 has no ego timestamps in log kitti-0000: nothing to label");
    assertThatThrownBy(() -> store.create("x5", null, List.of(A), 0)).hasMessage("--every must be >= 1, got 0");
    assertThatThrownBy(() -> store.create("bad/name", null, List.of(A), 1)).hasMessageContaining("batch name 'bad/name' is not allowed");
    assertThatThrownBy(() -> store.createFromSelection("x6", "nope", 1)).hasMessageContaining("no selection 'nope'");
    assertThat(store.batchIds()).doesNotContain("x1", "x2", "x3", "x4", "x5", "x6");
    store.create("once", null, List.of(A), 1);
    assertThatThrownBy(() -> store.create("once", null, List.of(A), 1)).hasMessageContaining("labeling batch 'once' already exists");
    assertThatThrownBy(() -> store.version("once", 3)).hasMessage("batch 'once' has no label version v3; it has none");
  }

  @Test
  void aDatasetPinsTheBatchsLatestLabels() throws Exception {
    LabelBatch b = store.create("for-dataset", null, List.of(ClipRef.parse("kitti-0000@1000000000-1400000000")), 2);
    BatchExport.Result r = BatchExport.export(store, b.id(), LabelFormat.OPENLABEL, dir.resolve("ds-ol"), "gt");
    AnnotationImport.run(store, b.id(), LabelFormat.OPENLABEL, "alice", List.of(r.dir()));
    DatasetVersion v = new DatasetStore(fm.lake()).create("labelled", new MemberSource.Batch(b.id()), null, 0);
    assertThat(v.labelPins()).containsOnlyKeys("for-dataset@v1");
    assertThat(v.labelRows()).isEqualTo(store.latest(b.id()).orElseThrow().cuboids()).isEqualTo(r.boxes()).isPositive();
  }
}
