package dev.fleetmine.eval.coco;

import java.util.Arrays;
import java.util.List;

/**
 * Detections to evaluate, stored column-wise (a results file of 500,000 boxes is seven primitive
 * arrays, not 500,000 objects). Built from a results file ({@link CocoJson#readResults}), from records,
 * or row by row with {@link #builder}; immutable once built. The record order is the input order, which
 * breaks ties in score exactly as pycocotools' stable sorts do.
 */
public final class CocoDetections {
  private final String source;
  private final String recordPrefix;
  final long[] imageId;
  final long[] categoryId;
  final double[] x;
  final double[] y;
  final double[] w;
  final double[] h;
  final double[] score;

  private CocoDetections(Builder b) {
    this.source = b.source;
    this.recordPrefix = b.recordPrefix;
    int n = b.size;
    this.imageId = Arrays.copyOf(b.imageId, n);
    this.categoryId = Arrays.copyOf(b.categoryId, n);
    this.x = Arrays.copyOf(b.x, n);
    this.y = Arrays.copyOf(b.y, n);
    this.w = Arrays.copyOf(b.w, n);
    this.h = Arrays.copyOf(b.h, n);
    this.score = Arrays.copyOf(b.score, n);
  }

  /** Detections given in memory; errors name them {@code detections[i].field}. */
  public static CocoDetections of(List<Detection> detections) {
    Builder b = builder("detections (in memory)", "detections");
    for (Detection d : detections) {
      b.add(d.imageId(), d.categoryId(), d.x(), d.y(), d.width(), d.height(), d.score());
    }
    return b.build();
  }

  /**
   * A builder whose errors read {@code SOURCE: PREFIX[i].field: ...}.
   *
   * @param source       file name or description of where the records come from
   * @param recordPrefix what precedes {@code [i]} in error messages ("" for a results file, whose
   *                     top level is the array)
   */
  public static Builder builder(String source, String recordPrefix) {
    return new Builder(source, recordPrefix);
  }

  /** Number of detections. */
  public int size() {
    return score.length;
  }

  /** The i-th detection, in input order. */
  public Detection get(int i) {
    return new Detection(imageId[i], categoryId[i], x[i], y[i], w[i], h[i], score[i]);
  }

  /** Where these detections came from, for messages. */
  public String source() {
    return source;
  }

  /** The {@code record[i]} part of a message about the i-th detection. */
  String where(int i, String field) {
    return recordPrefix + "[" + i + "]" + (field.isEmpty() ? "" : "." + field);
  }

  /** Appends validated detections; not thread-safe. */
  public static final class Builder {
    private final String source;
    private final String recordPrefix;
    private int size;
    private long[] imageId = new long[16];
    private long[] categoryId = new long[16];
    private double[] x = new double[16];
    private double[] y = new double[16];
    private double[] w = new double[16];
    private double[] h = new double[16];
    private double[] score = new double[16];

    private Builder(String source, String recordPrefix) {
      this.source = source;
      this.recordPrefix = recordPrefix;
    }

    /** Adds one detection; throws {@link CocoFormatException} for a non-finite or negative-size box or score. */
    public Builder add(long imageId, long categoryId, double x, double y, double w, double h, double score) {
      int i = size;
      CocoFormatException.requireBox(source, recordPrefix + "[" + i + "].bbox", x, y, w, h);
      if (!Double.isFinite(score)) {
        throw new CocoFormatException(source, recordPrefix + "[" + i + "].score",
            "expected a finite number, got " + score);
      }
      if (i == this.score.length) {
        grow();
      }
      this.imageId[i] = imageId;
      this.categoryId[i] = categoryId;
      this.x[i] = x;
      this.y[i] = y;
      this.w[i] = w;
      this.h[i] = h;
      this.score[i] = score;
      size++;
      return this;
    }

    private void grow() {
      int n = score.length * 2;
      imageId = Arrays.copyOf(imageId, n);
      categoryId = Arrays.copyOf(categoryId, n);
      x = Arrays.copyOf(x, n);
      y = Arrays.copyOf(y, n);
      w = Arrays.copyOf(w, n);
      h = Arrays.copyOf(h, n);
      score = Arrays.copyOf(score, n);
    }

    /** Number of detections added so far (the index the next one gets). */
    public int size() {
      return size;
    }

    public CocoDetections build() {
      return new CocoDetections(this);
    }
  }
}
