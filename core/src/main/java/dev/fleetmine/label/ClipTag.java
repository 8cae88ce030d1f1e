package dev.fleetmine.label;

import static java.util.Objects.requireNonNull;

import dev.fleetmine.query.ClipRef;

/**
 * A scenario tag of one clip of a batch: a row of a label version's {@code tags.parquet}.
 *
 * @param clip      the clip tagged
 * @param tag       the scenario (for example {@code cut_in})
 * @param annotator who said so
 */
public record ClipTag(ClipRef clip, String tag, String annotator) {
  public ClipTag {
    requireNonNull(clip, "clip is null");
    requireNonNull(tag, "tag is null");
    annotator = annotator == null ? "" : annotator;
  }
}
