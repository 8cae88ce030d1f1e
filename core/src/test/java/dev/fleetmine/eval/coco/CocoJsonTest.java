package dev.fleetmine.eval.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading COCO JSON, and every kind of bad input naming the file, the record and the field. */
class CocoJsonTest {
  private static final String CATS = "\"categories\": [{\"id\": 1, \"name\": \"person\"}]";
  private static final String IMAGES = "\"images\": [{\"id\": 7, \"width\": 640}, {\"id\": 3}]";
  private static final String GOOD_ANN =
      "{\"id\": 5, \"image_id\": 7, \"category_id\": 1, \"bbox\": [1, 2.5, 3, 4], \"area\": 10.5,"
          + " \"iscrowd\": 0, \"segmentation\": [[1, 2, 3, 4, 5, 6]]}";

  private static CocoGroundTruth gt(String json) throws IOException {
    return CocoJson.readGroundTruth(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
        "instances.json");
  }

  private static CocoDetections results(String json) throws IOException {
    return CocoJson.readResults(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "results.json");
  }

  private static String withAnns(String... anns) {
    return "{" + IMAGES + ", " + CATS + ", \"annotations\": [" + String.join(", ", anns) + "], \"info\": {}}";
  }

  @Test
  void readsGroundTruthSkippingUnknownFields() throws IOException {
    CocoGroundTruth g = gt(withAnns(GOOD_ANN));
    assertThat(g.imageIds()).containsExactly(7, 3);
    assertThat(g.categories()).containsExactly(new CocoCategory(1, "person"));
    assertThat(g.get(0)).isEqualTo(new GroundTruthBox(5, 7, 1, 1, 2.5, 3, 4, 10.5, false));
  }

  @Test
  void readsResults() throws IOException {
    CocoDetections d = results("[{\"image_id\": 7, \"category_id\": 1, \"bbox\": [1, 2, 3, 4], \"score\": 0.25,"
        + " \"extra\": [1]}]");
    assertThat(d.size()).isEqualTo(1);
    assertThat(d.get(0)).isEqualTo(new Detection(7, 1, 1, 2, 3, 4, 0.25));
  }

  @Test
  void bboxWithThreeNumbers() {
    String bad = GOOD_ANN.replace("[1, 2.5, 3, 4]", "[1, 2.5, 3]");
    assertThatThrownBy(() -> gt(withAnns(GOOD_ANN, bad))).isInstanceOf(CocoFormatException.class)
        .hasMessage("instances.json: annotations[1].bbox: expected 4 numbers [x, y, width, height], got 3");
  }

  @Test
  void bboxWithAString() {
    String bad = GOOD_ANN.replace("[1, 2.5, 3, 4]", "[1, \"2\", 3, 4]");
    assertThatThrownBy(() -> gt(withAnns(bad)))
        .hasMessage("instances.json: annotations[0].bbox: expected 4 numbers [x, y, width, height], got a string"
            + " at position 1");
  }

  @Test
  void missingArea() {
    String bad = GOOD_ANN.replace("\"area\": 10.5,", "");
    assertThatThrownBy(() -> gt(withAnns(bad)))
        .hasMessage("instances.json: annotations[0].area: missing (expected a number)");
  }

  @Test
  void missingIscrowd() {
    String bad = GOOD_ANN.replace(" \"iscrowd\": 0,", "");
    assertThatThrownBy(() -> gt(withAnns(bad)))
        .hasMessage("instances.json: annotations[0].iscrowd: missing (expected 0 or 1)");
  }

  @Test
  void idThatIsAString() {
    String bad = GOOD_ANN.replace("\"id\": 5", "\"id\": \"5\"");
    assertThatThrownBy(() -> gt(withAnns(bad)))
        .hasMessage("instances.json: annotations[0].id: expected an integer, got a string");
  }

  @Test
  void imageIdThatIsFractional() {
    assertThatThrownBy(() -> gt("{\"images\": [{\"id\": 1}, {\"id\": 2.5}], " + CATS + "}"))
        .hasMessage("instances.json: images[1].id: expected an integer, got a fractional number");
  }

  @Test
  void negativeWidth() {
    String bad = GOOD_ANN.replace("[1, 2.5, 3, 4]", "[1, 2.5, -3, 4]");
    assertThatThrownBy(() -> gt(withAnns(bad))).hasMessage("instances.json: annotations[0].bbox: expected finite"
        + " [x, y, width, height] with width, height >= 0, got [1.0, 2.5, -3.0, 4.0]");
  }

  @Test
  void duplicateAnnotationIds() {
    assertThatThrownBy(() -> gt(withAnns(GOOD_ANN, GOOD_ANN)))
        .hasMessage("instances.json: annotations[1].id: duplicate annotation id 5 (also annotations[0])");
  }

  @Test
  void missingCategories() {
    assertThatThrownBy(() -> gt("{" + IMAGES + ", \"annotations\": []}"))
        .hasMessage("instances.json: categories: missing (expected an array of {\"id\": ..., \"name\": ...})");
  }

  @Test
  void annotationsThatAreNotAnArray() {
    assertThatThrownBy(() -> gt("{" + IMAGES + ", " + CATS + ", \"annotations\": {}}"))
        .hasMessage("instances.json: annotations: expected an array, got an object");
  }

  @Test
  void groundTruthThatIsAnArray() {
    assertThatThrownBy(() -> gt("[]")).hasMessage(
        "instances.json: expected a JSON object with \"images\", \"annotations\" and \"categories\"");
  }

  @Test
  void truncatedJsonNamesTheRecordAndPosition() {
    String json = withAnns(GOOD_ANN, GOOD_ANN.replace("\"id\": 5", "\"id\": 6"));
    String cut = json.substring(0, json.lastIndexOf("\"area\""));
    assertThatThrownBy(() -> gt(cut)).isInstanceOf(CocoFormatException.class)
        .hasMessageStartingWith("instances.json: annotations[1]: malformed JSON at line 1, column ");
  }

  @Test
  void resultsThatAreAnObject() {
    assertThatThrownBy(() -> results("{}")).hasMessage(
        "results.json: expected a JSON array of {\"image_id\", \"category_id\", \"bbox\", \"score\"}");
  }

  @Test
  void resultWithoutScore() {
    assertThatThrownBy(() -> results("[{\"image_id\": 7, \"category_id\": 1, \"bbox\": [1, 2, 3, 4], \"score\": 1},"
        + " {\"image_id\": 7, \"category_id\": 1, \"bbox\": [1, 2, 3, 4]}]"))
        .hasMessage("results.json: [1].score: missing (expected a number)");
  }

  @Test
  void resultWithBboxAsString() {
    assertThatThrownBy(() -> results("[{\"image_id\": 7, \"category_id\": 1, \"bbox\": \"1 2 3 4\", \"score\": 1}]"))
        .hasMessage("results.json: [0].bbox: expected 4 numbers [x, y, width, height], got a string");
  }

  @Test
  void resultOnAnImageTheGroundTruthDoesNotList() throws IOException {
    CocoGroundTruth g = gt(withAnns(GOOD_ANN));
    CocoDetections d = results("[{\"image_id\": 7, \"category_id\": 1, \"bbox\": [1, 2, 3, 4], \"score\": 1},"
        + " {\"image_id\": 99, \"category_id\": 1, \"bbox\": [1, 2, 3, 4], \"score\": 1}]");
    assertThatThrownBy(() -> CocoEvaluator.evaluate(g, d)).isInstanceOf(CocoFormatException.class)
        .hasMessage("results.json: [1].image_id: image 99 is not among the ground truth's images (instances.json)");
  }

  @Test
  void inMemoryDetectionWithNanScore() {
    assertThatThrownBy(() -> CocoDetections.of(List.of(new Detection(1, 1, 0, 0, 1, 1, 0.5),
        new Detection(1, 1, 0, 0, 1, 1, Double.NaN))))
        .hasMessage("detections (in memory): detections[1].score: expected a finite number, got NaN");
  }

  @Test
  void fileErrorsUseTheFileName(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("val.json");
    Files.writeString(f, withAnns(GOOD_ANN.replace("\"bbox\": [1, 2.5, 3, 4]", "\"bbox\": null")));
    assertThatThrownBy(() -> CocoJson.readGroundTruth(f))
        .hasMessage("val.json: annotations[0].bbox: expected 4 numbers [x, y, width, height], got null");
    assertThatThrownBy(() -> CocoJson.readResults(dir.resolve("absent.json")))
        .isInstanceOf(UncheckedIOException.class).hasMessageContaining("absent.json");
  }
}
