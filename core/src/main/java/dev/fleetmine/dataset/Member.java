package dev.fleetmine.dataset;

import static java.util.Objects.requireNonNull;

import dev.fleetmine.query.ClipRef;
import java.util.List;

/**
 * One clip of a dataset version: a row of {@code members.parquet}.
 *
 * @param clip         where it is
 * @param location     the log's location, or null when unknown
 * @param sourceFormat the importer of the log ({@code kitti}, {@code av2}, ...; {@code coco} for COCO images)
 * @param egoPoseKnown whether the log has ego poses (boxes are log-local) or not (boxes are in the ego frame)
 * @param frames       ego timestamps (COCO: images) inside the clip when it was added
 * @param labelRef     where its labels come from: {@code gt@SNAPSHOT} or {@code BATCH@vN}
 * @param tags         scenario tags of the clip, sorted
 */
public record Member(ClipRef clip, String location, String sourceFormat, boolean egoPoseKnown, long frames,
    String labelRef, List<String> tags) {
  /** The prefix of log ids that stand for a COCO image dataset in {@code boxes2d}: {@code coco:DATASET}. */
  public static final String COCO_PREFIX = "coco:";

  public Member {
    requireNonNull(clip, "clip is null");
    requireNonNull(labelRef, "labelRef is null");
    requireNonNull(sourceFormat, "sourceFormat is null");
    tags = List.copyOf(tags);
  }

  public String clipId() {
    return clip.id();
  }

  public String logId() {
    return clip.logId();
  }

  /** Whether this member stands for images of a COCO dataset (image ids start..end) rather than a drive. */
  public boolean isCoco() {
    return clip.logId().startsWith(COCO_PREFIX);
  }
}
