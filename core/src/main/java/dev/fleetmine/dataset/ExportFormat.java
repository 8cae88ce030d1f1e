package dev.fleetmine.dataset;

import java.util.Arrays;
import java.util.Locale;

/** The training formats a dataset version exports to (docs/curation.md#exports). */
public enum ExportFormat {
  /** KITTI tracking label_02 text, 17 columns, per split and sequence. */
  KITTI,
  /** COCO instances JSON per split, from the members' 2D boxes. */
  COCO,
  /** OpenLABEL 1.0 JSON, one file per member. */
  OPENLABEL,
  /** Members and labels as Parquet shards per split. */
  PARQUET;

  /** Parses kitti, coco, openlabel, parquet (any case). */
  public static ExportFormat parse(String s) {
    try {
      return valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("export format '" + s + "': expected one of "
          + Arrays.stream(values()).map(ExportFormat::id).toList(), e);
    }
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
