package dev.fleetmine.eval.det3d;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every match decision at one threshold setting (KITTI: the per-category IoU thresholds; nuScenes: one
 * centre distance) and the AP of each category, so each mistake can be opened: false positives with their
 * nearest ground truth, misses with their sample.
 */
public final class ThresholdResult {
  static final byte TP = 0;
  static final byte FP = 1;
  static final byte IGNORED = 2;
  private static final DetectionOutcome.Status[] STATUS = DetectionOutcome.Status.values();

  private final String label;
  private final List<GroundTruth> gts;
  private final List<Detection> dets;
  private final byte[] status;
  private final int[] gt;
  private final double[] affinity;
  private final int[] gtMatch;
  private final List<CategoryAp> categories;

  ThresholdResult(String label, List<GroundTruth> gts, List<Detection> dets, byte[] status, int[] gt,
      double[] affinity, int[] gtMatch, List<CategoryAp> categories) {
    this.label = label;
    this.gts = gts;
    this.dets = dets;
    this.status = status;
    this.gt = gt;
    this.affinity = affinity;
    this.gtMatch = gtMatch;
    this.categories = List.copyOf(categories);
  }

  /** What this threshold is, e.g. {@code "BEV IoU >= per-category threshold"} or {@code "centre distance < 2.0 m"}. */
  public String label() {
    return label;
  }

  /** AP per category, categories sorted by name. */
  public List<CategoryAp> categories() {
    return categories;
  }

  /** The AP of {@code category}; throws when it was not evaluated. */
  public CategoryAp category(String category) {
    for (CategoryAp c : categories) {
      if (c.category().equals(category)) {
        return c;
      }
    }
    throw new IllegalArgumentException("no category '" + category + "' in this result; evaluated: "
        + categories.stream().map(CategoryAp::category).toList());
  }

  /** Mean AP over the categories that have counted ground truth; NaN when none has. */
  public double meanAp() {
    double[] aps = categories.stream().filter(c -> c.positives() > 0).mapToDouble(CategoryAp::ap).toArray();
    return aps.length == 0 ? Double.NaN : ApMath.numpySum(aps, 0, aps.length) / aps.length;
  }

  /** The outcome of detection {@code i} (its position in the evaluated list). */
  public DetectionOutcome detection(int i) {
    return new DetectionOutcome(i, dets.get(i), STATUS[status[i]], gt[i], affinity[i]);
  }

  /** The outcome of ground truth {@code j} (its position in the evaluated list). */
  public GtOutcome groundTruth(int j) {
    GroundTruth g = gts.get(j);
    GtOutcome.Status s = g.ignore() ? GtOutcome.Status.IGNORED
        : gtMatch[j] >= 0 ? GtOutcome.Status.MATCHED : GtOutcome.Status.MISSED;
    return new GtOutcome(j, g, s, gtMatch[j]);
  }

  /** Number of detections evaluated. */
  public int detectionCount() {
    return dets.size();
  }

  /** Number of ground-truth objects evaluated. */
  public int groundTruthCount() {
    return gts.size();
  }

  /** False positives, highest score first (the most confident mistakes). */
  public List<DetectionOutcome> falsePositives() {
    List<DetectionOutcome> out = new ArrayList<>();
    for (int i = 0; i < status.length; i++) {
      if (status[i] == FP) {
        out.add(detection(i));
      }
    }
    out.sort(Comparator.comparingDouble((DetectionOutcome o) -> o.detection().score()).reversed()
        .thenComparingInt(DetectionOutcome::index));
    return out;
  }

  /** Missed (counted, unmatched) ground truth, in evaluated-list order. */
  public List<GtOutcome> falseNegatives() {
    List<GtOutcome> out = new ArrayList<>();
    for (int j = 0; j < gtMatch.length; j++) {
      if (gtMatch[j] < 0 && !gts.get(j).ignore()) {
        out.add(groundTruth(j));
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "ThresholdResult[" + label + ", meanAp=" + meanAp() + ", " + categories + "]";
  }
}
