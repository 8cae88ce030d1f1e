package dev.fleetmine.dataset;

import java.util.List;
import java.util.Map;

/**
 * One immutable version of a dataset: its {@code manifest.json}. Members, labels and splits are in the
 * Parquet files beside it (docs/curation.md#datasets).
 *
 * @param dataset         the dataset's name
 * @param version         1, 2, ...
 * @param parentVersion   the version it was made from; null for v1
 * @param snapshotVersion the lake snapshot its newest members and labels were read from
 * @param createdAtMs     when it was written
 * @param members         clip members
 * @param frames          ego timestamps (COCO: images) over all members
 * @param labelRows       rows of labels.parquet (3D boxes)
 * @param boxes2dRows     rows of boxes2d.parquet (2D boxes of COCO members; 0 when none)
 * @param labelPins       members per label ref ({@code gt@7}, {@code batch1@v2})
 * @param lineage         every step from v1 to this version, oldest first
 * @param split           the split spec when this version is split, else null
 * @param splitMembers    members per split (empty when not split)
 * @param splitFrames     frames (COCO: images) per split (empty when not split, or split before it was recorded)
 */
public record DatasetVersion(String dataset, int version, Integer parentVersion, long snapshotVersion, long createdAtMs,
    int members, long frames, long labelRows, long boxes2dRows, Map<String, Integer> labelPins, List<LineageStep> lineage,
    SplitSpec split, Map<String, Integer> splitMembers, Map<String, Long> splitFrames) {
  public DatasetVersion {
    labelPins = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(labelPins));
    lineage = List.copyOf(lineage);
    splitMembers = java.util.Collections.unmodifiableSortedMap(
        splitMembers == null ? new java.util.TreeMap<>() : new java.util.TreeMap<>(splitMembers));
    splitFrames = java.util.Collections.unmodifiableSortedMap(
        splitFrames == null ? new java.util.TreeMap<>() : new java.util.TreeMap<>(splitFrames));
  }

  /** The step that made this version. */
  public LineageStep lastStep() {
    return lineage.get(lineage.size() - 1);
  }
}
