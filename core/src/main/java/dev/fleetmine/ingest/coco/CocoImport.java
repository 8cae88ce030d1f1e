package dev.fleetmine.ingest.coco;

import dev.fleetmine.eval.coco.CocoCategory;
import dev.fleetmine.eval.coco.CocoDetections;
import dev.fleetmine.eval.coco.CocoFormatException;
import dev.fleetmine.eval.coco.CocoGroundTruth;
import dev.fleetmine.eval.coco.CocoJson;
import dev.fleetmine.eval.coco.Detection;
import dev.fleetmine.eval.coco.GroundTruthBox;
import dev.fleetmine.ingest.IngestException;
import dev.fleetmine.lake.Boxes2dTable;
import dev.fleetmine.lake.Lake;
import dev.fleetmine.lake.LakeException;
import dev.fleetmine.lake.Snapshot;
import dev.fleetmine.query.LakeQuery;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Imports COCO-format 2D detection data into the lake's {@code boxes2d} table: an instances file as a
 * dataset's ground truth, a results file as a model's detections on that dataset. Each import replaces
 * its key's earlier file atomically.
 *
 * <p>The whole file is read and checked before anything is written: bad input throws
 * {@link CocoFormatException} (from {@link CocoJson}, or for a record inconsistent with the ground truth)
 * naming the file, the record and the field, and leaves the lake as it was.
 */
public final class CocoImport {
  private CocoImport() {}

  /**
   * What one import committed.
   *
   * @param key             the snapshot key {@code DATASET/SOURCE}
   * @param images          images of the dataset (ground truth) or with at least one detection (results)
   * @param boxes           annotations or detections stored
   * @param rows            rows written, marker rows included
   * @param snapshotVersion the snapshot published
   * @param elapsed         wall time
   */
  public record Imported(String key, long images, long boxes, long rows, long snapshotVersion, Duration elapsed) {}

  /**
   * Stores a COCO instances file as {@code dataset}'s ground truth (source {@code gt}).
   *
   * @throws CocoFormatException for a malformed file, an annotation of an unlisted image or category, or a
   *     file without images; nothing is written
   * @throws dev.fleetmine.lake.CommitConflictException if another writer committed meanwhile; nothing is written
   */
  public static Imported importGroundTruth(Lake lake, String dataset, Path instancesJson) {
    checkDataset(dataset);
    long start = System.nanoTime();
    CocoGroundTruth gt = CocoJson.readGroundTruth(instancesJson);
    Map<Long, CocoImages.Info> info = CocoImages.read(instancesJson);
    String source = instancesJson.getFileName().toString();
    long[] images = sortedDistinct(gt.imageIds());
    if (images.length == 0) {
      throw new CocoFormatException(source, "images", "expected at least one image");
    }
    Map<Long, String> categories = new TreeMap<>();
    for (CocoCategory c : gt.categories()) {
      categories.putIfAbsent(c.id(), c.name());
    }
    boolean[] annotated = new boolean[images.length];
    Map<Long, Boolean> usedCategories = new HashMap<>();
    try (LakeQuery session = LakeQuery.open(lake); Boxes2dWriter w = new Boxes2dWriter(session)) {
      for (int i = 0; i < gt.size(); i++) {
        GroundTruthBox g = gt.get(i);
        int img = Arrays.binarySearch(images, g.imageId());
        if (img < 0) {
          throw new CocoFormatException(source, "annotations[" + i + "].image_id",
              "image " + g.imageId() + " is not listed in images");
        }
        String name = categories.get(g.categoryId());
        if (name == null) {
          throw new CocoFormatException(source, "annotations[" + i + "].category_id",
              "category " + g.categoryId() + " is not listed in categories");
        }
        annotated[img] = true;
        usedCategories.put(g.categoryId(), Boolean.TRUE);
        w.annotation(i, g, info.get(g.imageId()), name);
      }
      // markers keep what has no annotation: COCOeval evaluates every listed image and category
      for (int k = 0; k < images.length; k++) {
        if (!annotated[k]) {
          w.imageMarker(images[k], info.get(images[k]));
        }
      }
      for (Map.Entry<Long, String> c : categories.entrySet()) {
        if (!usedCategories.containsKey(c.getKey())) {
          w.categoryMarker(images[0], info.get(images[0]), c.getKey(), c.getValue());
        }
      }
      Snapshot s = w.commit(lake, dataset, Boxes2dTable.GROUND_TRUTH,
          "import coco ground truth " + dataset + " from " + source);
      return new Imported(Boxes2dTable.key(dataset, Boxes2dTable.GROUND_TRUTH), images.length, gt.size(), w.rows(),
          s.version(), Duration.ofNanos(System.nanoTime() - start));
    }
  }

  /**
   * Stores a COCO results file as {@code model}'s detections on {@code dataset}, whose ground truth must be
   * in the lake. Detections of categories the ground truth does not list are kept (with a NULL category
   * name) and, as in pycocotools, never evaluated.
   *
   * @throws CocoFormatException for a malformed file or a detection of an image the ground truth does not
   *     list; nothing is written
   * @throws IngestException when the lake has no ground truth for {@code dataset}; nothing is written
   */
  public static Imported importResults(Lake lake, String dataset, String model, Path resultsJson) {
    checkDataset(dataset);
    checkModel(model);
    long start = System.nanoTime();
    CocoDetections dt = CocoJson.readResults(resultsJson);
    String source = resultsJson.getFileName().toString();
    try (LakeQuery session = LakeQuery.open(lake)) {
      if (!session.snapshot().boxes2d().containsKey(Boxes2dTable.key(dataset, Boxes2dTable.GROUND_TRUTH))) {
        throw new IngestException(resultsJson, "", "dataset " + dataset + " has no ground truth in the lake;"
            + " import its COCO instances file first");
      }
      Map<Long, CocoImages.Info> images = new HashMap<>();
      Map<Long, String> categories = new HashMap<>();
      readGroundTruthLists(session, dataset, images, categories);
      long[] withDetections = new long[dt.size()];
      try (Boxes2dWriter w = new Boxes2dWriter(session)) {
        for (int i = 0; i < dt.size(); i++) {
          Detection d = dt.get(i);
          if (!images.containsKey(d.imageId())) {
            // pycocotools' loadRes asserts the same ("Results do not correspond to current coco set")
            throw new CocoFormatException(source, "[" + i + "].image_id", "image " + d.imageId()
                + " is not among the images of dataset " + dataset + "'s ground truth in the lake");
          }
          withDetections[i] = d.imageId();
          w.detection(i, d, images.get(d.imageId()), categories.get(d.categoryId()));
        }
        Snapshot s = w.commit(lake, dataset, model, "import coco results " + model + " on " + dataset + " from "
            + source);
        return new Imported(Boxes2dTable.key(dataset, model), sortedDistinct(withDetections).length, dt.size(),
            w.rows(), s.version(), Duration.ofNanos(System.nanoTime() - start));
      }
    }
  }

  /** The ground truth's images (with their descriptive fields, null when absent) and category names. */
  private static void readGroundTruthLists(LakeQuery session, String dataset, Map<Long, CocoImages.Info> images,
      Map<Long, String> categories) {
    String sql = "SELECT DISTINCT image_id, file_name, width, height, category_id, category FROM "
        + Boxes2dTable.NAME + " WHERE dataset = ? AND source = ?";
    try (PreparedStatement ps = session.connection().prepareStatement(sql)) {
      ps.setString(1, dataset);
      ps.setString(2, Boxes2dTable.GROUND_TRUTH);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long image = rs.getLong(1);
          String name = rs.getString(2);
          int width = rs.getInt(3);
          Integer w = rs.wasNull() ? null : width;
          int height = rs.getInt(4);
          Integer h = rs.wasNull() ? null : height;
          images.putIfAbsent(image, new CocoImages.Info(name, w, h));
          long category = rs.getLong(5);
          if (!rs.wasNull()) {
            categories.putIfAbsent(category, rs.getString(6));
          }
        }
      }
    } catch (SQLException e) {
      throw new LakeException("cannot read the ground truth of dataset " + dataset + ": " + e.getMessage(), e);
    }
  }

  /** A dataset name is the first part of the key {@code DATASET/SOURCE}: not blank, no slash. */
  static void checkDataset(String dataset) {
    if (dataset == null || dataset.isBlank() || dataset.contains("/")) {
      throw new IllegalArgumentException("a COCO dataset needs a name without '/', got '" + dataset + "'");
    }
  }

  /** A model name is free text, but not blank and not the ground truth's source name. */
  static void checkModel(String model) {
    if (model == null || model.isBlank() || model.equals(Boxes2dTable.GROUND_TRUTH)) {
      throw new IllegalArgumentException("a detection model needs a name other than '" + Boxes2dTable.GROUND_TRUTH
          + "', got '" + model + "'");
    }
  }

  private static long[] sortedDistinct(long[] values) {
    long[] s = values.clone();
    Arrays.sort(s);
    int n = 0;
    for (int i = 0; i < s.length; i++) {
      if (n == 0 || s[i] != s[n - 1]) {
        s[n++] = s[i];
      }
    }
    return Arrays.copyOf(s, n);
  }
}
