package dev.fleetmine.eval.det3d;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Random small scenes (few samples, boxes on a coarse grid so IoUs, distances and scores tie) matched by
 * the evaluator and by a brute force written from the package's definitions: every detection's outcome
 * and every KITTI AP agree exactly.
 */
class EvaluatorAgainstBruteForceTest {
  private static final String[] CATS = {"Car", "Pedestrian"};

  record Scene(List<GroundTruth> gts, List<Detection> dets) {}

  static Scene scene(long seed) {
    Random rnd = new Random(seed);
    List<GroundTruth> gts = new ArrayList<>();
    List<Detection> dets = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      SampleKey key = new SampleKey("log", s);
      for (int k = rnd.nextInt(6); k > 0; k--) {
        gts.add(new GroundTruth(key, CATS[rnd.nextInt(2)], box(rnd), null, rnd.nextInt(6) == 0));
      }
      for (int k = rnd.nextInt(8); k > 0; k--) {
        dets.add(new Detection(key, CATS[rnd.nextInt(2)], box(rnd), rnd.nextInt(4) / 4.0));
      }
    }
    return new Scene(gts, dets);
  }

  static Box3d box(Random rnd) {
    return new Box3d(rnd.nextInt(5) * 0.5, rnd.nextInt(3) * 0.5, rnd.nextInt(2) * 0.5, 2 + rnd.nextInt(2), 1.5, 1.5,
        rnd.nextInt(4) * Math.PI / 4);
  }

  @Property(tries = 300)
  void kittiOutcomesAndApAgree(@ForAll long seed) {
    Scene sc = scene(seed);
    Matching.Kitti m = new Matching.Kitti(IouKind.BEV, java.util.Map.of("Car", 0.5), 0.3);
    ThresholdResult fast = Det3dEvaluator.evaluate(sc.gts(), sc.dets(), m).first();
    int[] gtMatch = new int[sc.gts().size()];
    java.util.Arrays.fill(gtMatch, -1);
    List<Integer> order = order(sc.dets(), false);
    for (int i : order) {
      Detection d = sc.dets().get(i);
      int best = -1;
      for (boolean ignoredPass : new boolean[] {false, true}) {
        for (int j = 0; j < sc.gts().size() && best < 0; j++) {
          GroundTruth g = sc.gts().get(j);
          double v = BoxGeometry.bevIou(d.box(), g.box());
          if (!g.sample().equals(d.sample()) || !g.category().equals(d.category()) || gtMatch[j] >= 0
              || g.ignore() != ignoredPass || v < m.threshold(d.category())) {
            continue;
          }
          boolean better = true;
          for (int j2 = 0; j2 < sc.gts().size(); j2++) { // no other candidate of the same pass beats it
            GroundTruth g2 = sc.gts().get(j2);
            if (g2.sample().equals(d.sample()) && g2.category().equals(d.category()) && gtMatch[j2] < 0
                && g2.ignore() == ignoredPass) {
              double v2 = BoxGeometry.bevIou(d.box(), g2.box());
              better &= !(v2 > v || v2 == v && j2 < j);
            }
          }
          if (better) {
            best = j;
          }
        }
        if (best >= 0) {
          DetectionOutcome.Status want = ignoredPass ? DetectionOutcome.Status.IGNORED : DetectionOutcome.Status.TP;
          assertThat(fast.detection(i).status()).isEqualTo(want);
          assertThat(fast.detection(i).gt()).isEqualTo(best);
          gtMatch[best] = i;
          break;
        }
      }
      if (best < 0) {
        assertThat(fast.detection(i).status()).isEqualTo(DetectionOutcome.Status.FP);
      }
    }
    for (int j = 0; j < gtMatch.length; j++) {
      assertThat(fast.groundTruth(j).detection()).isEqualTo(gtMatch[j]);
    }
    for (String cat : CATS) {
      if (sc.gts().stream().anyMatch(g -> g.category().equals(cat)) || sc.dets().stream()
          .anyMatch(d -> d.category().equals(cat))) {
        assertThat(fast.category(cat).ap()).isEqualTo(r40(sc, fast, cat, order));
      }
    }
  }

  @Property(tries = 300)
  void nuScenesOutcomesAgree(@ForAll long seed) {
    Scene sc = scene(seed);
    Det3dResult r = Det3dEvaluator.evaluate(sc.gts(), sc.dets(), Matching.NuScenes.defaults());
    for (int t = 0; t < 4; t++) {
      double dist = Matching.NuScenes.defaults().distances().get(t);
      boolean[] taken = new boolean[sc.gts().size()];
      for (int i : order(sc.dets(), true)) {
        Detection d = sc.dets().get(i);
        int min = -1;
        for (int j = 0; j < sc.gts().size(); j++) {
          GroundTruth g = sc.gts().get(j);
          if (g.sample().equals(d.sample()) && g.category().equals(d.category()) && !g.ignore() && !taken[j]
              && (min < 0 || BoxGeometry.centreDistance(d.box(), g.box())
                  < BoxGeometry.centreDistance(d.box(), sc.gts().get(min).box()))) {
            min = j;
          }
        }
        boolean tp = min >= 0 && BoxGeometry.centreDistance(d.box(), sc.gts().get(min).box()) < dist;
        if (tp) {
          taken[min] = true;
        }
        DetectionOutcome o = r.thresholds().get(t).detection(i);
        assertThat(o.status()).isEqualTo(tp ? DetectionOutcome.Status.TP : DetectionOutcome.Status.FP);
        if (tp) {
          assertThat(o.gt()).isEqualTo(min);
        }
      }
    }
  }

  private static List<Integer> order(List<Detection> dets, boolean laterFirst) {
    List<Integer> o = new ArrayList<>();
    for (int i = 0; i < dets.size(); i++) {
      o.add(i);
    }
    Comparator<Integer> c = Comparator.comparingDouble((Integer i) -> -dets.get(i).score());
    o.sort(c.thenComparing(laterFirst ? Comparator.<Integer>reverseOrder() : Comparator.<Integer>naturalOrder()));
    return o;
  }

  /** R40 straight from the definition: mean over r of the best precision at recall >= r. */
  private static double r40(Scene sc, ThresholdResult fast, String cat, List<Integer> order) {
    long positives = sc.gts().stream().filter(g -> g.category().equals(cat) && !g.ignore()).count();
    List<double[]> points = new ArrayList<>();
    int tp = 0;
    for (int i : order) {
      DetectionOutcome o = fast.detection(i);
      if (!o.detection().category().equals(cat) || o.status() == DetectionOutcome.Status.IGNORED) {
        continue;
      }
      tp += o.status() == DetectionOutcome.Status.TP ? 1 : 0;
      points.add(new double[] {positives == 0 ? 0 : (double) tp / positives, (double) tp / (points.size() + 1)});
    }
    double sum = 0;
    for (int k = 1; k <= 40; k++) {
      double best = 0;
      for (double[] p : points) {
        if (p[0] >= k / 40.0) {
          best = Math.max(best, p[1]);
        }
      }
      sum += best;
    }
    return sum / 40;
  }
}
