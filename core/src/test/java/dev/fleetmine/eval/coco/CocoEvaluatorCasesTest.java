package dev.fleetmine.eval.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fleetmine.eval.coco.DetectionOutcome.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Small cases computed by hand. Each pins the hand value (to 1e-12) and the exact doubles that
 * pycocotools 2.0.11 (numpy 2.4) prints for the same input, which differ from the hand value only in
 * the last bits: precision is {@code tp / (tp + fp + eps)}, so a perfect detector scores 1 - 2^-52.
 */
class CocoEvaluatorCasesTest {
  private static final double EPS = Math.ulp(1.0);

  /** Builds a case: annotations get ids 1, 2, ... in the order given. */
  private static final class Case {
    final List<CocoCategory> cats = new ArrayList<>();
    final List<GroundTruthBox> gts = new ArrayList<>();
    final List<Detection> dets = new ArrayList<>();
    long[] images;

    Case images(long... ids) {
      images = ids;
      return this;
    }

    Case cats(long... ids) {
      for (long id : ids) {
        cats.add(new CocoCategory(id, "c" + id));
      }
      return this;
    }

    Case gt(long image, long cat, double x, double y, double w, double h, double area, boolean crowd) {
      gts.add(new GroundTruthBox(gts.size() + 1, image, cat, x, y, w, h, area, crowd));
      return this;
    }

    Case det(long image, long cat, double x, double y, double w, double h, double score) {
      dets.add(new Detection(image, cat, x, y, w, h, score));
      return this;
    }

    CocoResult run() {
      return CocoEvaluator.evaluate(CocoGroundTruth.of(images, cats, gts), CocoDetections.of(dets));
    }
  }

  @Test
  void oneImageOneHitOneMiss() {
    // two small gts, one found exactly (score .9), one false positive (.8): at every threshold
    // rc = [.5, .5], pr = [1/(1+eps), 1/(2+eps)]; recall thresholds 0..0.50 (51 of 101) sample 1/(1+eps)
    CocoResult r = new Case().images(1).cats(1)
        .gt(1, 1, 0, 0, 10, 10, 100, false).gt(1, 1, 50, 50, 10, 10, 100, false)
        .det(1, 1, 0, 0, 10, 10, .9).det(1, 1, 100, 100, 10, 10, .8).run();
    double[] s = r.stats().toArray();
    assertThat(s[0]).isCloseTo(51.0 / 101, within(1e-12));
    assertThat(s).containsExactly(0.5049504950495048, 0.5049504950495048, 0.5049504950495048, 0.5049504950495048,
        -1.0, -1.0, 0.5, 0.5, 0.5, 0.5, -1.0, -1.0);
    assertThat(r.falseNegatives()).extracting(GroundTruthBox::id).containsExactly(2L);
    assertThat(r.falsePositives()).extracting(DetectionOutcome::index).containsExactly(1);
  }

  @Test
  void crowdRegionAbsorbsDetectionsWithoutCountingThem() {
    // crowd gt 1 (100x100) and a normal medium gt 2. Detections inside the crowd region have crowd IoU
    // = intersection / detection area = 1, so they match it (repeatedly) and are ignored; d4 is a
    // false positive after the true positive, so precision stays 1/(1+eps) at every recall level.
    CocoResult r = new Case().images(1).cats(1)
        .gt(1, 1, 0, 0, 100, 100, 10000, true).gt(1, 1, 200, 200, 50, 50, 2500, false)
        .det(1, 1, 10, 10, 20, 20, .9).det(1, 1, 200, 200, 50, 50, .8)
        .det(1, 1, 10, 10, 30, 30, .7).det(1, 1, 400, 400, 10, 10, .6).run();
    double[] s = r.stats().toArray();
    assertThat(s[0]).isCloseTo(1 / (1 + EPS), within(1e-12));
    // AR@1 is 0: the single best detection of the image is the ignored one inside the crowd region
    assertThat(s).containsExactly(0.9999999999999998, 0.9999999999999999, 0.9999999999999999, -1.0,
        0.9999999999999998, -1.0, 0.0, 1.0, 1.0, -1.0, 1.0, -1.0);
    assertThat(r.detections()).extracting(DetectionOutcome::kind)
        .containsExactly(Kind.IGNORED, Kind.TRUE_POSITIVE, Kind.IGNORED, Kind.FALSE_POSITIVE);
    assertThat(r.detections()).extracting(DetectionOutcome::matchedGtId)
        .containsExactly(OptionalLong.of(1), OptionalLong.of(2), OptionalLong.of(1), OptionalLong.empty());
    assertThat(r.detections().get(0).iou()).isEqualTo(1.0);
    assertThat(r.falseNegatives()).isEmpty();
  }

  @Test
  void areaRangesUseTheAreaFieldForGtAndWidthTimesHeightForDetections() {
    // gts: S small (area 100), M medium (2500), L large (10000), X: a 100x100 box whose area field is
    // 500, hence small. Detections: L .9, X .8, a small false positive F .7, S .6; M is never found.
    CocoResult r = new Case().images(1).cats(1)
        .gt(1, 1, 0, 0, 10, 10, 100, false).gt(1, 1, 100, 0, 50, 50, 2500, false)
        .gt(1, 1, 300, 0, 100, 100, 10000, false).gt(1, 1, 500, 0, 100, 100, 500, false)
        .det(1, 1, 300, 0, 100, 100, .9).det(1, 1, 500, 0, 100, 100, .8)
        .det(1, 1, 800, 800, 10, 10, .7).det(1, 1, 0, 0, 10, 10, .6).run();
    double[] s = r.stats().toArray();
    // all: tp/fp = TP TP FP TP of 4 -> recall .25 .5 .5 .75, envelope ~1, ~1, .75, .75
    assertThat(s[0]).isCloseTo((51 + 25 * 0.75) / 101, within(1e-12));
    // small: L matches an ignored (large) gt and is ignored: -, TP, FP, TP of 2 -> (51 + 50 * 2/3) / 101
    assertThat(s[3]).isCloseTo((51 + 50 * 2.0 / 3) / 101, within(1e-12));
    // medium: M's only candidates are ignored; F (area 100) is out of range and ignored: AP 0, AR 0
    assertThat(s).containsExactly(0.6905940594059405, 0.6905940594059405, 0.6905940594059405,
        0.8349834983498348, 0.0, 0.9999999999999998, 0.25, 0.75, 0.75, 1.0, 0.0, 1.0);
  }

  @Test
  void tiedScoresKeepInputOrderWithinAnImageAndImageOrderAcross() {
    // all three scores are .5. Image 1 lists its false positive before its hit, so the ranking is
    // FP, TP (image 1), TP (image 2): precision 0, 1/2, 2/3 -> envelope 2/3 everywhere. The other tie
    // order would give (51 + 50 * 2/3) / 101. AR@1 = .5: image 1's first detection is the miss.
    CocoResult r = new Case().images(1, 2).cats(1)
        .gt(1, 1, 0, 0, 10, 10, 100, false).gt(2, 1, 0, 0, 10, 10, 100, false)
        .det(2, 1, 0, 0, 10, 10, .5).det(1, 1, 50, 50, 10, 10, .5).det(1, 1, 0, 0, 10, 10, .5).run();
    double[] s = r.stats().toArray();
    assertThat(s[0]).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(s).containsExactly(0.6666666666666666, 0.6666666666666669, 0.6666666666666669, 0.6666666666666666,
        -1.0, -1.0, 0.5, 1.0, 1.0, 1.0, -1.0, -1.0);
  }

  @Test
  void detectionsOnAnImageWithoutGroundTruthAreFalsePositives() {
    CocoResult r = new Case().images(1, 2).cats(1).gt(1, 1, 0, 0, 10, 10, 100, false)
        .det(1, 1, 0, 0, 10, 10, .9).det(2, 1, 0, 0, 10, 10, .95).run();
    // FP (.95) ranks first: precision 0 then 1/(2+eps), envelope 1/2 at every recall level
    assertThat(r.stats().toArray()).containsExactly(0.5, 0.5, 0.5, 0.5, -1.0, -1.0, 1.0, 1.0, 1.0, 1.0, -1.0,
        -1.0);
    assertThat(r.falsePositives()).extracting(DetectionOutcome::imageId).containsExactly(2L);
    assertThat(r.falsePositives().get(0).iou()).isZero();
  }

  @Test
  void categoryWithoutDetectionsCountsZeroAndCategoryWithoutGroundTruthIsLeftOut() {
    // category 1: found (AP 1/(1+eps)); category 2: has a gt, no detection (AP 0, recall 0, included);
    // category 3: a detection but no gt (precision -1, excluded from the mean)
    CocoResult r = new Case().images(1).cats(1, 2, 3)
        .gt(1, 1, 0, 0, 10, 10, 100, false).gt(1, 2, 0, 0, 10, 10, 100, false)
        .det(1, 1, 0, 0, 10, 10, .9).det(1, 3, 0, 0, 10, 10, .9).run();
    double[] s = r.stats().toArray();
    assertThat(s[0]).isCloseTo(0.5, within(1e-12));
    assertThat(s).containsExactly(0.4999999999999999, 0.49999999999999994, 0.49999999999999994, 0.4999999999999999,
        -1.0, -1.0, 0.5, 0.5, 0.5, 0.5, -1.0, -1.0);
    assertThat(r.averagePrecision(1)).isEqualTo(0.9999999999999998);
    assertThat(r.averagePrecision(2)).isZero();
    assertThat(r.averagePrecision(3)).isEqualTo(-1);
    assertThat(r.recall(0, 1, CocoParams.AREA_ALL, 2)).isZero();
    assertThat(r.precision(0, 0, 2, CocoParams.AREA_ALL, 2)).isEqualTo(-1);
    assertThat(r.falsePositives()).extracting(DetectionOutcome::categoryId).containsExactly(3L);
    assertThat(r.falseNegatives()).extracting(GroundTruthBox::id).containsExactly(2L);
  }

  @Test
  void iouExactlyAtTheThresholdMatches() {
    // 10x10 inside 20x10: IoU = 100 / 200 = 0.5 exactly -> a hit at 0.5 only: AP = AP50 / 10
    CocoResult r = new Case().images(1).cats(1).gt(1, 1, 0, 0, 20, 10, 200, false)
        .det(1, 1, 0, 0, 10, 10, .9).run();
    assertThat(r.stats().toArray()).containsExactly(0.09999999999999999, 0.9999999999999999, 0.0,
        0.09999999999999999, -1.0, -1.0, 0.1, 0.1, 0.1, 0.1, -1.0, -1.0);
    assertThat(r.detections().get(0).iou()).isEqualTo(0.5);
  }

  @Test
  void onlyTheHundredBestDetectionsPerImageAndCategoryCount() {
    Case c = new Case().images(1).cats(1).gt(1, 1, 0, 0, 10, 10, 100, false);
    for (int i = 0; i < 100; i++) {
      c.det(1, 1, 500 + i * 20, 500, 10, 10, 0.9);
    }
    c.det(1, 1, 0, 0, 10, 10, 0.1); // the hit, 101st by score
    CocoResult r = c.run();
    assertThat(r.stats().ap()).isZero();
    assertThat(r.detections().get(100).kind()).isEqualTo(Kind.NOT_EVALUATED);
    assertThat(r.falseNegatives()).hasSize(1);
  }

  @Test
  void detectionsOfUnlistedCategoriesAreNotEvaluated() {
    CocoResult r = new Case().images(1).cats(1).gt(1, 1, 0, 0, 10, 10, 100, false)
        .det(1, 1, 0, 0, 10, 10, .9).det(1, 7, 0, 0, 10, 10, .95).run();
    assertThat(r.detections()).extracting(DetectionOutcome::kind)
        .containsExactly(Kind.TRUE_POSITIVE, Kind.NOT_EVALUATED);
    assertThat(r.stats().ap()).isEqualTo(0.9999999999999998);
  }

  @Test
  void noDetectionsAtAllGiveZeroAndNoGroundTruthGivesMinusOne() {
    CocoResult none = new Case().images(1).cats(1).gt(1, 1, 0, 0, 10, 10, 100, false).run();
    assertThat(none.stats().toArray()).containsExactly(0, 0, 0, 0, -1, -1, 0, 0, 0, 0, -1, -1);
    CocoResult empty = new Case().images(1).cats(1).det(1, 1, 0, 0, 10, 10, .5).run();
    assertThat(empty.stats().toArray()).containsOnly(-1);
  }

  @Test
  void bbIouFollowsMaskApiArithmetic() {
    // 20x20 box overlapping the corner of a 100x100 box by 10x10
    assertThat(BoxIou.bbIou(90, 90, 20, 20, 0, 0, 100, 100, false)).isEqualTo(100.0 / (400 + 10000 - 100));
    assertThat(BoxIou.bbIou(90, 90, 20, 20, 0, 0, 100, 100, true)).isEqualTo(100.0 / 400);
    assertThat(BoxIou.bbIou(0, 0, 10, 10, 10, 0, 10, 10, false)).isZero(); // touching edges
    assertThat(BoxIou.bbIou(0, 0, 0, 0, 0, 0, 10, 10, true)).isZero(); // empty box vs crowd
  }
}
