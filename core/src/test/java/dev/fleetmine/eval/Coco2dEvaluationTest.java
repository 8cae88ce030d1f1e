package dev.fleetmine.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetmine.TestLakes;
import dev.fleetmine.eval.coco.CocoEvaluator;
import dev.fleetmine.eval.coco.CocoJson;
import dev.fleetmine.eval.coco.CocoResult;
import dev.fleetmine.ingest.coco.CocoImport;
import dev.fleetmine.lake.Lake;
import dev.fleetmine.query.LakeQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 100-image val2014 fixture (shared/data/coco-eval) imported into the lake and evaluated from there:
 * the same numbers, bit for bit, as evaluating the two JSON files directly.
 */
class Coco2dEvaluationTest {
  private static final Path COCO = TestLakes.sharedData().resolve("coco-eval");
  private static final Path GT = COCO.resolve("instances_val2014_100.json");
  private static final Path DT = COCO.resolve("instances_val2014_fakebbox100_results.json");

  @TempDir
  Path dir;

  @Test
  void theFixtureFromTheLakeEqualsTheJsonFilesBitForBit() throws Exception {
    Lake lake = Lake.open(dir.resolve("lake"));
    CocoImport.importGroundTruth(lake, "val2014-100", GT);
    CocoImport.importResults(lake, "val2014-100", "fake@v1", DT);
    Coco2dEvaluation.Result r;
    try (LakeQuery q = LakeQuery.open(lake)) {
      r = Coco2dEvaluation.evaluate(q, "val2014-100", "fake@v1", 4);
    }
    CocoResult direct = CocoEvaluator.evaluate(CocoJson.readGroundTruth(GT), CocoJson.readResults(DT), 1);
    assertThat(bits(r.stats().toArray())).containsExactly(bits(direct.stats().toArray()));
    double[] expected = expectedStats();
    for (int i = 0; i < 12; i++) {
      assertThat(r.stats().toArray()[i]).as("stats[%d]", i).isCloseTo(expected[i], within(1e-9));
    }
    assertThat(List.of(r.images(), r.annotations(), r.detections())).containsExactly(100, 839, 734);
    assertThat(r.coco().detections()).isEqualTo(direct.detections());
    assertThat(r.coco().falseNegatives()).isEqualTo(direct.falseNegatives());

    // per category: 80 listed, 10 of them without annotations (AP -1, kept by their marker rows)
    assertThat(r.categories()).hasSize(80);
    for (Coco2dEvaluation.CategoryAp c : r.categories()) {
      assertThat(c.ap()).as("AP of %s", c.name()).isEqualTo(direct.averagePrecision(c.categoryId()));
    }
    assertThat(r.categories().stream().filter(c -> c.ap() == -1).count()).isEqualTo(10);
    // pinned from this implementation (equal to the direct evaluation above, which pycocotools conforms to)
    assertThat(r.categories().get(0)).isEqualTo(new Coco2dEvaluation.CategoryAp(1, "person", 0.5326060142444453));
    assertThat(r.categories()).contains(new Coco2dEvaluation.CategoryAp(11, "fire hydrant", -1),
        new Coco2dEvaluation.CategoryAp(28, "umbrella", 0.0),
        new Coco2dEvaluation.CategoryAp(33, "suitcase", 0.8999999999999999),
        new Coco2dEvaluation.CategoryAp(90, "toothbrush", 0.6475247524752475));
    assertThat(TestLakes.query(lake, "SELECT count(*) FILTER (annotation_id IS NULL AND category_id IS NULL),"
        + " count(*) FILTER (annotation_id IS NULL AND category_id IS NOT NULL), count(*) FROM boxes2d"
        + " WHERE source = 'gt'")).containsExactly(List.of(0L, 10L, 849L));
  }

  @Test
  void imagesWithoutAnnotationsSurviveAndCountAsFalsePositives() throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode gt = (ObjectNode) json.readTree(GT.toFile());
    ArrayNode images = (ArrayNode) gt.get("images");
    for (long id : new long[] {900001, 900002, 900003}) {
      images.addObject().put("id", id).put("file_name", "empty_" + id + ".jpg").put("width", 10).put("height", 20);
    }
    ArrayNode results = (ArrayNode) json.readTree(DT.toFile());
    for (int i = 0; i < 5; i++) {
      ObjectNode d = results.addObject().put("image_id", 900002).put("category_id", 1).put("score", 0.99);
      d.putArray("bbox").add(1.0 * i).add(2.0).add(3.0).add(4.0);
    }
    Path gtFile = Files.writeString(dir.resolve("gt_with_empty_images.json"), json.writeValueAsString(gt));
    Path dtFile = Files.writeString(dir.resolve("results_on_empty_images.json"), json.writeValueAsString(results));
    Lake lake = Lake.open(dir.resolve("lake"));
    CocoImport.importGroundTruth(lake, "val2014-103", gtFile);
    CocoImport.importResults(lake, "val2014-103", "fake@v2", dtFile);
    assertThat(TestLakes.query(lake, "SELECT image_id, file_name, width, height FROM boxes2d WHERE source = 'gt'"
        + " AND annotation_id IS NULL AND category_id IS NULL ORDER BY image_id")).containsExactly(
        List.of(900001L, "empty_900001.jpg", 10, 20), List.of(900002L, "empty_900002.jpg", 10, 20),
        List.of(900003L, "empty_900003.jpg", 10, 20));
    Coco2dEvaluation.Result r;
    try (LakeQuery q = LakeQuery.open(lake)) {
      r = Coco2dEvaluation.evaluate(q, "val2014-103", "fake@v2", 1);
    }
    CocoResult direct = CocoEvaluator.evaluate(CocoJson.readGroundTruth(gtFile), CocoJson.readResults(dtFile), 1);
    assertThat(r.images()).isEqualTo(103);
    assertThat(bits(r.stats().toArray())).containsExactly(bits(direct.stats().toArray()));
    // the five confident false positives on an empty image lower AP and AP50 below the fixture's; recall stays
    assertThat(r.stats().ap()).isEqualTo(0.5042905209448446);
    assertThat(r.stats().ap50()).isEqualTo(0.6966512159642358);
    assertThat(r.stats().ar100()).isCloseTo(expectedStats()[8], within(1e-9));
    assertThat(r.coco().falsePositives().stream().filter(o -> o.imageId() == 900002).count()).isEqualTo(5);
  }

  @Test
  void aMissingDatasetOrModelIsNamed() throws Exception {
    Lake lake = Lake.open(dir.resolve("lake"));
    CocoImport.importGroundTruth(lake, "val2014-100", GT);
    try (LakeQuery q = LakeQuery.open(lake)) {
      assertThatThrownBy(() -> Coco2dEvaluation.evaluate(q, "val2014-100", "nope", 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("the lake has no detections of model nope for dataset val2014-100 (no boxes2d val2014-100/nope;"
              + " have [val2014-100/gt])");
      assertThatThrownBy(() -> Coco2dEvaluation.evaluate(q, "val2017", "nope", 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("the lake has no ground truth for dataset val2017");
    }
  }

  private static double[] expectedStats() throws Exception {
    String line = Files.readAllLines(COCO.resolve("EXPECTED_STATS.txt")).stream().filter(l -> l.startsWith("bbox:"))
        .findFirst().orElseThrow();
    return Arrays.stream(line.substring(5).trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
  }

  private static long[] bits(double[] v) {
    return Arrays.stream(v).mapToLong(Double::doubleToRawLongBits).toArray();
  }
}
