package dev.fleetmine.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The peer of {@code bench/run coco}: pycocotools' cocoeval.py ported to Java line by line, the way a
 * newcomer would write it: annotations as {@code Map<String, Object>} (Python dicts), {@code (image,
 * category)} tuples as {@code List<Long>} keys, lists of boxed Doubles, numpy arrays as {@code double[][]},
 * argsort as a stable sort of boxed indices, and the matching loops rescanning per threshold. It keeps
 * its own copies of the numpy behaviour it needs (linspace, searchsorted, pairwise mean) so that it is
 * an independent check of the optimised evaluator, not a second caller of it. Bench-only.
 */
final class NaiveCocoEval {
  private final List<Double> iouThrs = linspace(.5, 0.95, (int) Math.round((0.95 - .5) / .05) + 1);
  private final List<Double> recThrs = linspace(.0, 1.00, (int) Math.round((1.00 - .0) / .01) + 1);
  private final List<double[]> areaRng = List.of(new double[] {0, 1e5 * 1e5}, new double[] {0, 32 * 32},
      new double[] {32 * 32, 96 * 96}, new double[] {96 * 96, 1e5 * 1e5});
  private final List<Integer> maxDets = List.of(1, 10, 100);
  private final List<Long> imgIds;
  private final List<Long> catIds;
  private final List<Map<String, Object>> gtAnns;
  private final List<Map<String, Object>> dtAnns;
  private final Map<List<Long>, List<Map<String, Object>>> gts = new HashMap<>();
  private final Map<List<Long>, List<Map<String, Object>>> dts = new HashMap<>();
  private final Map<List<Long>, double[][]> ious = new HashMap<>();
  private final List<Map<String, Object>> evalImgs = new ArrayList<>();
  private double[][][][][] precision;
  private double[][][][] recall;

  /**
   * @param gtAnns  annotations as dicts: id, image_id, category_id, bbox (List of 4 Doubles), area, iscrowd
   * @param results detections as dicts: image_id, category_id, bbox, score (loadRes adds id, area, iscrowd)
   */
  NaiveCocoEval(List<Map<String, Object>> gtAnns, List<Map<String, Object>> results, List<Long> imgIds,
      List<Long> catIds) {
    this.gtAnns = gtAnns;
    this.dtAnns = loadRes(results);
    this.imgIds = new ArrayList<>(new TreeSet<>(imgIds));
    this.catIds = new ArrayList<>(new TreeSet<>(catIds));
  }

  /** evaluate(); accumulate(); summarize(): the 12 stats. */
  double[] run() {
    evaluate();
    accumulate();
    return summarize();
  }

  private static List<Map<String, Object>> loadRes(List<Map<String, Object>> anns) {
    List<Map<String, Object>> res = new ArrayList<>();
    for (int id = 0; id < anns.size(); id++) {
      Map<String, Object> ann = new HashMap<>(anns.get(id));
      @SuppressWarnings("unchecked")
      List<Double> bb = (List<Double>) ann.get("bbox");
      ann.put("area", bb.get(2) * bb.get(3));
      ann.put("id", (long) (id + 1));
      ann.put("iscrowd", 0);
      res.add(ann);
    }
    return res;
  }

  private void prepare() {
    Set<Long> imgSet = new HashSet<>(imgIds);
    Set<Long> catSet = new HashSet<>(catIds);
    for (Map<String, Object> gt : gtAnns) {
      gt.put("ignore", ((Integer) gt.get("iscrowd")) != 0);
      if (imgSet.contains(gt.get("image_id")) && catSet.contains(gt.get("category_id"))) {
        gts.computeIfAbsent(List.of((Long) gt.get("image_id"), (Long) gt.get("category_id")),
            k -> new ArrayList<>()).add(gt);
      }
    }
    for (Map<String, Object> dt : dtAnns) {
      if (imgSet.contains(dt.get("image_id")) && catSet.contains(dt.get("category_id"))) {
        dts.computeIfAbsent(List.of((Long) dt.get("image_id"), (Long) dt.get("category_id")),
            k -> new ArrayList<>()).add(dt);
      }
    }
  }

  private void evaluate() {
    prepare();
    for (Long imgId : imgIds) {
      for (Long catId : catIds) {
        ious.put(List.of(imgId, catId), computeIoU(imgId, catId));
      }
    }
    int maxDet = maxDets.get(maxDets.size() - 1);
    for (Long catId : catIds) {
      for (double[] a : areaRng) {
        for (Long imgId : imgIds) {
          evalImgs.add(evaluateImg(imgId, catId, a, maxDet));
        }
      }
    }
  }

  private List<Map<String, Object>> sortedByScore(List<Map<String, Object>> dt) {
    List<Map<String, Object>> sorted = new ArrayList<>(dt);
    sorted.sort(Comparator.comparingDouble(d -> -(Double) d.get("score"))); // List.sort is stable
    return sorted;
  }

  @SuppressWarnings("unchecked")
  private double[][] computeIoU(Long imgId, Long catId) {
    List<Map<String, Object>> gt = gts.getOrDefault(List.of(imgId, catId), List.of());
    List<Map<String, Object>> dt = dts.getOrDefault(List.of(imgId, catId), List.of());
    if (gt.isEmpty() && dt.isEmpty()) {
      return new double[0][0];
    }
    dt = sortedByScore(dt);
    if (dt.size() > maxDets.get(maxDets.size() - 1)) {
      dt = dt.subList(0, maxDets.get(maxDets.size() - 1));
    }
    if (dt.isEmpty() || gt.isEmpty()) {
      return new double[0][0];
    }
    double[][] o = new double[dt.size()][gt.size()];
    for (int g = 0; g < gt.size(); g++) {
      List<Double> gb = (List<Double>) gt.get(g).get("bbox");
      boolean crowd = ((Integer) gt.get(g).get("iscrowd")) != 0;
      for (int d = 0; d < dt.size(); d++) {
        List<Double> db = (List<Double>) dt.get(d).get("bbox");
        o[d][g] = bbIou(db, gb, crowd);
      }
    }
    return o;
  }

  private static double bbIou(List<Double> d, List<Double> g, boolean crowd) {
    double ga = g.get(2) * g.get(3);
    double da = d.get(2) * d.get(3);
    double w = Math.min(d.get(2) + d.get(0), g.get(2) + g.get(0)) - Math.max(d.get(0), g.get(0));
    if (w <= 0) {
      return 0;
    }
    double h = Math.min(d.get(3) + d.get(1), g.get(3) + g.get(1)) - Math.max(d.get(1), g.get(1));
    if (h <= 0) {
      return 0;
    }
    double i = w * h;
    double u = crowd ? da : da + ga - i;
    return i / u;
  }

  private Map<String, Object> evaluateImg(Long imgId, Long catId, double[] aRng, int maxDet) {
    List<Map<String, Object>> gt = gts.getOrDefault(List.of(imgId, catId), List.of());
    List<Map<String, Object>> dt = dts.getOrDefault(List.of(imgId, catId), List.of());
    if (gt.isEmpty() && dt.isEmpty()) {
      return null;
    }
    for (Map<String, Object> g : gt) {
      double area = (Double) g.get("area");
      g.put("_ignore", (Boolean) g.get("ignore") || area < aRng[0] || area > aRng[1] ? 1 : 0);
    }
    List<Integer> gtind = new ArrayList<>();
    for (int i = 0; i < gt.size(); i++) {
      gtind.add(i);
    }
    final List<Map<String, Object>> gt0 = gt;
    gtind.sort(Comparator.comparingInt(i -> (Integer) gt0.get(i).get("_ignore")));
    List<Map<String, Object>> gtSorted = new ArrayList<>();
    for (int i : gtind) {
      gtSorted.add(gt.get(i));
    }
    gt = gtSorted;
    dt = sortedByScore(dt);
    if (dt.size() > maxDet) {
      dt = dt.subList(0, maxDet);
    }
    List<Integer> iscrowd = new ArrayList<>();
    for (Map<String, Object> g : gt) {
      iscrowd.add((Integer) g.get("iscrowd"));
    }
    double[][] iousAll = ious.get(List.of(imgId, catId));
    int nT = iouThrs.size();
    int nG = gt.size();
    int nD = dt.size();
    double[][] gtm = new double[nT][nG];
    double[][] dtm = new double[nT][nD];
    List<Integer> gtIg = new ArrayList<>();
    for (Map<String, Object> g : gt) {
      gtIg.add((Integer) g.get("_ignore"));
    }
    double[][] dtIg = new double[nT][nD];
    if (iousAll.length != 0) {
      for (int tind = 0; tind < nT; tind++) {
        double t = iouThrs.get(tind);
        for (int dind = 0; dind < nD; dind++) {
          Map<String, Object> d = dt.get(dind);
          double iou = Math.min(t, 1 - 1e-10);
          int m = -1;
          for (int gind = 0; gind < nG; gind++) {
            if (gtm[tind][gind] > 0 && iscrowd.get(gind) == 0) {
              continue;
            }
            if (m > -1 && gtIg.get(m) == 0 && gtIg.get(gind) == 1) {
              break;
            }
            double v = iousAll[dind][gtind.get(gind)];
            if (v < iou) {
              continue;
            }
            iou = v;
            m = gind;
          }
          if (m == -1) {
            continue;
          }
          dtIg[tind][dind] = gtIg.get(m);
          dtm[tind][dind] = (Long) gt.get(m).get("id");
          gtm[tind][m] = (Long) d.get("id");
        }
      }
    }
    for (int dind = 0; dind < nD; dind++) {
      double area = (Double) dt.get(dind).get("area");
      boolean out = area < aRng[0] || area > aRng[1];
      for (int tind = 0; tind < nT; tind++) {
        dtIg[tind][dind] = dtIg[tind][dind] != 0 || (dtm[tind][dind] == 0 && out) ? 1 : 0;
      }
    }
    List<Double> dtScores = new ArrayList<>();
    for (Map<String, Object> d : dt) {
      dtScores.add((Double) d.get("score"));
    }
    Map<String, Object> r = new HashMap<>();
    r.put("dtMatches", dtm);
    r.put("gtMatches", gtm);
    r.put("dtScores", dtScores);
    r.put("gtIgnore", gtIg);
    r.put("dtIgnore", dtIg);
    return r;
  }

  @SuppressWarnings("unchecked")
  private void accumulate() {
    int nT = iouThrs.size();
    int nR = recThrs.size();
    int nK = catIds.size();
    int nA = areaRng.size();
    int nM = maxDets.size();
    precision = new double[nT][nR][nK][nA][nM];
    recall = new double[nT][nK][nA][nM];
    for (double[][][][] a : precision) {
      for (double[][][] b : a) {
        for (double[][] c : b) {
          for (double[] d : c) {
            Arrays.fill(d, -1);
          }
        }
      }
    }
    for (double[][][] a : recall) {
      for (double[][] b : a) {
        for (double[] c : b) {
          Arrays.fill(c, -1);
        }
      }
    }
    int i0 = imgIds.size();
    int a0n = areaRng.size();
    for (int k = 0; k < nK; k++) {
      int nk = k * a0n * i0;
      for (int a = 0; a < nA; a++) {
        int na = a * i0;
        for (int m = 0; m < nM; m++) {
          int maxDet = maxDets.get(m);
          List<Map<String, Object>> e = new ArrayList<>();
          for (int i = 0; i < i0; i++) {
            Map<String, Object> x = evalImgs.get(nk + na + i);
            if (x != null) {
              e.add(x);
            }
          }
          if (e.isEmpty()) {
            continue;
          }
          List<Double> dtScores = new ArrayList<>();
          for (Map<String, Object> x : e) {
            List<Double> s = (List<Double>) x.get("dtScores");
            dtScores.addAll(s.subList(0, Math.min(maxDet, s.size())));
          }
          List<Integer> inds = new ArrayList<>();
          for (int i = 0; i < dtScores.size(); i++) {
            inds.add(i);
          }
          inds.sort(Comparator.comparingDouble(i -> -dtScores.get(i)));
          double[][] dtm = concatColumns(e, "dtMatches", maxDet, inds, nT);
          double[][] dtIg = concatColumns(e, "dtIgnore", maxDet, inds, nT);
          int npig = 0;
          for (Map<String, Object> x : e) {
            for (int g : (List<Integer>) x.get("gtIgnore")) {
              npig += g == 0 ? 1 : 0;
            }
          }
          if (npig == 0) {
            continue;
          }
          for (int t = 0; t < nT; t++) {
            curve(dtm[t], dtIg[t], npig, t, k, a, m);
          }
        }
      }
    }
  }

  private static double[][] concatColumns(List<Map<String, Object>> e, String key, int maxDet, List<Integer> inds,
      int nT) {
    List<List<Double>> rows = new ArrayList<>();
    for (int t = 0; t < nT; t++) {
      rows.add(new ArrayList<>());
    }
    for (Map<String, Object> x : e) {
      double[][] mat = (double[][]) x.get(key);
      for (int t = 0; t < nT; t++) {
        for (int j = 0; j < Math.min(maxDet, mat[t].length); j++) {
          rows.get(t).add(mat[t][j]);
        }
      }
    }
    double[][] out = new double[nT][inds.size()];
    for (int t = 0; t < nT; t++) {
      for (int j = 0; j < inds.size(); j++) {
        out[t][j] = rows.get(t).get(inds.get(j));
      }
    }
    return out;
  }

  private void curve(double[] dtm, double[] dtIg, int npig, int t, int k, int a, int m) {
    int nd = dtm.length;
    List<Double> tp = new ArrayList<>();
    List<Double> fp = new ArrayList<>();
    double tpSum = 0;
    double fpSum = 0;
    for (int i = 0; i < nd; i++) {
      boolean ig = dtIg[i] != 0;
      tpSum += dtm[i] != 0 && !ig ? 1 : 0;
      fpSum += dtm[i] == 0 && !ig ? 1 : 0;
      tp.add(tpSum);
      fp.add(fpSum);
    }
    List<Double> rc = new ArrayList<>();
    List<Double> pr = new ArrayList<>();
    for (int i = 0; i < nd; i++) {
      rc.add(tp.get(i) / npig);
      pr.add(tp.get(i) / (fp.get(i) + tp.get(i) + Math.ulp(1.0)));
    }
    recall[t][k][a][m] = nd > 0 ? rc.get(nd - 1) : 0;
    for (int i = nd - 1; i > 0; i--) {
      if (pr.get(i) > pr.get(i - 1)) {
        pr.set(i - 1, pr.get(i));
      }
    }
    double[] q = new double[recThrs.size()];
    for (int ri = 0; ri < recThrs.size(); ri++) {
      int pi = searchsortedLeft(rc, recThrs.get(ri));
      if (pi >= nd) {
        break; // pycocotools: IndexError, the rest stays 0
      }
      q[ri] = pr.get(pi);
    }
    for (int ri = 0; ri < recThrs.size(); ri++) {
      precision[t][ri][k][a][m] = q[ri];
    }
  }

  private double[] summarize() {
    int last = maxDets.size() - 1;
    return new double[] {summ(true, null, 0, last), summ(true, .5, 0, last), summ(true, .75, 0, last),
        summ(true, null, 1, last), summ(true, null, 2, last), summ(true, null, 3, last),
        summ(false, null, 0, 0), summ(false, null, 0, 1), summ(false, null, 0, last),
        summ(false, null, 1, last), summ(false, null, 2, last), summ(false, null, 3, last)};
  }

  private double summ(boolean ap, Double iouThr, int a, int m) {
    List<Double> s = new ArrayList<>();
    for (int t = 0; t < iouThrs.size(); t++) {
      if (iouThr != null && iouThrs.get(t).doubleValue() != iouThr) {
        continue;
      }
      if (ap) {
        for (int r = 0; r < recThrs.size(); r++) {
          for (int k = 0; k < catIds.size(); k++) {
            s.add(precision[t][r][k][a][m]);
          }
        }
      } else {
        for (int k = 0; k < catIds.size(); k++) {
          s.add(recall[t][k][a][m]);
        }
      }
    }
    List<Double> kept = new ArrayList<>();
    for (Double v : s) {
      if (v > -1) {
        kept.add(v);
      }
    }
    return kept.isEmpty() ? -1 : npSum(kept, 0, kept.size()) / kept.size();
  }

  /** numpy's pairwise summation (blocks of 8 lanes up to 128 elements, halves above). */
  private static double npSum(List<Double> a, int from, int n) {
    if (n < 8) {
      double res = 0.;
      for (int i = 0; i < n; i++) {
        res += a.get(from + i);
      }
      return res;
    }
    if (n <= 128) {
      double[] r = new double[8];
      for (int j = 0; j < 8; j++) {
        r[j] = a.get(from + j);
      }
      int i;
      for (i = 8; i < n - (n % 8); i += 8) {
        for (int j = 0; j < 8; j++) {
          r[j] += a.get(from + i + j);
        }
      }
      double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
      for (; i < n; i++) {
        res += a.get(from + i);
      }
      return res;
    }
    int n2 = n / 2;
    n2 -= n2 % 8;
    return npSum(a, from, n2) + npSum(a, from + n2, n - n2);
  }

  private static int searchsortedLeft(List<Double> a, double v) {
    int lo = 0;
    int hi = a.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a.get(mid) < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static List<Double> linspace(double start, double stop, int num) {
    List<Double> y = new ArrayList<>();
    double step = (stop - start) / (num - 1);
    for (int i = 0; i < num; i++) {
      y.add(i == num - 1 ? stop : i * step + start);
    }
    return y;
  }
}
