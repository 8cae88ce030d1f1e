package dev.fleetmine.dataset;

/**
 * Which labels new members get: the lake's ground truth at the current snapshot ({@code gt}), or a
 * labeling batch's label version ({@code BATCH@vN}, or {@code BATCH@latest} resolved when the version is made).
 *
 * @param batch   the batch, or null for the lake's ground truth
 * @param version the label version, 0 for latest (resolved later), ignored for ground truth
 */
public record LabelPin(String batch, int version) {
  /** The lake's ground truth (objects with source 'gt'). */
  public static final LabelPin GROUND_TRUTH = new LabelPin(null, 0);

  /** Parses {@code gt}, {@code BATCH@vN} or {@code BATCH@latest}. */
  public static LabelPin parse(String text) {
    if (text == null || text.equals("gt")) {
      return GROUND_TRUTH;
    }
    int at = text.lastIndexOf('@');
    if (at <= 0) {
      throw new IllegalArgumentException("--labels '" + text + "': expected gt, BATCH@vN or BATCH@latest");
    }
    String batch = dev.fleetmine.lake.CurationStore.checkName("batch", text.substring(0, at));
    String v = text.substring(at + 1);
    if (v.equals("latest")) {
      return new LabelPin(batch, 0);
    }
    if (v.matches("v[1-9][0-9]{0,8}")) {
      return new LabelPin(batch, Integer.parseInt(v.substring(1)));
    }
    throw new IllegalArgumentException("--labels '" + text + "': version '" + v + "' is not vN (N >= 1) or latest");
  }

  public boolean isGroundTruth() {
    return batch == null;
  }

  /** The member's label_ref for this pin: {@code gt@SNAPSHOT} or {@code BATCH@vN} (the version resolved). */
  public String ref(long snapshotVersion) {
    return isGroundTruth() ? "gt@" + snapshotVersion : batch + "@v" + version;
  }
}
