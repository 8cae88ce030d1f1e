package dev.fleetmine.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetmine.Fleetmine;
import dev.fleetmine.TestLakes;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.lake.CurationStore;
import dev.fleetmine.query.ClipRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed or mismatched annotation files are rejected with problems naming the file, the JSON path or XML
 * element and line, and what was expected; the lake is unchanged (every file under it, compared before and after).
 */
class LabelImportErrorsTest {
  @TempDir
  static Path dir;
  static LabelStore store;
  static Path openLabel;
  static Path cvat;
  static Path labelStudio;
  static final String OL_FILE = "kitti-0000_0_200000000.json";

  @BeforeAll
  static void exports() throws Exception {
    Fleetmine fm = Fleetmine.open(dir.resolve("lake"));
    fm.ingest("kitti", List.of(TestLakes.sharedData().resolve("kitti-tracking/label_02/0000.txt")), Progress.NONE);
    store = new LabelStore(fm.lake());
    store.create("b", null, List.of(ClipRef.parse("kitti-0000@0-200000000")), 2);
    openLabel = BatchExport.export(store, "b", LabelFormat.OPENLABEL, dir.resolve("ol"), null).dir().resolve(OL_FILE);
    cvat = BatchExport.export(store, "b", LabelFormat.CVAT, dir.resolve("cvat"), null).dir().resolve("annotations.xml");
    labelStudio = BatchExport.export(store, "b", LabelFormat.LABELSTUDIO, dir.resolve("ls"), null).dir().resolve("tasks.json");
    LabelRoundTripTest.acceptPredictions(labelStudio, false);
  }

  /** Imports a changed copy of {@code source}; asserts rejection, nothing written, and returns the problems. */
  static List<String> rejected(LabelFormat format, Path source, String name, byte[] content) throws Exception {
    Path f = Files.createDirectories(dir.resolve("bad").resolve(Long.toString(System.nanoTime()))).resolve(name);
    Files.write(f, content);
    TreeMap<String, Long> before = TestLakes.listing(dir.resolve("lake"));
    int events = store.events("b").size();
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> AnnotationImport.run(store, "b", format, "x", List.of(f)));
    assertThat(t).isInstanceOf(LabelImportException.class).hasMessageContaining("nothing was imported");
    assertThat(TestLakes.listing(dir.resolve("lake"))).isEqualTo(before);
    assertThat(store.versions("b")).isEmpty();
    assertThat(store.events("b")).hasSize(events);
    return ((LabelImportException) t).problems();
  }

  static List<String> openLabel(Consumer<ObjectNode> change) throws Exception {
    ObjectNode doc = (ObjectNode) CurationStore.json().readTree(openLabel.toFile());
    change.accept((ObjectNode) doc.get("openlabel"));
    return rejected(LabelFormat.OPENLABEL, openLabel, OL_FILE, CurationStore.json().writeValueAsBytes(doc));
  }

  static ArrayNode val(ObjectNode ol, int frame, int object) {
    return (ArrayNode) ol.path("frames").path(Integer.toString(frame)).path("objects").path(Integer.toString(object))
        .path("object_data").path("cuboid").path(0).path("val");
  }

  static final String BOX0 = OL_FILE + ": openlabel.frames.0.objects.0.object_data.cuboid[0]";

  @Test
  void openLabelNegativeSizeNamesTheCuboid() throws Exception {
    assertThat(openLabel(ol -> val(ol, 0, 0).set(6, -4.4)))
        .containsExactly(BOX0 + ": length = -4.4: expected a finite size > 0 (metres)");
  }

  @Test
  void openLabelUnknownCategoryListsTheTaxonomy() throws Exception {
    assertThat(openLabel(ol -> ((ObjectNode) ol.path("objects").path("0")).put("type", "spaceship"))).containsExactly(
        BOX0 + ": unknown category 'spaceship'; expected one of car, truck, bus, motorcycle, other_vehicle, pedestrian,"
            + " cyclist, motorcyclist, bicycle, animal, static_object, unknown",
        OL_FILE + ": openlabel.frames.1.objects.0.object_data.cuboid[0]: unknown category 'spaceship'; expected one of car,"
            + " truck, bus, motorcycle, other_vehicle, pedestrian, cyclist, motorcyclist, bicycle, animal, static_object, unknown");
  }

  @Test
  void openLabelFrameOutsideTheBatch() throws Exception {
    assertThat(openLabel(ol -> ((ObjectNode) ol.path("frames").path("1").path("frame_properties")).put("ts_ns", 100000000L)))
        .containsExactly(OL_FILE + ": openlabel.frames.1.frame_properties.ts_ns: 100000000 is not a frame of clip"
            + " kitti-0000@0-200000000 in batch 'b' (its frames: [0, 200000000])");
  }

  @Test
  void openLabelWrongTypesMissingFieldsAndUnknownObjects() throws Exception {
    List<String> problems = openLabel(ol -> {
      val(ol, 0, 0).set(0, "13.7");
      ((ObjectNode) ol.path("frames").path("1").path("frame_properties")).remove("ts_ns");
      ((ObjectNode) ol.path("frames").path("0").path("objects")).putObject("99").putObject("object_data");
      val(ol, 0, 1).add(1.0);
    });
    assertThat(problems).containsExactly(
        BOX0 + ".val[0]: wrong type: expected a number, got a string ('13.7')",
        OL_FILE + ": openlabel.frames.0.objects.1.object_data.cuboid[0].val: 10 values (the quaternion form"
            + " [x, y, z, qx, qy, qz, qw, sx, sy, sz]) are not read; expected the 9-value Euler form [x, y, z, rx, ry, rz, sx, sy, sz]",
        OL_FILE + ": openlabel.frames.0.objects.99: unknown object 99: not declared in openlabel.objects",
        OL_FILE + ": openlabel.frames.1.frame_properties.ts_ns: missing; expected an integer");
    assertThat(new LabelImportException(problems).getMessage()).startsWith("4 problems in the annotations; nothing was imported:\n  "
        + BOX0 + ".val[0]");
  }

  @Test
  void openLabelOfAnotherClipOrBatch() throws Exception {
    assertThat(openLabel(ol -> ((ObjectNode) ol.path("metadata")).put("name", "kitti-0000@0-900000000"))).containsExactly(
        OL_FILE + ": openlabel.metadata.name: 'kitti-0000@0-900000000' is not a clip of batch 'b'; its clips: [kitti-0000@0-200000000]");
    assertThat(openLabel(ol -> ((ObjectNode) ol.path("metadata")).put("batch", "other"))).containsExactly(
        OL_FILE + ": openlabel.metadata.batch: the file was exported from batch 'other', not 'b'");
  }

  @Test
  void openLabelSyntaxErrorNamesLineAndColumn() throws Exception {
    String cut = Files.readString(openLabel).substring(0, 200); // ends inside a string on the comment's line
    List<String> problems = rejected(LabelFormat.OPENLABEL, openLabel, OL_FILE, cut.getBytes());
    int line = (int) cut.chars().filter(c -> c == '\n').count() + 1;
    int column = cut.length() - cut.lastIndexOf('\n');
    assertThat(List.of(line, column)).containsExactly(7, 61);
    assertThat(problems).containsExactly(OL_FILE + ": line 7 column 61: not valid JSON: Unexpected end-of-input in VALUE_STRING");
  }

  static int lineOf(String text, String needle) {
    String before = text.substring(0, text.indexOf(needle));
    return (int) before.chars().filter(c -> c == '\n').count() + 1;
  }

  @Test
  void cvatProblemsNameElementAndLine() throws Exception {
    String xml = Files.readString(cvat);
    int line = lineOf(xml, "<cuboid_3d label=\"car\"");
    String bad = xml.replaceFirst(" position_x=\"[^\"]*\"", "")
        .replaceFirst("scale_y=\"0.824591\"", "scale_y=\"NaN\"")
        .replace("<image id=\"1\" name=\"kitti-0000/200000000\">",
            "<image id=\"1\" name=\"kitti-0000/200000000\">\n    <box label=\"car\" xtl=\"1\" ytl=\"1\" xbr=\"2\" ybr=\"2\" />")
        .replace("name=\"kitti-0000/0\"", "name=\"kitti-0000/100000000\"");
    List<String> problems = rejected(LabelFormat.CVAT, cvat, "annotations.xml", bad.getBytes());
    int boxLine = lineOf(bad, "<box label");
    assertThat(problems).containsExactly(
        "annotations.xml: line " + lineOf(bad, "<image id=\"0\"") + " <image>: name 'kitti-0000/100000000': kitti-0000 at 100000000"
            + " is not a frame of batch 'b'",
        "annotations.xml: line " + boxLine + " <box>: a 2D shape is not a 3D box; expected <cuboid_3d>");
    assertThat(line).isPositive();
    // the first frame fixed: now its missing position and NaN size are found
    String bad2 = xml.replaceFirst(" position_x=\"[^\"]*\"", "").replaceFirst("scale_y=\"0.824591\"", "scale_y=\"NaN\"");
    assertThat(rejected(LabelFormat.CVAT, cvat, "annotations.xml", bad2.getBytes())).containsExactly(
        "annotations.xml: line " + line + " <cuboid_3d>: missing attribute 'position_x'; expected a number",
        "annotations.xml: line " + lineOf(bad2, "scale_y=\"NaN\"") + " <cuboid_3d>: width = NaN: expected a finite size > 0 (metres)");
  }

  @Test
  void cvatMalformedXml() throws Exception {
    String xml = Files.readString(cvat);
    String bad = xml.replaceFirst("</image>", "");
    List<String> problems = rejected(LabelFormat.CVAT, cvat, "annotations.xml", bad.getBytes());
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).startsWith("annotations.xml: line ").contains("not well-formed XML");
  }

  static List<String> labelStudio(Consumer<ArrayNode> change) throws Exception {
    ArrayNode tasks = (ArrayNode) CurationStore.json().readTree(labelStudio.toFile());
    change.accept(tasks);
    return rejected(LabelFormat.LABELSTUDIO, labelStudio, "tasks.json", CurationStore.json().writeValueAsBytes(tasks));
  }

  @Test
  void labelStudioMissingPerRegionNumberAndSecondAnnotation() throws Exception {
    List<String> problems = labelStudio(tasks -> {
      ArrayNode result = (ArrayNode) tasks.path(0).path("annotations").path(0).path("result");
      for (int i = 0; i < result.size(); i++) {
        if (result.get(i).path("from_name").asText().equals("z") && result.get(i).path("id").asText().equals("r0")) {
          result.remove(i);
          break;
        }
      }
      ArrayNode anns = (ArrayNode) tasks.path(1).path("annotations");
      ObjectNode second = anns.get(0).deepCopy();
      second.putObject("completed_by").put("id", 2).put("email", "other@example.com");
      anns.add(second);
      ((ObjectNode) tasks.path(1).path("data")).put("ts_ns", 200000000L);
    });
    assertThat(problems).containsExactly(
        "tasks.json: [0].annotations[0].result (region 'r0'): no number result 'z'; expected per-region numbers z and height (metres)",
        "tasks.json: [1].annotations: 2 completed annotations (by ann@example.com, other@example.com): expected one;"
            + " import each annotator's annotations as their own label version");
  }

  @Test
  void labelStudioFrameOutsideTheBatchAndNotAnExport() throws Exception {
    assertThat(labelStudio(tasks -> ((ObjectNode) tasks.path(1).path("data")).put("ts_ns", 300000000L)))
        .containsExactly("tasks.json: [1].data: kitti-0000 at 300000000 is not a frame of batch 'b'");
    assertThat(rejected(LabelFormat.LABELSTUDIO, labelStudio, "tasks.json", "{\"tasks\": []}".getBytes()))
        .containsExactly("tasks.json: $: wrong type: expected the array of tasks of a Label Studio JSON export, got an object");
  }

  @Test
  void unknownBatchOrMissingFile() {
    assertThatThrownBy(() -> AnnotationImport.run(store, "nope", LabelFormat.CVAT, "x", List.of(cvat)))
        .hasMessageContaining("no labeling batch 'nope'").hasMessageContaining("there are: [b]");
    assertThatThrownBy(() -> AnnotationImport.run(store, "b", LabelFormat.CVAT, "x", List.of(dir.resolve("missing.xml"))))
        .hasMessageEndingWith("missing.xml: no such file");
    assertThatThrownBy(() -> AnnotationImport.run(store, "b", LabelFormat.CVAT, " ", List.of(cvat)))
        .hasMessage("--annotator ' ': expected a name of 1-128 printable characters");
  }
}
