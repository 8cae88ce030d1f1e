package dev.fleetmine.bench;

import dev.fleetmine.eval.det3d.CategoryAp;
import dev.fleetmine.eval.det3d.Det3dEvaluator;
import dev.fleetmine.eval.det3d.Det3dResult;
import dev.fleetmine.eval.det3d.DetectionOutcome;
import dev.fleetmine.eval.det3d.IouKind;
import dev.fleetmine.eval.det3d.Matching;
import dev.fleetmine.eval.det3d.ThresholdResult;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * 3D detection evaluation speed: {@link Det3dEvaluator} against the straightforward
 * {@link Det3dReference} on the same generated data ({@link Det3dData}), for KITTI BEV, KITTI 3D and
 * nuScenes matching. Checks that both agree exactly on every detection's and ground truth's outcome and on
 * every AP and interpolated precision, then prints both times and their ratio.
 */
final class Det3dBench {
  private Det3dBench() {}

  static void run(int detections) {
    long t0 = System.nanoTime();
    Det3dData data = Det3dData.generate(detections, 7);
    System.out.printf("generated %,d detections and %,d ground truth boxes over %,d samples in %.1f s (%d cores)%n%n",
        data.dets().size(), data.gts().size(), Math.max(1, detections / 10), secs(t0),
        Runtime.getRuntime().availableProcessors());
    List<Matching> matchings = List.of(Matching.Kitti.defaults(IouKind.BEV), Matching.Kitti.defaults(IouKind.IOU_3D),
        Matching.NuScenes.defaults());
    System.out.println("| matching | evaluator, first call s | evaluator, best of 3 more s | reference s | "
        + "reference / evaluator (best) | mAP | agree |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (Matching m : matchings) {
      long t = System.nanoTime();
      Det3dResult fast = Det3dEvaluator.evaluate(data.gts(), data.dets(), m);
      double cold = secs(t);
      t = System.nanoTime();
      List<Det3dReference.Run> ref = Det3dReference.evaluate(data.gts(), data.dets(), m);
      double refS = secs(t);
      String diff = compare(fast, ref);
      double best = Double.MAX_VALUE;
      for (int i = 0; i < 3; i++) {
        t = System.nanoTime();
        Det3dEvaluator.evaluate(data.gts(), data.dets(), m);
        best = Math.min(best, secs(t));
      }
      System.out.printf("| %s | %.2f | %.2f | %.2f | %.1fx | %.4f | %s |%n", name(m), cold, best, refS, refS / best,
          fast.meanAp(), diff == null ? "yes" : "NO: " + diff);
      if (diff != null) {
        throw new IllegalStateException("evaluator and reference disagree: " + diff);
      }
    }
  }

  private static String name(Matching m) {
    return switch (m) {
      case Matching.Kitti k -> "KITTI " + k.iou() + " (R40)";
      case Matching.NuScenes n -> "nuScenes " + n.distances() + " m";
    };
  }

  /** The first difference between the two evaluations, or null when they agree exactly. */
  static String compare(Det3dResult fast, List<Det3dReference.Run> ref) {
    for (int t = 0; t < ref.size(); t++) {
      ThresholdResult f = fast.thresholds().get(t);
      Det3dReference.Run r = ref.get(t);
      for (int i = 0; i < f.detectionCount(); i++) {
        DetectionOutcome o = f.detection(i);
        if (o.status().ordinal() != r.status()[i] || o.gt() != r.gt()[i]
            || Double.compare(o.affinity(), r.affinity()[i]) != 0) {
          return "run " + t + " detection " + i + ": " + o + " vs status " + r.status()[i] + ", gt " + r.gt()[i]
              + ", affinity " + r.affinity()[i];
        }
      }
      for (int j = 0; j < f.groundTruthCount(); j++) {
        if (f.groundTruth(j).detection() != r.gtMatch()[j]) {
          return "run " + t + " ground truth " + j + ": " + f.groundTruth(j) + " vs detection " + r.gtMatch()[j];
        }
      }
      for (Map.Entry<String, double[]> e : r.apAp11Grid().entrySet()) {
        CategoryAp c = f.category(e.getKey());
        double[] v = e.getValue();
        if (Double.compare(c.ap(), v[0]) != 0 || Double.compare(c.ap11(), v[1]) != 0
            || !Arrays.equals(c.precisionGrid(), Arrays.copyOfRange(v, 2, v.length))) {
          return "run " + t + " category " + e.getKey() + ": ap " + c.ap() + " vs " + v[0] + ", ap11 " + c.ap11()
              + " vs " + v[1];
        }
      }
    }
    return null;
  }

  private static double secs(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
