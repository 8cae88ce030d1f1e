package dev.fleetmine.eval.coco;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The ground truth of a COCO instances file: its images, categories and box annotations, stored
 * column-wise; immutable once built. Evaluation covers exactly the listed images and categories, as
 * pycocotools does ({@code params.imgIds = cocoGt.getImgIds()}, {@code catIds = cocoGt.getCatIds()}):
 * annotations of other images or categories are kept here but never evaluated.
 */
public final class CocoGroundTruth {
  private final String source;
  private final long[] imageIds;
  private final List<CocoCategory> categories;
  final long[] id;
  final long[] imageId;
  final long[] categoryId;
  final double[] x;
  final double[] y;
  final double[] w;
  final double[] h;
  final double[] area;
  final boolean[] crowd;

  private CocoGroundTruth(Builder b) {
    this.source = b.source;
    this.imageIds = Arrays.copyOf(b.imageIds, b.images);
    this.categories = Collections.unmodifiableList(new ArrayList<>(b.categories));
    int n = b.size;
    this.id = Arrays.copyOf(b.id, n);
    this.imageId = Arrays.copyOf(b.imageId, n);
    this.categoryId = Arrays.copyOf(b.categoryId, n);
    this.x = Arrays.copyOf(b.x, n);
    this.y = Arrays.copyOf(b.y, n);
    this.w = Arrays.copyOf(b.w, n);
    this.h = Arrays.copyOf(b.h, n);
    this.area = Arrays.copyOf(b.area, n);
    this.crowd = Arrays.copyOf(b.crowd, n);
    rejectDuplicateIds();
  }

  /** Ground truth given in memory; errors name the records {@code annotations[i].field}. */
  public static CocoGroundTruth of(long[] imageIds, List<CocoCategory> categories, List<GroundTruthBox> boxes) {
    Builder b = builder("ground truth (in memory)");
    for (long img : imageIds) {
      b.addImage(img);
    }
    for (CocoCategory c : categories) {
      b.addCategory(c.id(), c.name());
    }
    for (GroundTruthBox g : boxes) {
      b.addAnnotation(g.id(), g.imageId(), g.categoryId(), g.x(), g.y(), g.width(), g.height(), g.area(),
          g.crowd());
    }
    return b.build();
  }

  /** A builder whose errors read {@code SOURCE: annotations[i].field: ...}. */
  public static Builder builder(String source) {
    return new Builder(source);
  }

  /** Two annotations with one id would make pycocotools evaluate one of them twice; refuse instead. */
  private void rejectDuplicateIds() {
    long[] sorted = id.clone();
    Arrays.sort(sorted);
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i] == sorted[i - 1]) {
        long dup = sorted[i];
        int first = -1;
        for (int j = 0; j < id.length; j++) {
          if (id[j] == dup) {
            if (first >= 0) {
              throw new CocoFormatException(source, "annotations[" + j + "].id",
                  "duplicate annotation id " + dup + " (also annotations[" + first + "])");
            }
            first = j;
          }
        }
      }
    }
  }

  /** Where this ground truth came from, for messages. */
  public String source() {
    return source;
  }

  /** The listed image ids, in input order (duplicates as given). */
  public long[] imageIds() {
    return imageIds.clone();
  }

  /** The listed categories, in input order. */
  public List<CocoCategory> categories() {
    return categories;
  }

  /** Number of annotations. */
  public int size() {
    return id.length;
  }

  /** The i-th annotation, in input order. */
  public GroundTruthBox get(int i) {
    return new GroundTruthBox(id[i], imageId[i], categoryId[i], x[i], y[i], w[i], h[i], area[i], crowd[i]);
  }

  /** Appends validated images, categories and annotations; not thread-safe. */
  public static final class Builder {
    private final String source;
    private final List<CocoCategory> categories = new ArrayList<>();
    private long[] imageIds = new long[16];
    private int images;
    private int size;
    private long[] id = new long[16];
    private long[] imageId = new long[16];
    private long[] categoryId = new long[16];
    private double[] x = new double[16];
    private double[] y = new double[16];
    private double[] w = new double[16];
    private double[] h = new double[16];
    private double[] area = new double[16];
    private boolean[] crowd = new boolean[16];

    private Builder(String source) {
      this.source = source;
    }

    /** Lists an image (an image with no annotations still counts: its detections are false positives). */
    public Builder addImage(long imageId) {
      if (images == imageIds.length) {
        imageIds = Arrays.copyOf(imageIds, images * 2);
      }
      imageIds[images++] = imageId;
      return this;
    }

    /** Lists a category. */
    public Builder addCategory(long categoryId, String name) {
      categories.add(new CocoCategory(categoryId, name));
      return this;
    }

    /** Adds one annotation; throws {@link CocoFormatException} for a non-finite or negative box or area. */
    public Builder addAnnotation(long id, long imageId, long categoryId, double x, double y, double w,
        double h, double area, boolean crowd) {
      int i = size;
      CocoFormatException.requireBox(source, "annotations[" + i + "].bbox", x, y, w, h);
      if (!Double.isFinite(area) || area < 0) {
        throw new CocoFormatException(source, "annotations[" + i + "].area",
            "expected a finite number >= 0, got " + area);
      }
      if (i == this.id.length) {
        grow();
      }
      this.id[i] = id;
      this.imageId[i] = imageId;
      this.categoryId[i] = categoryId;
      this.x[i] = x;
      this.y[i] = y;
      this.w[i] = w;
      this.h[i] = h;
      this.area[i] = area;
      this.crowd[i] = crowd;
      size++;
      return this;
    }

    private void grow() {
      int n = id.length * 2;
      id = Arrays.copyOf(id, n);
      imageId = Arrays.copyOf(imageId, n);
      categoryId = Arrays.copyOf(categoryId, n);
      x = Arrays.copyOf(x, n);
      y = Arrays.copyOf(y, n);
      w = Arrays.copyOf(w, n);
      h = Arrays.copyOf(h, n);
      area = Arrays.copyOf(area, n);
      crowd = Arrays.copyOf(crowd, n);
    }

    /** Number of annotations added so far (the index the next one gets). */
    public int size() {
      return size;
    }

    public CocoGroundTruth build() {
      return new CocoGroundTruth(this);
    }
  }
}
