package dev.fleetmine.eval.det3d;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Evaluates 3D detections against ground truth ({@link #evaluate}). Records become int-indexed primitive
 * columns, detections are sorted by score once, both sides are bucketed by (sample, category) with counting
 * sorts, and each bucket is matched on its own (buckets in parallel), so the cost is the IoUs of pairs that
 * share a sample and category.
 */
public final class Det3dEvaluator {
  private static final int CHUNKS = 64;

  private Det3dEvaluator() {}

  /**
   * Matches {@code detections} to {@code groundTruth} and computes AP per category.
   *
   * @throws IllegalArgumentException naming the list and position of a null element
   */
  public static Det3dResult evaluate(List<GroundTruth> groundTruth, List<Detection> detections, Matching matching) {
    Objects.requireNonNull(matching, "matching must not be null");
    List<GroundTruth> gts = copy("groundTruth", groundTruth);
    List<Detection> dets = copy("detections", detections);
    Indexed data = new Indexed(gts, dets);
    boolean nuScenes = matching instanceof Matching.NuScenes;
    int[] ranking = Orders.byScoreDescending(data.score, nuScenes);
    int runs = matching.runs();
    GroupMatcher.Outputs out = outputs(runs, dets.size(), gts.size());
    matchGroups(data, matching, ranking, out);
    int[] positives = new int[data.categories.length];
    for (int j = 0; j < data.gtCat.length; j++) {
      positives[data.gtCat[j]] += data.gtIgnore[j] ? 0 : 1;
    }
    List<ThresholdResult> results = new ArrayList<>();
    for (int t = 0; t < runs; t++) {
      int[][] ranked = rankedPerCategory(data, ranking, out.status()[t]);
      List<CategoryAp> aps = new ArrayList<>();
      for (int c = 0; c < data.categories.length; c++) {
        aps.add(categoryAp(data.categories[c], matching, t, positives[c], ranked[c], out.status()[t], dets));
      }
      results.add(new ThresholdResult(label(matching, t), gts, dets, out.status()[t], out.gt()[t],
          out.affinity()[t], out.gtMatch()[t], aps));
    }
    return new Det3dResult(matching, data.categoryList(), results);
  }

  private static <T> List<T> copy(String name, List<T> items) {
    Objects.requireNonNull(items, name + " must not be null");
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) == null) {
        throw new IllegalArgumentException(name + "[" + i + "] is null");
      }
    }
    return List.copyOf(items);
  }

  private static GroupMatcher.Outputs outputs(int runs, int nd, int ng) {
    byte[][] status = new byte[runs][nd];
    int[][] gt = new int[runs][nd];
    double[][] affinity = new double[runs][nd];
    int[][] gtMatch = new int[runs][ng];
    for (int t = 0; t < runs; t++) {
      Arrays.fill(status[t], ThresholdResult.FP);
      Arrays.fill(gt[t], -1);
      Arrays.fill(gtMatch[t], -1);
    }
    return new GroupMatcher.Outputs(status, gt, affinity, gtMatch);
  }

  /** Buckets both sides by (sample, category) and matches every bucket that has detections. */
  private static void matchGroups(Indexed data, Matching matching, int[] ranking, GroupMatcher.Outputs out) {
    int cats = data.categories.length;
    int[] dets = Orders.bySampleAndCategory(ranking, data.detCat, cats, data.detSample, data.samples);
    int[] identity = IntStream.range(0, data.gtCat.length).toArray();
    int[] gts = Orders.bySampleAndCategory(identity, data.gtCat, cats, data.gtSample, data.samples);
    int[] groups = groupBounds(data, dets, gts);
    int ngroups = groups.length / 4;
    double[] thresholds = kittiThresholds(data, matching);
    IntStream.range(0, CHUNKS).parallel().forEach(chunk -> {
      GroupMatcher m = new GroupMatcher(data, matching, thresholds, out);
      int from = (int) ((long) ngroups * chunk / CHUNKS);
      int to = (int) ((long) ngroups * (chunk + 1) / CHUNKS);
      for (int k = from; k < to; k++) {
        m.match(dets, groups[4 * k], groups[4 * k + 1], gts, groups[4 * k + 2], groups[4 * k + 3]);
      }
    });
  }

  /** (detFrom, detTo, gtFrom, gtTo) of each bucket that has detections, flattened. */
  private static int[] groupBounds(Indexed data, int[] dets, int[] gts) {
    int cats = data.categories.length;
    int[] bounds = new int[64];
    int n = 0;
    int gi = 0;
    for (int di = 0; di < dets.length;) {
      long key = (long) data.detSample[dets[di]] * cats + data.detCat[dets[di]];
      int de = di;
      while (de < dets.length && (long) data.detSample[dets[de]] * cats + data.detCat[dets[de]] == key) {
        de++;
      }
      while (gi < gts.length && (long) data.gtSample[gts[gi]] * cats + data.gtCat[gts[gi]] < key) {
        gi++;
      }
      int ge = gi;
      while (ge < gts.length && (long) data.gtSample[gts[ge]] * cats + data.gtCat[gts[ge]] == key) {
        ge++;
      }
      if (n + 4 > bounds.length) {
        bounds = Arrays.copyOf(bounds, 2 * bounds.length);
      }
      bounds[n++] = di;
      bounds[n++] = de;
      bounds[n++] = gi;
      bounds[n++] = ge;
      di = de;
      gi = ge;
    }
    return Arrays.copyOf(bounds, n);
  }

  private static double[] kittiThresholds(Indexed data, Matching matching) {
    double[] t = new double[data.categories.length];
    if (matching instanceof Matching.Kitti k) {
      for (int c = 0; c < t.length; c++) {
        t[c] = k.threshold(data.categories[c]);
      }
    }
    return t;
  }

  /** Each category's counted (not ignored) detections in ranking order. */
  private static int[][] rankedPerCategory(Indexed data, int[] ranking, byte[] status) {
    int cats = data.categories.length;
    int[] count = new int[cats];
    for (int d : ranking) {
      count[data.detCat[d]] += status[d] == ThresholdResult.IGNORED ? 0 : 1;
    }
    int[][] ranked = new int[cats][];
    for (int c = 0; c < cats; c++) {
      ranked[c] = new int[count[c]];
    }
    int[] fill = new int[cats];
    for (int d : ranking) {
      if (status[d] != ThresholdResult.IGNORED) {
        ranked[data.detCat[d]][fill[data.detCat[d]]++] = d;
      }
    }
    return ranked;
  }

  /** Accumulates precision/recall along the category's ranking and computes its AP. */
  private static CategoryAp categoryAp(String name, Matching matching, int t, int positives, int[] ranked,
      byte[] status, List<Detection> dets) {
    int n = ranked.length;
    double[] recall = new double[n];
    double[] precision = new double[n];
    int tp = 0;
    for (int k = 0; k < n; k++) {
      tp += status[ranked[k]] == ThresholdResult.TP ? 1 : 0;
      recall[k] = positives == 0 ? 0 : (double) tp / positives;
      precision[k] = (double) tp / (k + 1);
    }
    return switch (matching) {
      case Matching.Kitti kitti -> {
        double[] r40 = ApMath.r40Grid();
        double[] p40 = ApMath.maxToTheRight(recall, precision, n, r40);
        double ap11 = ApMath.mean(ApMath.maxToTheRight(recall, precision, n, ApMath.r11Grid()));
        yield new CategoryAp(name, kitti.threshold(name), positives, tp, n - tp, ApMath.mean(p40), ap11, r40, p40,
            ranked, status, dets);
      }
      case Matching.NuScenes ns -> {
        double[] p101 = ApMath.nuScenesPrecision(recall, precision, n, tp);
        double ap = ApMath.nuScenesAp(p101, ns.minRecall(), ns.minPrecision());
        yield new CategoryAp(name, ns.distances().get(t), positives, tp, n - tp, ap, Double.NaN,
            ApMath.nuScenesRecallGrid(), p101, ranked, status, dets);
      }
    };
  }

  private static String label(Matching matching, int t) {
    return switch (matching) {
      case Matching.Kitti k -> (k.iou() == IouKind.BEV ? "BEV" : "3D") + " IoU >= per-category threshold";
      case Matching.NuScenes n -> "centre distance < " + n.distances().get(t) + " m";
    };
  }
}
