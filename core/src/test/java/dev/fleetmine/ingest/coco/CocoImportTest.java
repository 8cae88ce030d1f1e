package dev.fleetmine.ingest.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleetmine.TestLakes;
import dev.fleetmine.eval.coco.CocoFormatException;
import dev.fleetmine.ingest.IngestException;
import dev.fleetmine.lake.Lake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** COCO JSON into the boxes2d table: rows and marker rows, replacement, and bad input leaving no trace. */
class CocoImportTest {
  private static final String GT = """
      { "info": {"year": 2014},
        "images": [ {"id": 1, "file_name": "a.jpg", "width": 640, "height": 480},
                    {"id": 2, "file_name": "b.jpg", "width": 320, "height": 240}, {"id": 3} ],
        "categories": [ {"id": 1, "name": "person"}, {"id": 2, "name": "car"}, {"id": 5, "name": "dog"} ],
        "annotations": [
          {"id": 10, "image_id": 2, "category_id": 2, "bbox": [1, 2, 3, 4], "area": 12, "iscrowd": 0},
          {"id": 11, "image_id": 1, "category_id": 1, "bbox": [5, 6, 7, 8], "area": 50.5, "iscrowd": 1,
           "segmentation": [[5, 6, 12, 6, 12, 14]]} ] }""";
  private static final String RESULTS = """
      [ {"image_id": 3, "category_id": 2, "bbox": [0, 0, 1, 1], "score": 0.9},
        {"image_id": 2, "category_id": 7, "bbox": [1, 2, 3, 4.5], "score": 0.5} ]""";
  private static final String ALL = "SELECT ordinal, image_id, file_name, width, height, annotation_id, category_id,"
      + " category, x, y, w, h, area, iscrowd, score FROM boxes2d";

  @TempDir
  Path dir;

  @Test
  void groundTruthRowsKeepImagesAndCategoriesWithoutAnnotationsAsMarkers() throws Exception {
    Lake lake = Lake.open(dir.resolve("lake"));
    CocoImport.Imported gt = CocoImport.importGroundTruth(lake, "tiny", write("instances.json", GT));
    assertThat(gt.key()).isEqualTo("tiny/gt");
    assertThat(List.of(gt.images(), gt.boxes(), gt.rows(), gt.snapshotVersion())).containsExactly(3L, 2L, 4L, 1L);
    assertThat(lake.current().boxes2d()).containsOnlyKeys("tiny/gt");
    assertThat(TestLakes.query(lake, ALL + " WHERE source = 'gt' ORDER BY image_id, ordinal NULLS LAST"))
        .containsExactly(
            row(1L, 1L, "a.jpg", 640, 480, 11L, 1L, "person", 5.0, 6.0, 7.0, 8.0, 50.5, true, null),
            // category 5 has no annotation: its marker sits on the smallest image id
            row(null, 1L, "a.jpg", 640, 480, null, 5L, "dog", null, null, null, null, null, null, null),
            row(0L, 2L, "b.jpg", 320, 240, 10L, 2L, "car", 1.0, 2.0, 3.0, 4.0, 12.0, false, null),
            // image 3 has no annotation (nor file name or size)
            row(null, 3L, null, null, null, null, null, null, null, null, null, null, null, null, null));
  }

  @Test
  void resultsRowsTakeImageFieldsAndCategoryNamesFromTheGroundTruth() throws Exception {
    Lake lake = Lake.open(dir.resolve("lake"));
    CocoImport.importGroundTruth(lake, "tiny", write("instances.json", GT));
    CocoImport.Imported r = CocoImport.importResults(lake, "tiny", "yolo@v8", write("results.json", RESULTS));
    assertThat(r.key()).isEqualTo("tiny/yolo@v8");
    assertThat(List.of(r.images(), r.boxes(), r.rows(), r.snapshotVersion())).containsExactly(2L, 2L, 2L, 2L);
    assertThat(lake.relativize(lake.resolve(lake.current().boxes2d().get("tiny/yolo@v8"))))
        .startsWith("boxes2d/tiny/yolo_v8/");
    assertThat(TestLakes.query(lake, ALL + " WHERE source = 'yolo@v8' ORDER BY ordinal")).containsExactly(
        row(0L, 3L, null, null, null, null, 2L, "car", 0.0, 0.0, 1.0, 1.0, null, null, 0.9),
        // category 7 is not listed by the ground truth: kept, never evaluated
        row(1L, 2L, "b.jpg", 320, 240, null, 7L, null, 1.0, 2.0, 3.0, 4.5, null, null, 0.5));
  }

  @Test
  void importingAgainReplacesTheKeysFile() throws Exception {
    Lake lake = Lake.open(dir.resolve("lake"));
    CocoImport.importGroundTruth(lake, "tiny", write("instances.json", GT));
    String first = lake.current().boxes2d().get("tiny/gt");
    CocoImport.importResults(lake, "tiny", "m", write("results.json", RESULTS));
    CocoImport.importResults(lake, "tiny", "m", write("results2.json",
        "[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [5, 6, 7, 8], \"score\": 1}]"));
    CocoImport.importGroundTruth(lake, "tiny", write("instances2.json", GT.replace(", {\"id\": 3}", "")));
    assertThat(lake.current().version()).isEqualTo(4);
    assertThat(lake.current().boxes2d()).containsOnlyKeys("tiny/gt", "tiny/m");
    assertThat(lake.resolve(first)).doesNotExist();
    assertThat(TestLakes.query(lake, "SELECT source, count(*), count(DISTINCT image_id) FROM boxes2d"
        + " GROUP BY source ORDER BY source")).containsExactly(List.of("gt", 3L, 2L), List.of("m", 1L, 1L));
    assertThat(Files.list(lake.root().resolve("boxes2d").resolve("tiny").resolve("m")).count()).isEqualTo(1);
  }

  @Test
  void resultsOfAnImageTheGroundTruthLacksLeaveNoTrace() throws Exception {
    Lake lake = Lake.open(dir.resolve("lake"));
    CocoImport.importGroundTruth(lake, "tiny", write("instances.json", GT));
    TreeMap<String, Long> before = TestLakes.listing(lake.root());
    Path bad = write("bad_results.json", RESULTS.replace("\"image_id\": 2", "\"image_id\": 4"));
    assertThatThrownBy(() -> CocoImport.importResults(lake, "tiny", "m", bad))
        .isInstanceOf(CocoFormatException.class)
        .hasMessage("bad_results.json: [1].image_id: image 4 is not among the images of dataset tiny's ground truth"
            + " in the lake");
    assertThat(TestLakes.listing(lake.root())).isEqualTo(before);
  }

  @Test
  void malformedFilesLeaveNoTrace() throws Exception {
    Lake lake = Lake.open(dir.resolve("lake"));
    TreeMap<String, Long> empty = TestLakes.listing(lake.root());
    assertThatThrownBy(() -> CocoImport.importGroundTruth(lake, "tiny",
        write("nobox.json", GT.replace("\"bbox\": [1, 2, 3, 4], ", ""))))
        .isInstanceOf(CocoFormatException.class)
        .hasMessage("nobox.json: annotations[0].bbox: missing (expected 4 numbers [x, y, width, height])");
    assertThatThrownBy(() -> CocoImport.importGroundTruth(lake, "tiny",
        write("unlisted.json", GT.replace("\"image_id\": 1,", "\"image_id\": 9,"))))
        .isInstanceOf(CocoFormatException.class)
        .hasMessage("unlisted.json: annotations[1].image_id: image 9 is not listed in images");
    assertThatThrownBy(() -> CocoImport.importGroundTruth(lake, "tiny",
        write("nocat.json", GT.replace("\"category_id\": 2,", "\"category_id\": 3,"))))
        .isInstanceOf(CocoFormatException.class)
        .hasMessage("nocat.json: annotations[0].category_id: category 3 is not listed in categories");
    assertThatThrownBy(() -> CocoImport.importResults(lake, "tiny", "m", write("results.json", RESULTS)))
        .isInstanceOf(IngestException.class)
        .hasMessageEndingWith("results.json: dataset tiny has no ground truth in the lake; import its COCO"
            + " instances file first");
    assertThat(TestLakes.listing(lake.root())).isEqualTo(empty);
    CocoImport.importGroundTruth(lake, "tiny", write("instances.json", GT));
    TreeMap<String, Long> before = TestLakes.listing(lake.root());
    assertThatThrownBy(() -> CocoImport.importResults(lake, "tiny", "m", write("cut.json", RESULTS.substring(0, 60))))
        .isInstanceOf(CocoFormatException.class)
        .hasMessageStartingWith("cut.json: [0]: malformed JSON at line 1");
    assertThat(TestLakes.listing(lake.root())).isEqualTo(before);
    assertThat(lake.current().version()).isEqualTo(1);
  }

  @Test
  void namesAreChecked() throws Exception {
    Lake lake = Lake.open(dir.resolve("lake"));
    Path gt = write("instances.json", GT);
    assertThatThrownBy(() -> CocoImport.importGroundTruth(lake, "a/b", gt))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a COCO dataset needs a name without '/', got 'a/b'");
    CocoImport.importGroundTruth(lake, "tiny", gt);
    assertThatThrownBy(() -> CocoImport.importResults(lake, "tiny", "gt", write("results.json", RESULTS)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a detection model needs a name other than 'gt', got 'gt'");
  }

  private Path write(String name, String json) throws Exception {
    return Files.writeString(dir.resolve(name), json);
  }

  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }
}
