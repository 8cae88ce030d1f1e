package dev.fleetmine.dataset;

import java.util.List;
import java.util.Map;

/**
 * The {@code manifest.json} of an export: what was exported and a checksum of every file.
 *
 * @param dataset the dataset
 * @param version its version
 * @param format  kitti, coco, openlabel or parquet
 * @param files   every file of the export but the manifest, sorted by path
 * @param counts  what went in and what was written: members (and per split), label_rows and image_boxes (the
 *                3D label rows and 2D image boxes of the exported members), boxes written (KITTI lines,
 *                OpenLABEL cuboids, Parquet label rows), boxes2d_rows (Parquet), images and annotations (COCO)
 * @param leftOut boxes of the exported members the format did not write, by {@link LeftOut#id() reason}; empty
 *                when nothing was left out (null in manifests written before it existed)
 */
public record ExportManifest(String dataset, int version, String format, List<FileEntry> files, Map<String, Long> counts,
    Map<String, Long> leftOut) {
  /** One exported file: its path relative to the export directory, SHA-256 (hex) and size. */
  public record FileEntry(String path, String sha256, long bytes) {}

  public ExportManifest {
    files = List.copyOf(files);
    counts = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(counts));
    leftOut = java.util.Collections.unmodifiableSortedMap(
        leftOut == null ? new java.util.TreeMap<>() : new java.util.TreeMap<>(leftOut));
  }

  /** All boxes left out, whatever the reason. */
  public long leftOutTotal() {
    return leftOut.values().stream().mapToLong(Long::longValue).sum();
  }
}
