package dev.fleetmine.bench;

import dev.fleetmine.eval.coco.CocoDetections;
import dev.fleetmine.eval.coco.CocoGroundTruth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic, val2017-shaped COCO problem: 640x480 images with an exponential number of boxes
 * (mean 7.3, about 1% of images empty), 80 categories with a skewed frequency (the first ~25%), box sizes
 * small/medium/large in COCO's proportions (41/34/25%), an {@code area} field below w*h as a mask's
 * would be, about 1% crowd regions, and a fixed number of detections per image: jittered copies of the
 * boxes (a good one, sometimes a duplicate, sometimes a wrong label) topped up with random false
 * positives, scores rounded to 3 decimals so that ties occur.
 */
final class CocoSynth {
  /** The 80 COCO category ids (1..90 with COCO's gaps). */
  static final long[] CATEGORY_IDS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
      23, 24, 25, 27, 28, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 46, 47, 48, 49, 50, 51, 52, 53,
      54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 67, 70, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 84, 85,
      86, 87, 88, 89, 90};
  private static final double W = 640;
  private static final double H = 480;

  /** A generated box (ground truth when score is NaN). */
  record Box(long imageId, long categoryId, double x, double y, double w, double h, double area, boolean crowd,
      double score) {}

  /** The generated problem, as rows (for the reference) and as the evaluator's columns. */
  record Data(List<Box> gts, List<Box> dets, long[] imageIds, CocoGroundTruth gt, CocoDetections dt) {}

  private final SplittableRandom rnd;
  private final double[] catCdf;

  private CocoSynth(long seed) {
    this.rnd = new SplittableRandom(seed);
    double[] w = new double[CATEGORY_IDS.length];
    double sum = 0;
    for (int k = 0; k < w.length; k++) {
      w[k] = k == 0 ? 12 : 1 / Math.pow(k, 0.8);
      sum += w[k];
    }
    catCdf = new double[w.length];
    double acc = 0;
    for (int k = 0; k < w.length; k++) {
      acc += w[k] / sum;
      catCdf[k] = acc;
    }
  }

  /** Generates {@code images} images with {@code detsPerImage} detections each (seed fixed by the caller). */
  static Data generate(int images, int detsPerImage, long seed) {
    CocoSynth s = new CocoSynth(seed);
    List<Box> gts = new ArrayList<>();
    List<Box> dets = new ArrayList<>();
    long[] imageIds = new long[images];
    for (int i = 0; i < images; i++) {
      long img = 100_000L + i * 7L; // sparse ids, like COCO's
      imageIds[i] = img;
      List<Box> imageGts = s.groundTruth(img);
      gts.addAll(imageGts);
      dets.addAll(s.detections(img, imageGts, detsPerImage));
    }
    return new Data(gts, dets, imageIds, toGroundTruth(gts, imageIds), toDetections(dets));
  }

  private List<Box> groundTruth(long img) {
    List<Box> out = new ArrayList<>();
    if (rnd.nextDouble() < 0.01) {
      return out;
    }
    int n = Math.min(60, 1 + (int) (-Math.log(1 - rnd.nextDouble()) * 6.3));
    long[] present = new long[1 + rnd.nextInt(4)];
    for (int i = 0; i < present.length; i++) {
      present[i] = category();
    }
    for (int i = 0; i < n; i++) {
      long cat = present[rnd.nextInt(present.length)];
      boolean crowd = rnd.nextDouble() < 0.01;
      double u = rnd.nextDouble();
      double side = crowd || u >= 0.75 ? rnd.nextDouble(96, 400) : u < 0.41 ? rnd.nextDouble(4, 32)
          : rnd.nextDouble(32, 96);
      double aspect = Math.exp(rnd.nextDouble(-0.7, 0.7));
      double w = round2(Math.min(W, side * Math.sqrt(aspect)));
      double h = round2(Math.min(H, side / Math.sqrt(aspect)));
      double x = round2(rnd.nextDouble() * (W - w));
      double y = round2(rnd.nextDouble() * (H - h));
      double area = round2(w * h * rnd.nextDouble(0.45, 0.95));
      out.add(new Box(img, cat, x, y, w, h, area, crowd, Double.NaN));
    }
    return out;
  }

  private List<Box> detections(long img, List<Box> gts, int perImage) {
    List<Box> out = new ArrayList<>();
    for (Box g : gts) {
      if (rnd.nextDouble() < 0.9) {
        out.add(jitter(g, g.categoryId(), 0.04, rnd.nextDouble(0.3, 1.0)));
      }
      if (rnd.nextDouble() < 0.5) {
        out.add(jitter(g, g.categoryId(), 0.15, rnd.nextDouble(0.05, 0.7)));
      }
      if (rnd.nextDouble() < 0.1) {
        out.add(jitter(g, category(), 0.08, rnd.nextDouble(0.05, 0.6)));
      }
    }
    // a detector keeps its best-scoring boxes
    out.sort(Comparator.comparingDouble(Box::score).reversed());
    if (out.size() > perImage) {
      out.subList(perImage, out.size()).clear();
    }
    while (out.size() < perImage) {
      long cat = !gts.isEmpty() && rnd.nextBoolean() ? gts.get(rnd.nextInt(gts.size())).categoryId() : category();
      double side = Math.exp(rnd.nextDouble(Math.log(6), Math.log(300)));
      double w = round2(Math.min(W, side * Math.exp(rnd.nextDouble(-0.5, 0.5))));
      double h = round2(Math.min(H, side * Math.exp(rnd.nextDouble(-0.5, 0.5))));
      out.add(new Box(img, cat, round2(rnd.nextDouble() * (W - w)), round2(rnd.nextDouble() * (H - h)), w, h,
          Double.NaN, false, round3(Math.pow(rnd.nextDouble(), 2) * 0.6)));
    }
    // detectors' output order within an image is arbitrary
    for (int i = out.size() - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      Box t = out.get(i);
      out.set(i, out.get(j));
      out.set(j, t);
    }
    return out;
  }

  private Box jitter(Box g, long cat, double sigma, double score) {
    double w = round2(Math.max(1, g.w() * (1 + rnd.nextGaussian() * sigma)));
    double h = round2(Math.max(1, g.h() * (1 + rnd.nextGaussian() * sigma)));
    double x = round2(g.x() + rnd.nextGaussian() * sigma * g.w());
    double y = round2(g.y() + rnd.nextGaussian() * sigma * g.h());
    return new Box(g.imageId(), cat, x, y, w, h, Double.NaN, false, round3(score));
  }

  private long category() {
    double u = rnd.nextDouble();
    for (int k = 0; k < catCdf.length; k++) {
      if (u < catCdf[k]) {
        return CATEGORY_IDS[k];
      }
    }
    return CATEGORY_IDS[CATEGORY_IDS.length - 1];
  }

  private static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static CocoGroundTruth toGroundTruth(List<Box> gts, long[] imageIds) {
    CocoGroundTruth.Builder b = CocoGroundTruth.builder("synthetic ground truth");
    for (long img : imageIds) {
      b.addImage(img);
    }
    for (long c : CATEGORY_IDS) {
      b.addCategory(c, "c" + c);
    }
    for (int i = 0; i < gts.size(); i++) {
      Box g = gts.get(i);
      b.addAnnotation(i + 1, g.imageId(), g.categoryId(), g.x(), g.y(), g.w(), g.h(), g.area(), g.crowd());
    }
    return b.build();
  }

  private static CocoDetections toDetections(List<Box> dets) {
    CocoDetections.Builder b = CocoDetections.builder("synthetic results", "");
    for (Box d : dets) {
      b.add(d.imageId(), d.categoryId(), d.x(), d.y(), d.w(), d.h(), d.score());
    }
    return b.build();
  }
}
