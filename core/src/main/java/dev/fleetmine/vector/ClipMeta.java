package dev.fleetmine.vector;

import java.util.List;

/**
 * The metadata of one vector that searches filter on and hits return.
 *
 * @param logId drive log the clip comes from
 * @param source where the log came from (e.g. "waymo", "synthetic")
 * @param categories object categories seen in the clip (any number)
 * @param tags scenario tags (any number)
 * @param startNs clip start, nanoseconds
 * @param endNs clip end, nanoseconds (>= startNs)
 */
public record ClipMeta(
    String logId, String source, List<String> categories, List<String> tags, long startNs, long endNs) {
  public ClipMeta {
    if (logId == null || logId.isEmpty()) {
      throw new IllegalArgumentException("logId must be a non-empty string");
    }
    if (source == null) {
      throw new IllegalArgumentException("source must be set (use \"\" when unknown), log " + logId);
    }
    if (endNs < startNs) {
      throw new IllegalArgumentException(
          "endNs must be >= startNs, got [" + startNs + ", " + endNs + "] in log " + logId);
    }
    categories = List.copyOf(categories);
    tags = List.copyOf(tags);
  }
}
