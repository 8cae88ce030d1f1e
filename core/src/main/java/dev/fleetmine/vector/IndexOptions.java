package dev.fleetmine.vector;

/**
 * What a vector index is built with: fixed at creation and stored in every commit.
 *
 * @param dimension number of floats per vector (1..4096)
 * @param similarity how vectors are compared
 * @param m HNSW max connections per node (Lucene's default 16)
 * @param beamWidth HNSW candidate list size while building (Lucene's default 100)
 * @param int8 whether vectors are scalar-quantized to int8 for the graph (raw floats are kept too)
 */
public record IndexOptions(int dimension, Similarity similarity, int m, int beamWidth, boolean int8) {
  public IndexOptions {
    if (dimension < 1 || dimension > 4096) {
      throw new IllegalArgumentException("dimension must be in 1..4096, got " + dimension);
    }
    if (similarity == null) {
      throw new IllegalArgumentException("similarity must be set (COSINE, DOT_PRODUCT or EUCLIDEAN)");
    }
    if (m < 2 || m > 512) {
      throw new IllegalArgumentException("HNSW m must be in 2..512, got " + m);
    }
    if (beamWidth < 1 || beamWidth > 3200) {
      throw new IllegalArgumentException("HNSW beamWidth must be in 1..3200, got " + beamWidth);
    }
  }

  /** Lucene's defaults (m 16, beamWidth 100), float vectors. */
  public static IndexOptions of(int dimension, Similarity similarity) {
    return new IndexOptions(dimension, similarity, 16, 100, false);
  }

  /** A copy with other HNSW parameters. */
  public IndexOptions withHnsw(int newM, int newBeamWidth) {
    return new IndexOptions(dimension, similarity, newM, newBeamWidth, int8);
  }

  /** A copy with int8 quantization on or off. */
  public IndexOptions withInt8(boolean on) {
    return new IndexOptions(dimension, similarity, m, beamWidth, on);
  }
}
