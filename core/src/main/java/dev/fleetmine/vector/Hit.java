package dev.fleetmine.vector;

/**
 * One search result.
 *
 * @param id the id the vector was added with
 * @param score Lucene's similarity score, higher is closer (see {@link Similarity})
 * @param meta the metadata stored with the vector
 */
public record Hit(String id, float score, ClipMeta meta) {}
