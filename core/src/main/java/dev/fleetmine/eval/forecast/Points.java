package dev.fleetmine.eval.forecast;

/** Checks shared by the records that carry timestamped points. */
final class Points {
  private Points() {}

  /** Timestamps strictly increasing; names the record, agent and index otherwise. */
  static void increasing(String where, long[] tsNs) {
    for (int i = 1; i < tsNs.length; i++) {
      if (tsNs[i] <= tsNs[i - 1]) {
        throw new IllegalArgumentException(where + ".tsNs must be strictly increasing, but tsNs[" + i + "]="
            + tsNs[i] + " follows " + tsNs[i - 1]);
      }
    }
  }

  /** Coordinates one per timestamp and finite. */
  static void coordinates(String where, String field, double[] v, int expected) {
    if (v == null) {
      throw new IllegalArgumentException(where + "." + field + " must not be null");
    }
    if (v.length != expected) {
      throw new IllegalArgumentException(where + "." + field + " has " + v.length + " values, expected "
          + expected + " (one per timestamp)");
    }
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw new IllegalArgumentException(where + "." + field + "[" + i + "] must be finite, got " + v[i]);
      }
    }
  }
}
