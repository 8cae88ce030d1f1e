package dev.fleetmine.vector;

/**
 * One vector to index: its id (e.g. a clip id, unique in the index), the vector and its metadata.
 *
 * @param id unique id returned by searches
 * @param vector the embedding; not copied, do not mutate after adding
 * @param meta what filters apply to
 */
public record VectorDoc(String id, float[] vector, ClipMeta meta) {
  public VectorDoc {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("id must be a non-empty string");
    }
    if (vector == null) {
      throw new IllegalArgumentException("vector of " + id + " must be set");
    }
  }
}
