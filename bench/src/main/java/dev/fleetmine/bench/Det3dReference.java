package dev.fleetmine.bench;

import dev.fleetmine.eval.det3d.BoxGeometry;
import dev.fleetmine.eval.det3d.Detection;
import dev.fleetmine.eval.det3d.GroundTruth;
import dev.fleetmine.eval.det3d.IouKind;
import dev.fleetmine.eval.det3d.Matching;
import dev.fleetmine.eval.det3d.SampleKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The straightforward evaluator {@link Det3dBench} checks the fast one against: per category, boxed
 * detections sorted with a comparator, and for each detection a loop over every ground truth of its sample
 * (a map of lists), recomputing the IoU or distance each time; taken ground truth in a hash set; AP by
 * scanning the whole curve for every recall point. Same definitions as {@code dev.fleetmine.eval.det3d}.
 */
final class Det3dReference {
  /** Outcomes at one threshold: per detection status (0 TP, 1 FP, 2 ignored), gt, affinity; per gt its det. */
  record Run(int[] status, int[] gt, double[] affinity, int[] gtMatch, Map<String, double[]> apAp11Grid) {}

  private Det3dReference() {}

  static List<Run> evaluate(List<GroundTruth> gts, List<Detection> dets, Matching matching) {
    Map<SampleKey, List<Integer>> bySample = new HashMap<>();
    for (int j = 0; j < gts.size(); j++) {
      bySample.computeIfAbsent(gts.get(j).sample(), k -> new ArrayList<>()).add(j);
    }
    Set<String> cats = new TreeSet<>();
    gts.forEach(g -> cats.add(g.category()));
    dets.forEach(d -> cats.add(d.category()));
    List<Run> runs = new ArrayList<>();
    for (int t = 0; t < matching.runs(); t++) {
      Run run = new Run(new int[dets.size()], new int[dets.size()], new double[dets.size()], new int[gts.size()],
          new HashMap<>());
      java.util.Arrays.fill(run.gtMatch(), -1);
      for (String cat : cats) {
        List<Integer> ranked = rank(dets, cat, matching instanceof Matching.NuScenes);
        for (int i : ranked) {
          if (matching instanceof Matching.Kitti k) {
            matchKitti(i, gts, dets, bySample, k, run);
          } else {
            matchNuScenes(i, gts, dets, bySample, ((Matching.NuScenes) matching).distances().get(t), run);
          }
        }
        run.apAp11Grid().put(cat, ap(ranked, gts, cat, run, matching));
      }
      runs.add(run);
    }
    return runs;
  }

  /** Detections of the category by descending score; ties by index, ascending (KITTI) or descending. */
  private static List<Integer> rank(List<Detection> dets, String cat, boolean laterFirst) {
    List<Integer> ranked = new ArrayList<>();
    for (int i = 0; i < dets.size(); i++) {
      if (dets.get(i).category().equals(cat)) {
        ranked.add(i);
      }
    }
    Comparator<Integer> byScore = Comparator.comparingDouble((Integer i) -> dets.get(i).score()).reversed();
    ranked.sort(byScore.thenComparing(laterFirst ? Comparator.<Integer>reverseOrder() : Comparator.naturalOrder()));
    return ranked;
  }

  private static void matchKitti(int i, List<GroundTruth> gts, List<Detection> dets,
      Map<SampleKey, List<Integer>> bySample, Matching.Kitti k, Run run) {
    Detection d = dets.get(i);
    double thr = k.threshold(d.category());
    Integer best = null;
    Integer bestIgnored = null;
    Integer nearest = null;
    double bestV = 0;
    double bestIgnoredV = 0;
    double nearestV = 0;
    for (int j : bySample.getOrDefault(d.sample(), List.of())) {
      GroundTruth g = gts.get(j);
      if (!g.category().equals(d.category())) {
        continue;
      }
      double v = k.iou() == IouKind.BEV ? BoxGeometry.bevIou(d.box(), g.box()) : BoxGeometry.iou3d(d.box(), g.box());
      if (v > nearestV) {
        nearest = j;
        nearestV = v;
      }
      boolean taken = run.gtMatch()[j] >= 0;
      if (taken || v < thr) {
        continue;
      }
      if (g.ignore() && (bestIgnored == null || v > bestIgnoredV)) {
        bestIgnored = j;
        bestIgnoredV = v;
      } else if (!g.ignore() && (best == null || v > bestV)) {
        best = j;
        bestV = v;
      }
    }
    if (best != null) {
      set(run, i, 0, best, bestV);
    } else if (bestIgnored != null) {
      set(run, i, 2, bestIgnored, bestIgnoredV);
    } else {
      run.status()[i] = 1;
      run.gt()[i] = nearest == null ? -1 : nearest;
      run.affinity()[i] = nearestV;
    }
  }

  private static void matchNuScenes(int i, List<GroundTruth> gts, List<Detection> dets,
      Map<SampleKey, List<Integer>> bySample, double dist, Run run) {
    Detection d = dets.get(i);
    Integer min = null;
    Integer nearest = null;
    double minD = Double.POSITIVE_INFINITY;
    double nearestD = Double.POSITIVE_INFINITY;
    for (int j : bySample.getOrDefault(d.sample(), List.of())) {
      GroundTruth g = gts.get(j);
      if (!g.category().equals(d.category()) || g.ignore()) {
        continue;
      }
      double v = BoxGeometry.centreDistance(d.box(), g.box());
      if (v < nearestD) {
        nearest = j;
        nearestD = v;
      }
      if (run.gtMatch()[j] < 0 && v < minD) {
        min = j;
        minD = v;
      }
    }
    if (min != null && minD < dist) {
      set(run, i, 0, min, minD);
    } else {
      run.status()[i] = 1;
      run.gt()[i] = nearest == null ? -1 : nearest;
      run.affinity()[i] = nearest == null ? Double.NaN : nearestD;
    }
  }

  private static void set(Run run, int i, int status, int j, double v) {
    run.status()[i] = status;
    run.gt()[i] = j;
    run.affinity()[i] = v;
    run.gtMatch()[j] = i;
  }

  /** {ap, ap11, precision grid...} of one category. */
  private static double[] ap(List<Integer> ranked, List<GroundTruth> gts, String cat, Run run, Matching m) {
    long positives = gts.stream().filter(g -> g.category().equals(cat) && !g.ignore()).count();
    List<double[]> curve = new ArrayList<>(); // {recall, precision}
    int tp = 0;
    int n = 0;
    for (int i : ranked) {
      if (run.status()[i] == 2) {
        continue;
      }
      n++;
      tp += run.status()[i] == 0 ? 1 : 0;
      curve.add(new double[] {positives == 0 ? 0 : (double) tp / positives, (double) tp / n});
    }
    if (m instanceof Matching.NuScenes ns) {
      return nuScenesAp(curve, tp, ns);
    }
    double[] out = new double[2 + 40];
    double sum = 0;
    for (int k = 1; k <= 40; k++) {
      out[1 + k] = maxPrecisionFrom(curve, k / 40.0);
      sum += out[1 + k];
    }
    out[0] = sum / 40;
    double sum11 = 0;
    for (int k = 0; k <= 10; k++) {
      sum11 += maxPrecisionFrom(curve, k / 10.0);
    }
    out[1] = sum11 / 11;
    return out;
  }

  private static double maxPrecisionFrom(List<double[]> curve, double r) {
    double best = 0;
    for (double[] p : curve) {
      if (p[0] >= r) {
        best = Math.max(best, p[1]);
      }
    }
    return best;
  }

  /** np.interp onto np.linspace(0, 1, 101) by a forward scan, then calc_ap with numpy's summation. */
  private static double[] nuScenesAp(List<double[]> curve, int tp, Matching.NuScenes ns) {
    double[] out = new double[2 + 101];
    out[1] = Double.NaN;
    if (tp > 0) {
      int j = 0;
      for (int k = 0; k <= 100; k++) {
        double x = k == 100 ? 1.0 : k * (1.0 / 100);
        while (j + 1 < curve.size() && curve.get(j + 1)[0] <= x) {
          j++;
        }
        double[] p = curve.get(j);
        if (x < curve.get(0)[0]) {
          out[2 + k] = curve.get(0)[1];
        } else if (x > curve.get(curve.size() - 1)[0]) {
          out[2 + k] = 0;
        } else if (j == curve.size() - 1 || p[0] == x) {
          out[2 + k] = p[1];
        } else {
          double[] q = curve.get(j + 1);
          out[2 + k] = (q[1] - p[1]) / (q[0] - p[0]) * (x - p[0]) + p[1];
        }
      }
    }
    int from = (int) Math.rint(100 * ns.minRecall()) + 1;
    double[] v = new double[101 - from];
    for (int k = 0; k < v.length; k++) {
      v[k] = Math.max(out[2 + from + k] - ns.minPrecision(), 0);
    }
    out[0] = pairwiseSum(v) / v.length / (1.0 - ns.minPrecision());
    return out;
  }

  /** numpy's float64 summation for up to 128 values: eight running sums, combined pairwise. */
  private static double pairwiseSum(double[] v) {
    if (v.length < 8) {
      double s = 0;
      for (double d : v) {
        s += d;
      }
      return s;
    }
    double[] r = java.util.Arrays.copyOf(v, 8);
    int i = 8;
    for (; i + 8 <= v.length; i += 8) {
      for (int k = 0; k < 8; k++) {
        r[k] += v[i + k];
      }
    }
    double s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < v.length; i++) {
      s += v[i];
    }
    return s;
  }
}
