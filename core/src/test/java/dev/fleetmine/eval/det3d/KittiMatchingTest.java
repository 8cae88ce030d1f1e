package dev.fleetmine.eval.det3d;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KittiMatchingTest {
  static final SampleKey S1 = new SampleKey("log-a", 100);
  static final SampleKey S2 = new SampleKey("log-a", 200);

  static Box3d car(double x) {
    return new Box3d(x, 0, 0, 4, 2, 2, 0);
  }

  static GroundTruth gt(SampleKey s, String cat, double x) {
    return new GroundTruth(s, cat, car(x));
  }

  static Detection det(SampleKey s, String cat, double x, double score) {
    return new Detection(s, cat, car(x), score);
  }

  /**
   * Car (IoU >= 0.7): S1 has A at x=0, B at x=10, an ignored C at x=20; S2 has D at x=0. A shift of 0.5 m
   * along x gives IoU 7/9 (3.5 x 2 / (16 - 7)), a shift of 1 m gives 0.6 (6 / 10).
   */
  static final List<GroundTruth> GTS = List.of(
      gt(S1, "Car", 0), gt(S1, "Car", 10), new GroundTruth(S1, "Car", car(20), "t-c", true), gt(S2, "Car", 0),
      gt(S1, "Pedestrian", 40));
  static final List<Detection> DETS = List.of(
      det(S1, "Car", 0, 0.9), // 0: TP on A
      det(S1, "Car", 0.5, 0.8), // 1: FP, duplicate of A (IoU 7/9, A taken)
      det(S1, "Car", 20, 0.7), // 2: dropped on the ignored C
      det(S1, "Car", 30, 0.6), // 3: FP, overlaps nothing
      det(S2, "Car", 1, 0.5), // 4: FP, D taken by 5 first (IoU 0.6 anyway)
      det(S2, "Car", 0, 0.55), // 5: TP on D
      det(S2, "Cyclist", 0, 0.3)); // 6: FP in a category without ground truth

  @Test
  void carR40AndElevenPointApByHand() {
    Det3dResult r = Det3dEvaluator.evaluate(GTS, DETS, Matching.Kitti.defaults(IouKind.BEV));
    ThresholdResult t = r.first();
    CategoryAp car = t.category("Car");
    // ranked counted detections 0 TP, 1 FP, 3 FP, 5 TP, 4 FP over 3 positives (A, B, D):
    // recall 1/3 1/3 1/3 2/3 2/3, precision 1 1/2 1/3 1/2 2/5.
    // R40: r = 1/40..13/40 <= 1/3 -> 1; 14/40..26/40 <= 2/3 -> 1/2; the rest 0: (13 + 6.5) / 40
    assertThat(car.ap()).isEqualTo(0.4875);
    // 11-point: r = 0..0.3 -> 1, 0.4..0.6 -> 1/2, 0.7..1 -> 0: 5.5 / 11
    assertThat(car.ap11()).isEqualTo(0.5);
    assertThat(car.positives()).isEqualTo(3);
    assertThat(car.truePositives()).isEqualTo(2);
    assertThat(car.falsePositives()).isEqualTo(3);
    assertThat(car.falseNegatives()).isEqualTo(1);
    assertThat(car.threshold()).isEqualTo(0.7);
    PrCurve curve = car.curve();
    assertThat(curve.detections()).containsExactly(0, 1, 3, 5, 4);
    assertThat(curve.recall()).containsExactly(1.0 / 3, 1.0 / 3, 1.0 / 3, 2.0 / 3, 2.0 / 3);
    assertThat(curve.precision()).containsExactly(1, 0.5, 1.0 / 3, 0.5, 0.4);
    assertThat(curve.scores()).containsExactly(0.9, 0.8, 0.6, 0.55, 0.5);
    assertThat(car.precisionGrid()[12]).isEqualTo(1.0);
    assertThat(car.precisionGrid()[13]).isEqualTo(0.5);
    assertThat(car.precisionGrid()[25]).isEqualTo(0.5);
    assertThat(car.precisionGrid()[26]).isEqualTo(0.0);
    // Pedestrian: one positive, no detection; Cyclist: detections only, not in the mean
    assertThat(t.category("Pedestrian").ap()).isEqualTo(0.0);
    assertThat(t.category("Cyclist").positives()).isZero();
    assertThat(r.categories()).containsExactly("Car", "Cyclist", "Pedestrian");
    assertThat(r.meanAp()).isEqualTo(0.24375);
    assertThat(t.meanAp()).isEqualTo(0.24375);
  }

  @Test
  void everyMistakeCanBeOpened() {
    ThresholdResult t = Det3dEvaluator.evaluate(GTS, DETS, Matching.Kitti.defaults(IouKind.BEV)).first();
    assertThat(t.detection(0)).isEqualTo(new DetectionOutcome(0, DETS.get(0), DetectionOutcome.Status.TP, 0, 1.0));
    DetectionOutcome dup = t.detection(1);
    assertThat(dup.status()).isEqualTo(DetectionOutcome.Status.FP);
    assertThat(dup.gt()).isZero(); // nearest is A, already taken: a duplicate
    assertThat(dup.affinity()).isCloseTo(7.0 / 9, within(1e-12));
    assertThat(t.detection(2).status()).isEqualTo(DetectionOutcome.Status.IGNORED);
    assertThat(t.detection(2).gt()).isEqualTo(2);
    assertThat(t.detection(3)).isEqualTo(new DetectionOutcome(3, DETS.get(3), DetectionOutcome.Status.FP, -1, 0.0));
    assertThat(t.detection(4).gt()).isEqualTo(3);
    assertThat(t.detection(4).affinity()).isCloseTo(0.6, within(1e-12));
    assertThat(t.detection(5)).isEqualTo(new DetectionOutcome(5, DETS.get(5), DetectionOutcome.Status.TP, 3, 1.0));
    assertThat(t.falsePositives()).extracting(DetectionOutcome::index).containsExactly(1, 3, 4, 6);
    assertThat(t.falseNegatives()).extracting(GtOutcome::index).containsExactly(1, 4); // B and the pedestrian
    assertThat(t.groundTruth(0)).isEqualTo(new GtOutcome(0, GTS.get(0), GtOutcome.Status.MATCHED, 0));
    assertThat(t.groundTruth(2)).isEqualTo(new GtOutcome(2, GTS.get(2), GtOutcome.Status.IGNORED, 2));
    assertThat(t.groundTruth(1).status()).isEqualTo(GtOutcome.Status.MISSED);
  }

  @Test
  void thresholdIsPerCategoryAndInclusive() {
    // at 0.6 for Car, detection 4 (IoU exactly 0.6 with D) is a TP when it is alone
    List<GroundTruth> gts = List.of(gt(S2, "Car", 0));
    List<Detection> dets = List.of(det(S2, "Car", 1, 0.5));
    Matching.Kitti loose = new Matching.Kitti(IouKind.BEV, Map.of("Car", 0.6), 0.5);
    assertThat(Det3dEvaluator.evaluate(gts, dets, loose).first().detection(0).status())
        .isEqualTo(DetectionOutcome.Status.TP);
    assertThat(Det3dEvaluator.evaluate(gts, dets, Matching.Kitti.defaults(IouKind.BEV)).first().detection(0)
        .status()).isEqualTo(DetectionOutcome.Status.FP);
    assertThat(Det3dEvaluator.evaluate(gts, dets, loose).first().category("Car").ap()).isEqualTo(1.0);
  }

  @Test
  void threeDIouSeesHeight() {
    // same footprint, 1 m higher: BEV IoU 1, 3D IoU 8 / (16 + 16 - 8) = 1/3
    List<GroundTruth> gts = List.of(gt(S1, "Car", 0));
    List<Detection> dets = List.of(new Detection(S1, "Car", new Box3d(0, 0, 1, 4, 2, 2, 0), 0.9));
    ThresholdResult bev = Det3dEvaluator.evaluate(gts, dets, Matching.Kitti.defaults(IouKind.BEV)).first();
    ThresholdResult vol = Det3dEvaluator.evaluate(gts, dets, Matching.Kitti.defaults(IouKind.IOU_3D)).first();
    assertThat(bev.detection(0).status()).isEqualTo(DetectionOutcome.Status.TP);
    assertThat(vol.detection(0).status()).isEqualTo(DetectionOutcome.Status.FP);
    assertThat(vol.detection(0).affinity()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(vol.category("Car").ap()).isEqualTo(0.0);
  }

  @Test
  void aCountedGroundTruthWinsOverABetterOverlappingIgnoredOne() {
    // the detection overlaps the ignored box at IoU 1 and the counted one at 7/9: it takes the counted one
    List<GroundTruth> gts = List.of(new GroundTruth(S1, "Car", car(0), null, true), gt(S1, "Car", 0.5));
    List<Detection> dets = List.of(det(S1, "Car", 0, 0.9), det(S1, "Car", 0, 0.8));
    ThresholdResult t = Det3dEvaluator.evaluate(gts, dets, Matching.Kitti.defaults(IouKind.BEV)).first();
    assertThat(t.detection(0).status()).isEqualTo(DetectionOutcome.Status.TP);
    assertThat(t.detection(0).gt()).isEqualTo(1);
    assertThat(t.detection(1).status()).isEqualTo(DetectionOutcome.Status.IGNORED); // then the ignored one
    assertThat(t.category("Car").ap()).isEqualTo(1.0);
  }

  @Test
  void equalScoresKeepInputOrder() {
    List<GroundTruth> gts = List.of(gt(S1, "Car", 0));
    List<Detection> dets = List.of(det(S1, "Car", 0.5, 0.5), det(S1, "Car", 0, 0.5));
    ThresholdResult t = Det3dEvaluator.evaluate(gts, dets, Matching.Kitti.defaults(IouKind.BEV)).first();
    assertThat(t.detection(0).status()).isEqualTo(DetectionOutcome.Status.TP);
    assertThat(t.detection(1).status()).isEqualTo(DetectionOutcome.Status.FP);
  }

  @Test
  void badInputNamesTheListPositionAndField() {
    List<Detection> withNull = new java.util.ArrayList<>(DETS);
    withNull.set(3, null);
    assertThatThrownBy(() -> Det3dEvaluator.evaluate(GTS, withNull, Matching.Kitti.defaults(IouKind.BEV)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("detections[3] is null");
    assertThatThrownBy(() -> new Detection(S1, "Car", car(0), Double.NaN))
        .hasMessage("Detection.score must be finite, got NaN (sample log-a@100, category Car)");
    assertThatThrownBy(() -> new Matching.Kitti(IouKind.BEV, Map.of("Car", 1.5), 0.5))
        .hasMessage("Matching.Kitti.thresholds[Car] must be in (0, 1], got 1.5");
    assertThatThrownBy(() -> new GroundTruth(S1, null, car(0)))
        .hasMessage("GroundTruth.category must not be null");
  }

  @Test
  void emptyInputsGiveNoCategories() {
    Det3dResult r = Det3dEvaluator.evaluate(List.of(), List.of(), Matching.Kitti.defaults(IouKind.BEV));
    assertThat(r.categories()).isEmpty();
    assertThat(r.meanAp()).isNaN();
  }
}
