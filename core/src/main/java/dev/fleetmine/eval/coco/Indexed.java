package dev.fleetmine.eval.coco;

import java.util.Arrays;

/**
 * Ground truth and detections mapped to dense image and category indices and grouped by (category,
 * image) with stable counting sorts, so that each category's work is a contiguous slice of primitive
 * arrays. Detections are sorted by score once, for both orders pycocotools uses.
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
  /**
   * Evaluated detections ordered by (category, image, score descending, input order): each image's
   * detections in pycocotools' evaluateImg order; category k is [dtStart[k], dtStart[k+1]).
   */
  final int[] dtOrder;
  final int[] dtStart;
  /**
   * The same detections ordered by (category, score descending, image, input order): accumulate's
   * order (its stable sort of the per-image lists concatenated in image order). Same dtStart bounds.
   */
  final int[] dtRanked;
  /** For each position of dtRanked, the position of the same detection in dtOrder. */
  final int[] dtRankedPos;

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
    int nk = categoryIds.length;
    int ni = imageIds.length;
    this.gtStart = new int[nk + 1];
    this.gtOrder = byKey(byKey(used(gtImage), gtImage, ni, null), gtCat, nk, gtStart);
    // the only comparison sort: by score over the image-ordered detections, so that ties fall back
    // to image then input order; the stable counting sorts after it keep that order within groups
    int[] byScore = ScoreOrder.descending(byKey(used(dtImage), dtImage, ni, null), dt.score);
    this.dtStart = new int[nk + 1];
    this.dtRanked = byKey(byScore, dtCat, nk, dtStart);
    this.dtOrder = byKey(byKey(byScore, dtImage, ni, null), dtCat, nk, null);
    int[] posInOrder = new int[nd];
    for (int p = 0; p < dtOrder.length; p++) {
      posInOrder[dtOrder[p]] = p;
    }
    this.dtRankedPos = new int[dtRanked.length];
    for (int i = 0; i < dtRanked.length; i++) {
      dtRankedPos[i] = posInOrder[dtRanked[i]];
    }
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

  /** Indices i with {@code image[i] >= 0}, ascending. */
  private static int[] used(int[] image) {
    int n = 0;
    for (int v : image) {
      n += v >= 0 ? 1 : 0;
    }
    int[] seq = new int[n];
    n = 0;
    for (int i = 0; i < image.length; i++) {
      if (image[i] >= 0) {
        seq[n++] = i;
      }
    }
    return seq;
  }

  /**
   * Stable counting sort of {@code seq} by {@code key[seq[i]]} in [0, buckets); fills {@code start}
   * (length buckets + 1) with each key's first position when not null.
   */
  private static int[] byKey(int[] seq, int[] key, int buckets, int[] start) {
    int[] count = new int[buckets + 1];
    for (int i : seq) {
      count[key[i] + 1]++;
    }
    for (int b = 0; b < buckets; b++) {
      count[b + 1] += count[b];
    }
    if (start != null) {
      System.arraycopy(count, 0, start, 0, buckets + 1);
    }
    int[] out = new int[seq.length];
    for (int i : seq) {
      out[count[key[i]]++] = i;
    }
    return out;
  }
}
