package dev.fleetmine.eval.det3d;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NuScenesMatchingTest {
  static final SampleKey S1 = new SampleKey("scene-1", 1);

  static Box3d at(double x, double y) {
    return new Box3d(x, y, 0, 4, 2, 1.5, 0);
  }

  /**
   * Two cars at (0, 0) and (10, 0); detections 0.5 m from the first (score 0.9), 1.5 m from the second (0.8)
   * and far from both (0.7).
   */
  static final List<GroundTruth> GTS = List.of(new GroundTruth(S1, "car", at(0, 0)),
      new GroundTruth(S1, "car", at(10, 0)));
  static final List<Detection> DETS = List.of(new Detection(S1, "car", at(0.3, 0.4), 0.9),
      new Detection(S1, "car", at(10, 1.5), 0.8), new Detection(S1, "car", at(50, 50), 0.7));

  @Test
  void apPerDistanceByHand() {
    Det3dResult r = Det3dEvaluator.evaluate(GTS, DETS, Matching.NuScenes.defaults());
    // 0.5 m: the 0.5 m detection is not < 0.5, nothing matches: AP 0
    assertThat(r.thresholds().get(0).category("car").ap()).isEqualTo(0.0);
    // 1 m: TP FP FP, recall 0.5 0.5 0.5, precision 1 1/2 1/3. np.interp gives 1 below recall 0.5, the LAST
    // sample's 1/3 at exactly 0.5 and 0 above: prec[11..100] - 0.1 = 39 x 0.9, 7/30, 50 x 0 -> 106/243
    CategoryAp at1 = r.thresholds().get(1).category("car");
    assertThat(at1.ap()).isCloseTo(106.0 / 243, within(1e-15));
    assertThat(at1.precisionGrid()[49]).isEqualTo(1.0);
    assertThat(at1.precisionGrid()[50]).isEqualTo(1.0 / 3);
    assertThat(at1.precisionGrid()[51]).isEqualTo(0.0);
    // 2 m and 4 m: TP TP FP, recall 0.5 1 1, precision 1 1 2/3: 1 up to recall 0.99, 2/3 at 1 -> 242/243
    assertThat(r.thresholds().get(2).category("car").ap()).isCloseTo(242.0 / 243, within(1e-15));
    assertThat(r.thresholds().get(3).category("car").ap()).isCloseTo(242.0 / 243, within(1e-15));
    assertThat(r.ap("car")).isCloseTo((106.0 + 242 + 242) / 243 / 4, within(1e-15));
    assertThat(r.meanAp()).isEqualTo(r.ap("car"));
    assertThat(r.thresholds().get(1).label()).isEqualTo("centre distance < 1.0 m");
  }

  @Test
  void outcomesCarryTheDistance() {
    ThresholdResult at1 = Det3dEvaluator.evaluate(GTS, DETS, Matching.NuScenes.defaults()).thresholds().get(1);
    assertThat(at1.detection(0)).isEqualTo(new DetectionOutcome(0, DETS.get(0), DetectionOutcome.Status.TP, 0, 0.5));
    assertThat(at1.detection(1)).isEqualTo(new DetectionOutcome(1, DETS.get(1), DetectionOutcome.Status.FP, 1, 1.5));
    assertThat(at1.detection(2).gt()).isEqualTo(1); // nearest is the second car, sqrt(40^2 + 50^2) away
    assertThat(at1.detection(2).affinity()).isCloseTo(Math.sqrt(4100), within(1e-12));
    assertThat(at1.falseNegatives()).extracting(GtOutcome::index).containsExactly(1);
    DetectionOutcome lonely = Det3dEvaluator.evaluate(List.of(),
        List.of(new Detection(S1, "car", at(0, 0), 0.5)), Matching.NuScenes.defaults()).first().detection(0);
    assertThat(lonely.gt()).isEqualTo(-1);
    assertThat(lonely.affinity()).isNaN();
  }

  @Test
  void equalScoresGoLaterFirstAsTheDevkitsReversedSort() {
    // sorted((score, i))[::-1]: of two equal scores the later detection is matched first
    List<GroundTruth> gts = List.of(new GroundTruth(S1, "car", at(0, 0)));
    List<Detection> dets = List.of(new Detection(S1, "car", at(0.1, 0), 0.5),
        new Detection(S1, "car", at(0.2, 0), 0.5));
    ThresholdResult t = Det3dEvaluator.evaluate(gts, dets, Matching.NuScenes.defaults()).first();
    assertThat(t.detection(1).status()).isEqualTo(DetectionOutcome.Status.TP);
    assertThat(t.detection(0).status()).isEqualTo(DetectionOutcome.Status.FP);
  }

  @Test
  void ignoredGroundTruthIsRemovedBeforeMatching() {
    List<GroundTruth> gts = List.of(new GroundTruth(S1, "car", at(0, 0), "t1", true),
        new GroundTruth(S1, "car", at(10, 0)));
    List<Detection> dets = List.of(new Detection(S1, "car", at(0, 0), 0.9));
    ThresholdResult t = Det3dEvaluator.evaluate(gts, dets, Matching.NuScenes.defaults()).thresholds().get(3);
    assertThat(t.detection(0).status()).isEqualTo(DetectionOutcome.Status.FP);
    assertThat(t.detection(0).gt()).isEqualTo(1); // the ignored one is not even a nearest candidate
    assertThat(t.category("car").positives()).isEqualTo(1);
    assertThat(t.groundTruth(0).status()).isEqualTo(GtOutcome.Status.IGNORED);
  }

  @Test
  void badSettingsNameTheField() {
    assertThatThrownBy(() -> new Matching.NuScenes(List.of(1.0, -2.0), 0.1, 0.1))
        .hasMessage("Matching.NuScenes.distances[1] must be a finite number > 0, got -2.0");
    assertThatThrownBy(() -> new Matching.NuScenes(List.of(1.0), 0.1, 1.0))
        .hasMessage("Matching.NuScenes.minPrecision must be in [0, 1), got 1.0");
  }

  /**
   * Three random scenes (ties in scores, ignored boxes, several classes per sample) against the APs that
   * make_nuscenes_reference.py computes with numpy the way nuscenes-devkit's accumulate and calc_ap do;
   * every AP and every resampled precision agrees to the bit.
   */
  @Test
  void agreesBitForBitWithTheDevkitFormulasInNumpy() throws Exception {
    JsonNode root;
    try (InputStream in = getClass().getResourceAsStream("nuscenes-reference.json")) {
      root = new ObjectMapper().readTree(in);
    }
    for (JsonNode c : root.get("cases")) {
      List<GroundTruth> gts = new ArrayList<>();
      for (JsonNode g : c.get("gts")) {
        gts.add(new GroundTruth(new SampleKey("scene", g.get("sample").asLong()), g.get("cat").asText(),
            at(g.get("x").asDouble(), g.get("y").asDouble()), null, g.get("ignore").asBoolean()));
      }
      List<Detection> dets = new ArrayList<>();
      for (JsonNode d : c.get("dets")) {
        dets.add(new Detection(new SampleKey("scene", d.get("sample").asLong()), d.get("cat").asText(),
            at(d.get("x").asDouble(), d.get("y").asDouble()), d.get("score").asDouble()));
      }
      Det3dResult r = Det3dEvaluator.evaluate(gts, dets, Matching.NuScenes.defaults());
      for (String cat : List.of("car", "pedestrian")) {
        JsonNode expected = c.get("expected").get(cat);
        for (int t = 0; t < 4; t++) {
          CategoryAp ap = r.thresholds().get(t).category(cat);
          double[] prec = new double[101];
          for (int k = 0; k < 101; k++) {
            prec[k] = expected.get(t).get("precision").get(k).asDouble();
          }
          assertThat(ap.precisionGrid()).as("seed %s %s %s m", c.get("seed"), cat, ap.threshold())
              .containsExactly(prec);
          assertThat(ap.ap()).as("seed %s %s %s m", c.get("seed"), cat, ap.threshold())
              .isEqualTo(expected.get(t).get("ap").asDouble());
        }
      }
      assertThat(r.meanAp()).isEqualTo(c.get("mean_ap").asDouble());
    }
  }
}
