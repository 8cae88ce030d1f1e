package dev.fleetmine.select;

import static java.util.Objects.requireNonNull;

import dev.fleetmine.query.ClipRef;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one selection run: which clips were picked, in pick order, and everything needed to
 * reproduce it (strategy, its parameters, the candidate source, the lake snapshot, the seed). Written
 * once by {@link SelectionStore} and never changed.
 *
 * @param id              the selection's name
 * @param strategy        the strategy spec as the user wrote it (for example {@code uncertainty:entropy=0.7,diversity=0.3})
 * @param params          every input that determines the result (candidate query, model, budget, seed, ...)
 * @param snapshotVersion the lake snapshot the candidates were read from
 * @param createdAtMs     when it was made (epoch milliseconds)
 * @param clips           the selected clips, best (first picked) first
 */
public record Selection(String id, String strategy, Map<String, String> params, long snapshotVersion,
    long createdAtMs, List<Item> clips) {
  public Selection {
    requireNonNull(id, "id is null");
    requireNonNull(strategy, "strategy is null");
    params = Map.copyOf(params);
    clips = List.copyOf(clips);
  }

  /**
   * One selected clip.
   *
   * @param clip       where it is
   * @param score      the combined score that ranked it (strategy specific; higher was preferred)
   * @param components the score of each strategy term before weighting
   */
  public record Item(ClipRef clip, double score, Map<String, Double> components) {
    public Item {
      requireNonNull(clip, "clip is null");
      components = Map.copyOf(components);
    }
  }

  /** The selected clips' positions, in pick order. */
  public List<ClipRef> refs() {
    return clips.stream().map(Item::clip).toList();
  }
}
