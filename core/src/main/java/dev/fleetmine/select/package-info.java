/**
 * Active-learning selection under a budget: which candidate clips to label next.
 *
 * <p>Pure algorithms over in-memory arrays: {@link dev.fleetmine.select.Uncertainty} (entropy, margin,
 * least confidence of detection scores, mean over a clip), {@link dev.fleetmine.select.KCenterGreedy}
 * (coreset selection, multi-threaded, bit-identical to its brute-force reference and independent of the
 * thread count), {@link dev.fleetmine.select.Rarity} (k-th nearest neighbour distance),
 * {@link dev.fleetmine.select.Disagreement} (two models' detections, matched BEV IoU),
 * {@link dev.fleetmine.select.Balance} (target shares per tag or class) and
 * {@link dev.fleetmine.select.Selector} (weighted min-max normalized terms, then balance or a diversity
 * stage), with specs parsed by {@link dev.fleetmine.select.Strategy}.
 *
 * <p>Lake glue: {@link dev.fleetmine.select.Candidates} (a tag, a query, a library scenario, or the clip
 * index's windows) and {@link dev.fleetmine.select.LakeSelection} (reads scores, embeddings and groups,
 * excludes labeled clips, runs and reproduces selections). A {@link dev.fleetmine.select.Selection} records
 * the picks with every input needed to reproduce them, and {@link dev.fleetmine.select.SelectionStore}
 * keeps it in the lake's curation area. The CLI is {@code fleetmine select}; docs/curation.md#selection.
 */
package dev.fleetmine.select;
