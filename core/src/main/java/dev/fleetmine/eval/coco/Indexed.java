package dev.fleetmine.eval.coco;

import java.util.Arrays;

/**
 * Ground truth and detections mapped to dense image and category indices and grouped by (category,
 * image) with two stable counting sorts, so that each category's work is a contiguous slice of
 * primitive arrays. Input order is kept within a group (pycocotools' tie order).
 */
final class Indexed {
  final CocoGroundTruth gt;
  final CocoDetections dt;
  /** Sorted distinct image ids ({@code np.unique(imgIds)}): image index = position here. */
  final long[] imageIds;
  /** Sorted distinct category ids: category index = position here. */
  final long[] categoryIds;
  /** Per annotation: its image index, or -1 when its image or category is not evaluated. */
  final int[] gtImage;
  /** Evaluated annotations ordered by (category, image, input order); category k is [gtStart[k], gtStart[k+1]). */
  final int[] gtOrder;
  final int[] gtStart;
  /** Per detection: its image index, or -1 when its category is not evaluated. */
  final int[] dtImage;
  final int[] dtOrder;
  final int[] dtStart;

  Indexed(CocoGroundTruth gt, CocoDetections dt) {
    this.gt = gt;
    this.dt = dt;
    this.imageIds = sortedDistinct(gt.imageIds());
    long[] cats = new long[gt.categories().size()];
    for (int i = 0; i < cats.length; i++) {
      cats[i] = gt.categories().get(i).id();
    }
    this.categoryIds = sortedDistinct(cats);
    int ng = gt.size();
    this.gtImage = new int[ng];
    int[] gtCat = new int[ng];
    for (int i = 0; i < ng; i++) {
      int img = Arrays.binarySearch(imageIds, gt.imageId[i]);
      int cat = Arrays.binarySearch(categoryIds, gt.categoryId[i]);
      boolean used = img >= 0 && cat >= 0;
      gtImage[i] = used ? img : -1;
      gtCat[i] = used ? cat : -1;
    }
    int nd = dt.size();
    this.dtImage = new int[nd];
    int[] dtCat = new int[nd];
    for (int i = 0; i < nd; i++) {
      int img = Arrays.binarySearch(imageIds, dt.imageId[i]);
      if (img < 0) {
        // pycocotools' loadRes asserts the same: "Results do not correspond to current coco set"
        throw new CocoFormatException(dt.source(), dt.where(i, "image_id"),
            "image " + dt.imageId[i] + " is not among the ground truth's images (" + gt.source() + ")");
      }
      int cat = Arrays.binarySearch(categoryIds, dt.categoryId[i]);
      dtImage[i] = cat >= 0 ? img : -1;
      dtCat[i] = cat;
    }
    this.gtStart = new int[categoryIds.length + 1];
    this.gtOrder = group(gtImage, gtCat, imageIds.length, gtStart);
    this.dtStart = new int[categoryIds.length + 1];
    this.dtOrder = group(dtImage, dtCat, imageIds.length, dtStart);
  }

  /** {@code np.unique}: sorted, duplicates removed. */
  static long[] sortedDistinct(long[] values) {
    long[] s = values.clone();
    Arrays.sort(s);
    int n = 0;
    for (int i = 0; i < s.length; i++) {
      if (i == 0 || s[i] != s[i - 1]) {
        s[n++] = s[i];
      }
    }
    return Arrays.copyOf(s, n);
  }

  /**
   * Indices with image >= 0, ordered by (category, image, index): a stable counting sort by image, then
   * one by category. Fills {@code catStart} (length categories + 1).
   */
  private static int[] group(int[] image, int[] cat, int images, int[] catStart) {
    int n = 0;
    int[] imgCount = new int[images + 1];
    for (int i = 0; i < image.length; i++) {
      if (image[i] >= 0) {
        imgCount[image[i] + 1]++;
        n++;
      }
    }
    for (int i = 0; i < images; i++) {
      imgCount[i + 1] += imgCount[i];
    }
    int[] byImage = new int[n];
    for (int i = 0; i < image.length; i++) {
      if (image[i] >= 0) {
        byImage[imgCount[image[i]]++] = i;
      }
    }
    int cats = catStart.length - 1;
    int[] catCount = new int[cats + 1];
    for (int i : byImage) {
      catCount[cat[i] + 1]++;
    }
    for (int k = 0; k < cats; k++) {
      catCount[k + 1] += catCount[k];
    }
    System.arraycopy(catCount, 0, catStart, 0, cats + 1);
    int[] order = new int[n];
    for (int i : byImage) {
      order[catCount[cat[i]]++] = i;
    }
    return order;
  }
}
