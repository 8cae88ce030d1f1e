/**
 * Similarity search over clip embeddings ("more like this clip"): an Apache Lucene HNSW index of float
 * vectors, each with an id and the metadata mining filters on (log, source, categories, scenario tags,
 * time span).
 *
 * <p>{@link dev.fleetmine.vector.VectorIndex} owns one Lucene directory; its dimension, similarity and
 * HNSW/quantization options are fixed at creation and stored in the commit. {@link
 * dev.fleetmine.vector.VectorFilter} is the only way to restrict a search. To filter on a new field, add
 * it to {@link dev.fleetmine.vector.ClipMeta} (stored + indexed in {@code VectorIndex.toDocument}) and a
 * clause to {@link dev.fleetmine.vector.VectorFilter#toQuery()}. {@link dev.fleetmine.vector.HitSpread}
 * decides how "more like this" hits spread over logs (by default: not the query's log, one per log); a new
 * rule is a new field there and a check in its {@code pick}.
 */
package dev.fleetmine.vector;
