package dev.fleetmine.cli;

import static dev.fleetmine.cli.LabelCommandTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop on the real KITTI sample in one go, as a user types it: ingest the labels and PointRCNN's
 * detections, eval (failure clips as tags), select the model's most uncertain misses, make a labeling batch
 * of the selection, export it, import it back with one box deleted by the "annotator", make a dataset of the
 * batch's labels, split it and export it. Every step exits 0 and the counts carry through.
 */
class LoopCommandTest {
  static final Pattern PICK = Pattern.compile("^\\d+ +(\\S+@\\d+-\\d+) ", Pattern.MULTILINE);

  @TempDir
  Path dir;

  @Test
  void evalSelectLabelImportDatasetSplitExport() throws Exception {
    String lake = dir.resolve("lake").toString();
    Path kitti = QuickstartTest.sharedData().resolve("kitti-tracking");
    ok(CliRun.run("ingest", "kitti", kitti.toString(), "--lake", lake));

    CliRun eval = ok(CliRun.run("eval", "--lake", lake, "--model", "pointrcnn"));
    assertThat(eval.out()).contains("failure clips stored as tags fn:pointrcnn (251 clips) and fp:pointrcnn (102 clips)")
        .contains("report: " + Path.of(lake, "reports", "eval-pointrcnn", "report.html").toAbsolutePath());
    // the failure clips of a log never overlap, so any selection of them can be labeled
    assertThat(sql(lake, "SELECT count(*) FROM tags a JOIN tags b ON a.scenario = b.scenario AND a.log_id = b.log_id"
        + " AND a.start_ns < b.start_ns AND b.start_ns <= a.end_ns WHERE a.scenario = 'fn:pointrcnn'")).isEqualTo("0");

    CliRun select = ok(CliRun.run("select", "--lake", lake, "--id", "fn-10", "--from-tag", "fn:pointrcnn",
        "--strategy", "uncertainty:entropy", "--model", "pointrcnn", "--budget", "10"));
    assertThat(select.out()).contains("saved selection fn-10: 10 clip(s) of 251 candidates");
    List<String> picks = PICK.matcher(select.out()).results().map(m -> m.group(1)).toList();
    assertThat(picks).hasSize(10).startsWith("kitti-0009@38050000000-38150000000", "kitti-0009@31850000000-31950000000")
        .contains("kitti-0009@71150000000-76750000000");

    // the batch's frames are the ego timestamps inside the picks; its boxes the ground truth there
    String inPicks = String.join(" OR ", picks.stream().map(LoopCommandTest::inClip).toList());
    assertThat(sql(lake, "SELECT count(*) FROM ego WHERE " + inPicks)).isEqualTo("82");
    assertThat(sql(lake, "SELECT count(*) FROM objects WHERE source = 'gt' AND (" + inPicks + ")")).isEqualTo("156");
    assertThat(ok(CliRun.run("label", "create", "--lake", lake, "--batch", "loop", "--selection", "fn-10")).out())
        .isEqualTo("created batch loop: 10 clip(s), 82 frame(s), from selection fn-10\n");

    Path exported = dir.resolve("to-annotators");
    assertThat(ok(CliRun.run("label", "export", "--lake", lake, "--batch", "loop", "--format", "openlabel",
        "--out", exported.toString())).out()).isEqualTo("exported batch loop as openlabel to " + exported
        + ": 10 file(s), 82 frame(s), 156 pre-annotated box(es) (gt), 0 clip tag(s)\n");
    Path annotated = dir.resolve("from-annotators");
    Files.createDirectories(annotated);
    try (var files = Files.list(exported)) {
      for (Path f : files.toList()) {
        Files.copy(f, annotated.resolve(f.getFileName()));
      }
    }
    // the annotator deletes one box (a truck) of the top clip and leaves the other 155 as pre-annotated
    deleteFirstObject(annotated.resolve("kitti-0009_38050000000_38150000000.json"));
    assertThat(ok(CliRun.run("label", "import", "--lake", lake, "--batch", "loop", "--format", "openlabel",
        "--annotator", "alice", annotated.toString())).out()).isEqualTo("imported batch loop v1 (alice, openlabel): 155 box(es),"
        + " 0 clip tag(s), 82 frame(s) with boxes, 0 unannotated; car 95, pedestrian 1, truck 59\n");

    assertThat(ok(CliRun.run("dataset", "create", "fn-loop", "--lake", lake, "--from-batch", "loop")).out())
        .isEqualTo("dataset fn-loop v1: 10 member(s) (10 added, 0 re-pinned, 0 duplicate(s), 0 near-duplicate(s) dropped),"
            + " 82 frames, 155 boxes, labels loop@v1, snapshot 2\n");
    assertThat(ok(CliRun.run("dataset", "split", "fn-loop", "--lake", lake, "--fractions", "train=0.5,val=0.5", "--seed", "7"))
        .out()).isEqualTo("""
            dataset fn-loop v2: v1 split train=0.5,val=0.5 seed=7 group-by=log weight=frames
            split  clips  frames  clip_share  frame_share  target
            train  5      61      0.500       0.744        0.500
            val    5      21      0.500       0.256        0.500
            """);
    Path out = dir.resolve("dataset");
    assertThat(ok(CliRun.run("dataset", "export", "fn-loop", "--lake", lake, "--format", "openlabel", "--out", out.toString()))
        .out()).isEqualTo("exported dataset fn-loop v2 as openlabel: 10 file(s), {boxes=155, image_boxes=0, label_rows=155,"
        + " members=10, members:train=5, members:val=5} -> " + out.resolve("manifest.json") + "\nleft out: nothing\n");
  }

  /** A SQL condition: the row's log and timestamp lie in clip {@code LOG@START-END}. */
  static String inClip(String id) {
    Matcher m = Pattern.compile("(.+)@(\\d+)-(\\d+)").matcher(id);
    assertThat(m.matches()).isTrue();
    return "(log_id = '" + m.group(1) + "' AND ts_ns BETWEEN " + m.group(2) + " AND " + m.group(3) + ")";
  }

  /** The one value a query returns, as `fleetmine sql` prints it. */
  static String sql(String lake, String query) {
    CliRun r = ok(CliRun.run("sql", "--lake", lake, query));
    List<String> lines = r.out().lines().toList();
    assertThat(lines).as(r.out()).hasSize(2);
    return lines.get(1).trim();
  }

  /** What an annotator does to a false box: deletes the file's first object from the objects and every frame. */
  static void deleteFirstObject(Path file) throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = (ObjectNode) json.readTree(file.toFile());
    ObjectNode ol = (ObjectNode) root.get("openlabel");
    String first = ol.get("objects").fieldNames().next();
    ((ObjectNode) ol.get("objects")).remove(first);
    ol.get("frames").forEach(f -> ((ObjectNode) f.get("objects")).remove(first));
    json.writeValue(file.toFile(), root);
  }
}
