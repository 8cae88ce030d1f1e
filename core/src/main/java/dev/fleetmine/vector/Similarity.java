package dev.fleetmine.vector;

import org.apache.lucene.index.VectorSimilarityFunction;

/** How vectors are compared; fixed when an index is created. Scores are Lucene's: higher is closer. */
public enum Similarity {
  /** Angle only; score (1 + cos) / 2. */
  COSINE(VectorSimilarityFunction.COSINE),
  /** Dot product of unit-length vectors (the caller normalizes); score (1 + dot) / 2. */
  DOT_PRODUCT(VectorSimilarityFunction.DOT_PRODUCT),
  /** Euclidean distance; score 1 / (1 + d^2). */
  EUCLIDEAN(VectorSimilarityFunction.EUCLIDEAN);

  private final VectorSimilarityFunction lucene;

  Similarity(VectorSimilarityFunction lucene) {
    this.lucene = lucene;
  }

  /** The Lucene function behind this similarity. */
  public VectorSimilarityFunction lucene() {
    return lucene;
  }
}
