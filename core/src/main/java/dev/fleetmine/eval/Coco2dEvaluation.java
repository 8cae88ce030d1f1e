package dev.fleetmine.eval;

import dev.fleetmine.eval.coco.CocoDetections;
import dev.fleetmine.eval.coco.CocoEvaluator;
import dev.fleetmine.eval.coco.CocoGroundTruth;
import dev.fleetmine.eval.coco.CocoResult;
import dev.fleetmine.eval.coco.CocoStats;
import dev.fleetmine.lake.Boxes2dTable;
import dev.fleetmine.lake.LakeException;
import dev.fleetmine.query.LakeQuery;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a model's COCO detections stored in the lake's {@code boxes2d} table against its dataset's
 * ground truth there, with {@link CocoEvaluator} (pycocotools' {@code COCOeval(gt, dt, 'bbox')}, bit for
 * bit). The records are rebuilt from the view in their imported order ({@code ordinal}), with the images
 * and categories of the ground truth's marker rows, so the result equals evaluating the two JSON files.
 */
public final class Coco2dEvaluation {
  private Coco2dEvaluation() {}

  /**
   * One category's AP (IoU .50:.95, area all, 100 detections; {@link CocoResult#averagePrecision}).
   *
   * @param categoryId the COCO category id
   * @param name       its name from the ground truth
   * @param ap         the AP; -1 when the category has no annotation
   */
  public record CategoryAp(long categoryId, String name, double ap) {}

  /**
   * The evaluation of one model on one dataset.
   *
   * @param dataset     the dataset
   * @param model       the model
   * @param images      images evaluated (listed by the ground truth)
   * @param annotations ground-truth annotations
   * @param detections  the model's detections
   * @param coco        the full COCOeval outcome (precision and recall arrays, per-detection outcomes)
   * @param categories  per-category AP, by ascending category id
   */
  public record Result(String dataset, String model, int images, int annotations, int detections, CocoResult coco,
      List<CategoryAp> categories) {
    public Result {
      categories = List.copyOf(categories);
    }

    /** The 12 COCOeval summary numbers. */
    public CocoStats stats() {
      return coco.stats();
    }
  }

  /**
   * Evaluates {@code model}'s detections on {@code dataset} with up to {@code threads} threads.
   *
   * @throws IllegalArgumentException when the session's snapshot lacks the dataset's ground truth or the
   *     model's detections on it
   */
  public static Result evaluate(LakeQuery session, String dataset, String model, int threads) {
    require(session, dataset, Boxes2dTable.GROUND_TRUTH, "ground truth");
    require(session, dataset, model, "detections of model " + model);
    try {
      CocoGroundTruth gt = groundTruth(session, dataset);
      CocoDetections dt = detections(session, dataset, model);
      CocoResult r = CocoEvaluator.evaluate(gt, dt, threads);
      List<CategoryAp> aps = new ArrayList<>();
      gt.categories().stream().sorted((a, b) -> Long.compare(a.id(), b.id()))
          .forEach(c -> aps.add(new CategoryAp(c.id(), c.name(), r.averagePrecision(c.id()))));
      return new Result(dataset, model, gt.imageIds().length, gt.size(), dt.size(), r, aps);
    } catch (SQLException e) {
      throw new LakeException("cannot read the 2D boxes of dataset " + dataset + ": " + e.getMessage(), e);
    }
  }

  private static void require(LakeQuery session, String dataset, String source, String what) {
    String key = Boxes2dTable.key(dataset, source);
    if (!session.snapshot().boxes2d().containsKey(key)) {
      throw new IllegalArgumentException("the lake has no " + what + " for dataset " + dataset + " (no boxes2d "
          + key + "; have " + session.snapshot().boxes2d().keySet() + ")");
    }
  }

  /** The ground truth: images and categories from every row (markers included), annotations in file order. */
  private static CocoGroundTruth groundTruth(LakeQuery session, String dataset) throws SQLException {
    CocoGroundTruth.Builder b =
        CocoGroundTruth.builder("boxes2d " + Boxes2dTable.key(dataset, Boxes2dTable.GROUND_TRUTH));
    forEachRow(session, "SELECT DISTINCT image_id FROM boxes2d WHERE dataset = ? AND source = ?"
        + " ORDER BY image_id", dataset, Boxes2dTable.GROUND_TRUTH, rs -> {
      b.addImage(rs.getLong(1));
    });
    forEachRow(session, "SELECT DISTINCT category_id, category FROM boxes2d WHERE dataset = ?"
        + " AND source = ? AND category_id IS NOT NULL ORDER BY category_id", dataset, Boxes2dTable.GROUND_TRUTH, rs -> {
      b.addCategory(rs.getLong(1), rs.getString(2));
    });
    forEachRow(session, "SELECT annotation_id, image_id, category_id, x, y, w, h, area, iscrowd"
        + " FROM boxes2d WHERE dataset = ? AND source = ? AND annotation_id IS NOT NULL ORDER BY ordinal",
        dataset, Boxes2dTable.GROUND_TRUTH, rs -> {
      b.addAnnotation(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getDouble(4), rs.getDouble(5),
          rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), rs.getBoolean(9));
    });
    return b.build();
  }

  /** The model's detections in results-file order; errors name them {@code [i].field} as for the file. */
  private static CocoDetections detections(LakeQuery session, String dataset, String model) throws SQLException {
    CocoDetections.Builder b = CocoDetections.builder("boxes2d " + Boxes2dTable.key(dataset, model), "");
    forEachRow(session, "SELECT image_id, category_id, x, y, w, h, score FROM boxes2d"
        + " WHERE dataset = ? AND source = ? ORDER BY ordinal", dataset, model, rs -> {
      b.add(rs.getLong(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6),
          rs.getDouble(7));
    });
    return b.build();
  }

  /** What to do with each row of a query. */
  private interface RowHandler {
    void row(ResultSet rs) throws SQLException;
  }

  /** Runs a query with the parameters dataset and source, calling {@code handler} on each row. */
  private static void forEachRow(LakeQuery session, String sql, String dataset, String source, RowHandler handler)
      throws SQLException {
    try (PreparedStatement ps = session.connection().prepareStatement(sql)) {
      ps.setString(1, dataset);
      ps.setString(2, source);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          handler.row(rs);
        }
      }
    }
  }
}
