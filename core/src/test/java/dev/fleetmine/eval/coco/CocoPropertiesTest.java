package dev.fleetmine.eval.coco;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Invariants on small random problems with coarse coordinates and three score levels, so that tied
 * scores, tied IoUs and IoUs exactly at a threshold are common.
 */
class CocoPropertiesTest {
  private record Problem(CocoGroundTruth gt, List<Detection> dets) {}

  private static Problem problem(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<GroundTruthBox> gts = new ArrayList<>();
    List<Detection> dets = new ArrayList<>();
    for (int img = 1; img <= 3; img++) {
      int ng = r.nextInt(5);
      for (int i = 0; i < ng; i++) {
        double w = 5 * (1 + r.nextInt(30));
        double h = 5 * (1 + r.nextInt(30));
        GroundTruthBox g = new GroundTruthBox(gts.size() + 1, img, 1 + r.nextInt(3), 5 * r.nextInt(20),
            5 * r.nextInt(20), w, h, w * h * (0.5 + r.nextInt(2) * 0.5), r.nextInt(8) == 0);
        gts.add(g);
        for (int c = r.nextInt(3); c > 0; c--) {
          dets.add(new Detection(img, g.categoryId(), g.x() + 5 * (r.nextInt(3) - 1), g.y(), g.width(),
              g.height() + 5 * r.nextInt(2), 0.1 + 0.4 * r.nextInt(3)));
        }
      }
      for (int f = r.nextInt(4); f > 0; f--) {
        dets.add(new Detection(img, 1 + r.nextInt(3), 5 * r.nextInt(20), 5 * r.nextInt(20), 5 + 5 * r.nextInt(20),
            5 + 5 * r.nextInt(20), 0.1 + 0.4 * r.nextInt(3)));
      }
    }
    CocoGroundTruth gt = CocoGroundTruth.of(new long[] {3, 1, 2},
        List.of(new CocoCategory(2, "b"), new CocoCategory(1, "a"), new CocoCategory(3, "c")), gts);
    return new Problem(gt, dets);
  }

  /** The detections reordered image by image (3, 2, 1), each image's own order kept. */
  private static List<Detection> byImageDescending(List<Detection> dets) {
    List<Detection> out = new ArrayList<>();
    for (long img = 3; img >= 1; img--) {
      for (Detection d : dets) {
        if (d.imageId() == img) {
          out.add(d);
        }
      }
    }
    return out;
  }

  @Property(tries = 300)
  void interleavingImagesChangesNothing(@ForAll long seed) {
    // ties across images are broken by image id order, not input order (pycocotools concatenates
    // per-image results in sorted image order before its stable sort)
    Problem p = problem(seed);
    CocoResult a = CocoEvaluator.evaluate(p.gt(), CocoDetections.of(p.dets()));
    CocoResult b = CocoEvaluator.evaluate(p.gt(), CocoDetections.of(byImageDescending(p.dets())));
    assertThat(b.stats()).isEqualTo(a.stats());
    assertThat(b.falseNegatives()).containsExactlyInAnyOrderElementsOf(a.falseNegatives());
  }

  @Property(tries = 300)
  void threadsChangeNothing(@ForAll long seed) {
    Problem p = problem(seed);
    CocoDetections dt = CocoDetections.of(p.dets());
    CocoResult a = CocoEvaluator.evaluate(p.gt(), dt, 1);
    CocoResult b = CocoEvaluator.evaluate(p.gt(), dt, 3);
    assertThat(b.stats()).isEqualTo(a.stats());
    assertThat(b.detections()).isEqualTo(a.detections());
  }

  @Property(tries = 300)
  void matchingIsOneToOneAndStatsAreInRange(@ForAll long seed) {
    Problem p = problem(seed);
    CocoResult r = CocoEvaluator.evaluate(p.gt(), CocoDetections.of(p.dets()));
    long tp = r.detections().stream().filter(d -> d.kind() == DetectionOutcome.Kind.TRUE_POSITIVE).count();
    long nonCrowd = 0;
    for (int i = 0; i < p.gt().size(); i++) {
      nonCrowd += p.gt().get(i).crowd() ? 0 : 1;
    }
    // each non-crowd annotation is matched by exactly one true positive or is a false negative
    assertThat(tp + r.falseNegatives().size()).isEqualTo(nonCrowd);
    for (DetectionOutcome d : r.detections()) {
      assertThat(d.kind() == DetectionOutcome.Kind.TRUE_POSITIVE).isEqualTo(d.matchedGtId().isPresent()
          && !p.gt().get((int) d.matchedGtId().getAsLong() - 1).crowd());
      if (d.matchedGtId().isPresent()) {
        assertThat(d.iou()).isGreaterThanOrEqualTo(0.5);
      }
    }
    for (double s : r.stats().toArray()) {
      assertThat(s == -1 || (s >= 0 && s <= 1)).as("stat %s", s).isTrue();
    }
  }
}
