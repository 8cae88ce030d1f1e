package dev.fleetmine.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleetmine.Fleetmine;
import dev.fleetmine.TestLakes;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.lake.CurationStore;
import dev.fleetmine.query.ClipRef;
import dev.fleetmine.query.LakeQuery;
import dev.fleetmine.query.ScenarioLibrary;
import dev.fleetmine.query.ScenarioMiner;
import dev.fleetmine.query.ScenarioSearch;
import dev.fleetmine.select.Selection;
import dev.fleetmine.select.SelectionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dataset versions on the real KITTI sample: sources, pins, lineage, splits, diff, stats, errors. */
class DatasetStoreTest {
  static final String CROWDED = "at least 3 pedestrians p where p.distance < 30";
  static final String TWO_CLIPS = "kitti-0000@0-200000000,kitti-0003@1000000000-1200000000";

  @TempDir
  static Path dir;
  static Fleetmine fm;

  @BeforeAll
  static void lake() {
    fm = Fleetmine.open(dir.resolve("lake"));
    fm.ingest("kitti", List.of(TestLakes.sharedData().resolve("kitti-tracking")), Progress.NONE);
    ScenarioLibrary lib = ScenarioLibrary.builtIn();
    try (LakeQuery q = fm.query()) {
      String cyclists = "exists cyclist c where c.distance < 10";
      ScenarioMiner.store(fm.lake(), q, "test tags", List.of(new ScenarioMiner.TagSet("close_cyclist", cyclists,
          ScenarioSearch.run(q, lib.compile(cyclists), lib))));
    }
  }

  static long gtBoxes(String where) {
    return (Long) TestLakes.scalar(fm.lake(), "SELECT count(*) FROM objects WHERE source = 'gt' AND (" + where + ")");
  }

  @Test
  void createAddSplitDiffStats() {
    DatasetStore s = new DatasetStore(fm.lake());
    DatasetVersion v1 = s.create("ped", MemberSource.Clips.parse(TWO_CLIPS), null, 0);
    assertThat(v1.version()).isEqualTo(1);
    assertThat(v1.members()).isEqualTo(2);
    assertThat(v1.frames()).isEqualTo(6);
    assertThat(v1.labelRows()).isEqualTo(18).isEqualTo(gtBoxes(
        "log_id = 'kitti-0000' AND ts_ns <= 200000000 OR log_id = 'kitti-0003' AND ts_ns BETWEEN 1000000000 AND 1200000000"));
    assertThat(v1.labelPins()).containsExactlyEntriesOf(Map.of("gt@2", 2));
    assertThat(v1.lastStep()).isEqualTo(new LineageStep(1, "create", "clips", TWO_CLIPS, "gt@2", null, 2, v1.createdAtMs(), 2, 2,
        0, 0, 0));

    DatasetVersion v2 = s.add("ped", new MemberSource.Query(CROWDED), null, 0);
    assertThat(s.members("ped", 2)).extracting(Member::clipId).containsExactly("kitti-0000@0-200000000",
        "kitti-0003@1000000000-1200000000", "kitti-0004@19400000000-20300000000", "kitti-0011@2300000000-4500000000",
        "kitti-0011@5400000000-5400000000", "kitti-0017@0-14100000000");
    assertThat(v2.frames()).isEqualTo(182);
    assertThat(v2.labelRows()).isEqualTo(1160);
    assertThat(v2.lineage()).hasSize(2);
    assertThat(v2.lastStep().kind()).isEqualTo("query");
    assertThat(v2.lastStep().text()).isEqualTo(CROWDED);
    assertThat(v2.lastStep().parentVersion()).isEqualTo(1);
    assertThat(v2.lastStep().added()).isEqualTo(4);
    // the tag of the mined clips is on the members it overlaps
    assertThat(s.members("ped", 2).get(0).tags()).containsExactly("close_cyclist");

    // the same query again adds nothing: rejected, nothing written
    assertThatThrownBy(() -> s.add("ped", new MemberSource.Query(CROWDED), null, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gave 4 clip(s), none new to dataset 'ped' (4 exact duplicate(s), 0 near-duplicate(s))");
    assertThat(s.versions("ped")).containsExactly(1, 2);

    DatasetVersion v3 = s.split("ped", 2, new SplitSpec(SplitSpec.parseFractions("train=0.5,val=0.5"), 7, "log", false,
        SplitSpec.Weight.CLIPS));
    assertThat(v3.version()).isEqualTo(3);
    assertThat(v3.splitMembers()).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of("train", 3, "val", 3)));
    assertThat(v3.splitFrames()).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of("train", 34L, "val", 148L)));
    Map<String, String> split = s.splits("ped", 3);
    assertThat(split.get("kitti-0011@2300000000-4500000000")).isEqualTo(split.get("kitti-0011@5400000000-5400000000"));
    assertThat(v3.lastStep().text()).isEqualTo("train=0.5,val=0.5 seed=7 group-by=log weight=clips");

    DatasetDiff d12 = DatasetDiff.of(s, "ped", 1, 2);
    assertThat(d12.added()).hasSize(4).first().isEqualTo("kitti-0004@19400000000-20300000000");
    assertThat(d12.removed()).isEmpty();
    assertThat(d12.labelChanges()).isEmpty();
    DatasetDiff d23 = DatasetDiff.of(s, "ped", 2, 3);
    assertThat(d23.added()).isEmpty();
    assertThat(d23.splitChanges()).hasSize(6);
    assertThat(DatasetDiff.of(s, "ped", 2, 2).isEmpty()).isTrue();

    DatasetStats st = DatasetStats.of(s, "ped", 3);
    assertThat(st.parts().keySet()).containsExactly("all", "train", "val");
    DatasetStats.Part all = st.parts().get("all");
    assertThat(all.clips()).isEqualTo(6);
    assertThat(all.frames()).isEqualTo(182);
    assertThat(all.logs()).isEqualTo(5);
    assertThat(all.hours()).isEqualTo((0.2 + 0.2 + 0.9 + 2.2 + 0 + 14.1) / 3600, org.assertj.core.data.Offset.offset(1e-12));
    long boxes = all.categories().values().stream().mapToLong(c -> c[0]).sum();
    assertThat(boxes).isEqualTo(1160);
    assertThat(all.categories().get("pedestrian")[1]).isEqualTo((Long) TestLakes.scalar(fm.lake(),
        "SELECT count(DISTINCT log_id || track_id) FROM objects WHERE source = 'gt' AND category = 'pedestrian' AND ("
            + "log_id = 'kitti-0000' AND ts_ns <= 200000000 OR log_id = 'kitti-0003' AND ts_ns BETWEEN 1000000000 AND 1200000000"
            + " OR log_id = 'kitti-0004' AND ts_ns BETWEEN 19400000000 AND 20300000000"
            + " OR log_id = 'kitti-0011' AND (ts_ns BETWEEN 2300000000 AND 4500000000 OR ts_ns = 5400000000)"
            + " OR log_id = 'kitti-0017' AND ts_ns <= 14100000000)"));
    assertThat(st.parts().get("train").clips() + st.parts().get("val").clips()).isEqualTo(6);
  }

  /**
   * The clips of "a car within 8 m" (118 clips, 924 frames in 9 of the 10 KITTI logs) split 80/10/10 by log:
   * by clips test gets 2.2% of the frames; by frames (the default) each split is as near its share as the
   * nine logs allow (the largest, kitti-0007, holds 310 frames: a third).
   */
  @Test
  void frameWeightedSplitOnTheSample() {
    DatasetStore s = new DatasetStore(fm.lake());
    DatasetVersion v1 = s.create("cars", new MemberSource.Query("exists car c where c.distance < 8"), null, 0);
    assertThat(v1.members()).isEqualTo(118);
    assertThat(v1.frames()).isEqualTo(924);
    List<SplitSpec.Fraction> f = SplitSpec.parseFractions("train=0.8,val=0.1,test=0.1");
    DatasetVersion byClips = s.split("cars", 1, new SplitSpec(f, 7, "log", false, SplitSpec.Weight.CLIPS));
    assertThat(byClips.splitMembers()).containsExactlyInAnyOrderEntriesOf(Map.of("train", 89, "val", 18, "test", 11));
    assertThat(byClips.splitFrames()).containsExactlyInAnyOrderEntriesOf(Map.of("train", 723L, "val", 181L, "test", 20L));
    DatasetVersion byFrames = s.split("cars", 1, new SplitSpec(f, 7, "log", false));
    assertThat(byFrames.split().weight()).isEqualTo(SplitSpec.Weight.FRAMES);
    assertThat(byFrames.lastStep().text()).isEqualTo("train=0.8,val=0.1,test=0.1 seed=7 group-by=log weight=frames");
    assertThat(byFrames.splitMembers()).containsExactlyInAnyOrderEntriesOf(Map.of("train", 79, "val", 24, "test", 15));
    assertThat(byFrames.splitFrames()).containsExactlyInAnyOrderEntriesOf(Map.of("train", 721L, "val", 129L, "test", 74L));
    // the manifest keeps them, and the members and splits files agree with it
    assertThat(s.load("cars", byFrames.version())).isEqualTo(byFrames);
    Map<String, String> split = s.splits("cars", byFrames.version());
    Map<String, java.util.Set<String>> logSplits = new java.util.TreeMap<>();
    Map<String, Long> frames = new java.util.TreeMap<>();
    for (Member m : s.members("cars", byFrames.version())) {
      logSplits.computeIfAbsent(m.logId(), k -> new java.util.TreeSet<>()).add(split.get(m.clipId()));
      frames.merge(split.get(m.clipId()), m.frames(), Long::sum);
    }
    assertThat(logSplits).hasSize(9).allSatisfy((log, splits) -> assertThat(splits).hasSize(1));
    assertThat(frames).isEqualTo(byFrames.splitFrames());
    // two splits: 743 / 181 frames against targets 739.2 / 184.8
    DatasetVersion two = s.split("cars", 1, new SplitSpec(SplitSpec.parseFractions("train=0.8,val=0.2"), 7, "log", false));
    assertThat(two.splitFrames()).containsExactlyInAnyOrderEntriesOf(Map.of("train", 743L, "val", 181L));
    assertThat(two.splitMembers()).containsExactlyInAnyOrderEntriesOf(Map.of("train", 80, "val", 38));
  }

  /**
   * Two queries whose clips overlap on the KITTI sample: the KITTI export writes each (frame, track) once and
   * says so; OpenLABEL and Parquet write every member's boxes; written + left out = the members' label rows.
   */
  @Test
  void exportsCountWhatTheyLeaveOut() {
    DatasetStore s = new DatasetStore(fm.lake());
    s.create("mix", new MemberSource.Query(CROWDED), null, 0);
    DatasetVersion v = s.add("mix", new MemberSource.Query("exists car c where c.distance < 8"), null, 0);
    assertThat(v.members()).isEqualTo(122);
    assertThat(v.labelRows()).isEqualTo(8904);
    ExportManifest kitti = DatasetExport.export(s, "mix", null, new DatasetExport.Options(ExportFormat.KITTI, dir.resolve("mix-kitti"),
        DatasetExport.DEFAULT_SHARD_ROWS, null));
    assertThat(kitti.counts()).containsEntry("label_rows", 8904L).containsEntry("boxes", 8782L).containsEntry("image_boxes", 0L);
    assertThat(kitti.leftOut()).containsExactly(Map.entry("overlapping_member", 122L));
    // the lines written are the distinct boxes of the version, counted independently of the writer
    assertThat(kitti.counts().get("boxes")).isEqualTo(TestLakes.query(fm.lake(), "SELECT count(*) FROM (SELECT DISTINCT log_id,"
        + " ts_ns, track_id, category, x FROM read_parquet('" + s.dir("mix", 2).resolve("labels.parquet") + "'))").get(0).get(0));
    for (ExportFormat f : List.of(ExportFormat.OPENLABEL, ExportFormat.PARQUET)) {
      ExportManifest m = DatasetExport.export(s, "mix", null, new DatasetExport.Options(f, dir.resolve("mix-" + f.id()),
          DatasetExport.DEFAULT_SHARD_ROWS, null));
      assertThat(m.counts()).as(f.id()).containsEntry("boxes", 8904L).containsEntry("label_rows", 8904L);
      assertThat(m.leftOut()).as(f.id()).isEmpty();
    }
  }

  @Test
  void tagAndSelectionSources() {
    DatasetStore s = new DatasetStore(fm.lake());
    DatasetVersion v = s.create("cyc", new MemberSource.Tag("close_cyclist"), null, 0);
    long tagged = (Long) TestLakes.scalar(fm.lake(), "SELECT count(*) FROM tags WHERE scenario = 'close_cyclist'");
    assertThat(v.members()).isEqualTo((int) tagged).isPositive();
    assertThat(s.members("cyc", 1)).allSatisfy(m -> assertThat(m.tags()).contains("close_cyclist"));
    new SelectionStore(fm.lake()).save(new Selection("sel1", "random", Map.of("seed", "1"), 2, 0,
        List.of(new Selection.Item(ClipRef.parse("kitti-0020@0-900000000"), 1, Map.of()))));
    DatasetVersion v2 = s.add("cyc", new MemberSource.Selection("sel1"), null, 0);
    assertThat(v2.members()).isEqualTo(v.members() + 1);
    assertThat(v2.lastStep().kind()).isEqualTo("selection");
    assertThat(v2.lastStep().text()).isEqualTo("sel1");
    assertThatThrownBy(() -> s.create("cyc2", new MemberSource.Tag("nope"), null, 0))
        .hasMessageContaining("tag 'nope' has no clips in the tags view; tags there: [close_cyclist]");
  }

  @Test
  void batchLabelsArePinnedAndRepinned() throws Exception {
    DatasetStore s = new DatasetStore(fm.lake());
    CurationStore cs = CurationStore.of(fm.lake());
    Path batch = cs.path("batches", "b1");
    String clip = "kitti-0002@0-100000000";
    cs.writeJsonOnce(batch.resolve("batch.json"), Map.of("clips", List.of(clip), "created_at", 0));
    // v1: the ground truth as the annotator saw it; v2: one box moved, one removed
    labelVersion(cs, batch, 1, "x");
    labelVersion(cs, batch, 2, "CASE WHEN track_id = '0' THEN x + 1 ELSE x END");
    DatasetVersion v1 = s.create("lab", new MemberSource.Batch("b1"), LabelPin.parse("b1@v1"), 0);
    assertThat(v1.labelPins()).containsExactlyEntriesOf(Map.of("b1@v1", 1));
    long boxes = gtBoxes("log_id = 'kitti-0002' AND ts_ns <= 100000000");
    assertThat(v1.labelRows()).isEqualTo(boxes);
    DatasetVersion v2 = s.add("lab", new MemberSource.Batch("b1"), LabelPin.parse("b1@latest"), 0);
    assertThat(v2.lastStep().labels()).isEqualTo("b1@v2");
    assertThat(v2.lastStep().repinned()).isEqualTo(1);
    assertThat(v2.labelRows()).isEqualTo(boxes - 1);
    DatasetDiff d = DatasetDiff.of(s, "lab", 1, 2);
    long track0 = gtBoxes("log_id = 'kitti-0002' AND ts_ns <= 100000000 AND track_id = '0'");
    assertThat(d.labelChanges()).containsExactly(Map.entry(clip, new DatasetDiff.LabelChange("b1@v1", "b1@v2", 0, 1,
        (int) track0 - (track0 > 0 && lastIsTrack0() ? 1 : 0))));
    assertThatThrownBy(() -> s.add("lab", MemberSource.Clips.parse("kitti-0000@0-100000000"), LabelPin.parse("b1@v2"), 0))
        .hasMessageContaining("clip kitti-0000@0-100000000 (from clips kitti-0000@0-100000000) is not a clip of batch 'b1'");
    assertThatThrownBy(() -> s.add("lab", new MemberSource.Batch("b1"), LabelPin.parse("b1@v9"), 0))
        .hasMessageContaining("batch 'b1' has no label version v9").hasMessageContaining("it has v1..v2");
  }

  /** The box version 2 removes (the last of the clip's boxes) belongs to track 0. */
  private static boolean lastIsTrack0() {
    return "0".equals(TestLakes.scalar(fm.lake(), "SELECT track_id FROM objects WHERE source = 'gt' AND log_id = 'kitti-0002'"
        + " AND ts_ns <= 100000000 ORDER BY ts_ns DESC, track_id DESC LIMIT 1"));
  }

  /** Writes labels/v{n}/cuboids.parquet of a batch from the lake's boxes (v2 drops the last box). */
  private static void labelVersion(CurationStore cs, Path batch, int n, String x) throws Exception {
    Path objects = Path.of(fm.lake().root().toString(), fm.lake().current().log("kitti-0002").orElseThrow().file(dev.fleetmine.lake.Table.OBJECTS));
    cs.writeDirOnce(batch.resolve("labels").resolve("v" + n), d -> {
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
        st.execute("COPY (SELECT log_id, ts_ns, track_id, category, raw_label, " + x + " AS x, y, z, length, width, height, yaw,"
            + " 'alice' AS annotator, '{}' AS attributes FROM read_parquet('" + objects + "') WHERE source = 'gt'"
            + " AND ts_ns <= 100000000 ORDER BY ts_ns DESC, track_id DESC OFFSET " + (n == 2 ? 1 : 0) + ") TO '"
            + d.resolve("cuboids.parquet") + "' (FORMAT parquet)");
      } catch (java.sql.SQLException e) {
        throw new java.io.IOException(e);
      }
    });
  }

  @Test
  void errorsNameWhatExistsAndWriteNothing() throws Exception {
    DatasetStore s = new DatasetStore(fm.lake());
    s.create("err", MemberSource.Clips.parse("kitti-0005@0-100000000"), null, 0);
    var before = TestLakes.listing(fm.lake().root());
    assertThatThrownBy(() -> s.load("nope", 1)).hasMessageContaining("no dataset 'nope'").hasMessageContaining("err");
    assertThatThrownBy(() -> s.load("err", 4)).hasMessageContaining("dataset 'err' has no version v4; it has [v1]");
    assertThatThrownBy(() -> s.create("err", MemberSource.Clips.parse("kitti-0005@0-100000000"), null, 0))
        .hasMessageContaining("dataset 'err' already exists (versions [v1]); use `dataset add`");
    assertThatThrownBy(() -> s.add("err", MemberSource.Clips.parse("kitti-9999@0-1"), null, 0))
        .hasMessageContaining("the lake has no log 'kitti-9999'");
    assertThatThrownBy(() -> s.add("err", MemberSource.Clips.parse("kitti-0005@900000000000-900000000001"), null, 0))
        .hasMessageContaining("lies outside its log, which spans 0-29600000000");
    assertThatThrownBy(() -> s.add("err", new MemberSource.Batch("nob"), null, 0)).hasMessageContaining("no labeling batch 'nob'");
    assertThatThrownBy(() -> s.add("err", new MemberSource.Selection("nosel"), null, 0)).hasMessageContaining("no selection 'nosel'");
    assertThatThrownBy(() -> s.split("err", 1, new SplitSpec(SplitSpec.parseFractions("train=0.8,val=0.3"), 1, "log", false)))
        .hasMessageContaining("they sum to 1.100000, expected 1");
    assertThatThrownBy(() -> new SplitSpec(SplitSpec.parseFractions("train=1"), 1, "time:xh", false))
        .hasMessageContaining("group-by 'time:xh': expected log, location or time:<HOURS>h");
    assertThat(TestLakes.listing(fm.lake().root())).isEqualTo(before);
    assertThat(s.names()).contains("err");
  }

  @Test
  void versionsSurviveTheirLogsBeingReplaced() throws Exception {
    Path lake2 = dir.resolve("lake2");
    Fleetmine f2 = Fleetmine.open(lake2);
    Path seq = TestLakes.sharedData().resolve("kitti-tracking/label_02/0017.txt");
    f2.ingest("kitti", List.of(seq), Progress.NONE);
    DatasetStore s = new DatasetStore(f2.lake());
    DatasetVersion v = s.create("keep", MemberSource.Clips.parse("kitti-0017@0-500000000"), null, 0);
    DatasetStats before = DatasetStats.of(s, "keep", 1);
    f2.ingest("kitti", List.of(seq), Progress.NONE);
    f2.vacuum();
    assertThat(Files.isRegularFile(s.dir("keep", 1).resolve("labels.parquet"))).isTrue();
    DatasetStats after = DatasetStats.of(s, "keep", 1);
    assertThat(after.parts().get("all").clips()).isEqualTo(before.parts().get("all").clips());
    assertThat(after.parts().get("all").categories().keySet()).isEqualTo(before.parts().get("all").categories().keySet());
    assertThat(v.labelRows()).isPositive();
  }
}
