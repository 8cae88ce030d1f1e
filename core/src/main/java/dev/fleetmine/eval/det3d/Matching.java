package dev.fleetmine.eval.det3d;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** How detections are matched to ground truth and how AP is computed; see the package documentation. */
public sealed interface Matching {

  /** The thresholds this matching evaluates at: one matching run per entry. */
  int runs();

  /**
   * KITTI style: per sample and category, detections by descending score each take the unmatched ground truth
   * of highest IoU {@code >= threshold}; AP over 40 recall points (R40), plus the 11-point variant.
   *
   * @param iou              which IoU is thresholded
   * @param thresholds       IoU threshold per category
   * @param defaultThreshold IoU threshold of categories not in {@code thresholds}
   */
  record Kitti(IouKind iou, Map<String, Double> thresholds, double defaultThreshold) implements Matching {
    public Kitti {
      Objects.requireNonNull(iou, "Matching.Kitti.iou must not be null");
      thresholds = Map.copyOf(thresholds);
      for (Map.Entry<String, Double> e : thresholds.entrySet()) {
        checkIou("thresholds[" + e.getKey() + "]", e.getValue());
      }
      checkIou("defaultThreshold", defaultThreshold);
    }

    /** KITTI's thresholds: Car 0.7, Pedestrian 0.5, Cyclist 0.5, any other category 0.5. */
    public static Kitti defaults(IouKind iou) {
      return new Kitti(iou, Map.of("Car", 0.7, "Pedestrian", 0.5, "Cyclist", 0.5), 0.5);
    }

    /** The IoU threshold of {@code category}. */
    public double threshold(String category) {
      return thresholds.getOrDefault(category, defaultThreshold);
    }

    @Override
    public int runs() {
      return 1;
    }

    private static void checkIou(String field, double v) {
      if (!(v > 0 && v <= 1)) {
        throw new IllegalArgumentException("Matching.Kitti." + field + " must be in (0, 1], got " + v);
      }
    }
  }

  /**
   * nuScenes style: per category, detections by descending score over all samples each take the closest
   * untaken ground truth of its sample when the BEV centre distance is {@code < threshold}; AP per the
   * devkit's {@code calc_ap} with {@code minRecall} and {@code minPrecision}; mAP averages thresholds and
   * categories.
   *
   * @param distances    centre-distance thresholds in metres, one matching run each
   * @param minRecall    recall below and at which precision is not counted (devkit 0.1)
   * @param minPrecision precision subtracted and clipped at 0 (devkit 0.1)
   */
  record NuScenes(List<Double> distances, double minRecall, double minPrecision) implements Matching {
    public NuScenes {
      distances = List.copyOf(distances);
      if (distances.isEmpty()) {
        throw new IllegalArgumentException("Matching.NuScenes.distances must not be empty");
      }
      for (int i = 0; i < distances.size(); i++) {
        double d = distances.get(i);
        if (!(d > 0) || Double.isInfinite(d)) {
          throw new IllegalArgumentException("Matching.NuScenes.distances[" + i + "] must be a finite number > 0,"
              + " got " + d);
        }
      }
      if (!(minRecall >= 0 && minRecall <= 1)) {
        throw new IllegalArgumentException("Matching.NuScenes.minRecall must be in [0, 1], got " + minRecall);
      }
      if (!(minPrecision >= 0 && minPrecision < 1)) {
        throw new IllegalArgumentException("Matching.NuScenes.minPrecision must be in [0, 1), got " + minPrecision);
      }
    }

    /** The devkit's detection config: thresholds 0.5, 1, 2, 4 m, min recall 0.1, min precision 0.1. */
    public static NuScenes defaults() {
      return new NuScenes(List.of(0.5, 1.0, 2.0, 4.0), 0.1, 0.1);
    }

    @Override
    public int runs() {
      return distances.size();
    }
  }
}
