/**
 * Labeling round-trips: batches of clips to label (from a saved selection or clip ids), exports for
 * annotation tools (ASAM OpenLABEL 1.0, CVAT XML 1.1 with 3D cuboids, Label Studio tasks with
 * pre-annotations), imports of completed annotations as immutable label versions (checked against the
 * batch; a rejected file changes nothing), status derived from append-only events, and QA: consensus
 * between annotators (BEV-IoU box agreement, Cohen's kappa of scenario tags) and reproducible audit samples.
 *
 * <p>Owns {@code <lake>/curation/batches/} (layout in docs/curation.md). Other packages read labels through
 * {@link dev.fleetmine.label.LabelStore} ({@code latest}, {@code cuboidsFile}, {@code tagsFile}) and write
 * OpenLABEL with {@link dev.fleetmine.label.OpenLabelWriter}, which takes plain records.
 */
package dev.fleetmine.label;
