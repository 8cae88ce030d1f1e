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
 * @param counts  what went in (members, boxes, per split members, ...)
 */
public record ExportManifest(String dataset, int version, String format, List<FileEntry> files, Map<String, Long> counts) {
  /** One exported file: its path relative to the export directory, SHA-256 (hex) and size. */
  public record FileEntry(String path, String sha256, long bytes) {}

  public ExportManifest {
    files = List.copyOf(files);
    counts = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(counts));
  }
}
