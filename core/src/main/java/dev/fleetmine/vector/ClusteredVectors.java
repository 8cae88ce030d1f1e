package dev.fleetmine.vector;

import java.util.SplittableRandom;

/**
 * Deterministic clustered float vectors for tests and benchmarks: Gaussian clusters around Gaussian
 * centres, a shape closer to real embeddings than uniform noise (which makes every neighbour equally far).
 *
 * @param dimension floats per vector
 * @param clusters number of cluster centres
 * @param spread standard deviation of points around their centre (centres have 1)
 * @param seed seed of the centres; points take their own seed so queries can differ from the data
 */
public record ClusteredVectors(int dimension, int clusters, float spread, long seed) {
  public ClusteredVectors {
    if (dimension < 1 || clusters < 1 || !(spread > 0)) {
      throw new IllegalArgumentException("need dimension >= 1, clusters >= 1, spread > 0; got "
          + dimension + ", " + clusters + ", " + spread);
    }
  }

  /** The cluster centres, row-major [clusters][dimension]. */
  public float[][] centres() {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] c = new float[clusters][dimension];
    for (float[] row : c) {
      for (int j = 0; j < dimension; j++) {
        row[j] = (float) gaussian(r);
      }
    }
    return c;
  }

  /** {@code n} points, each near a uniformly chosen centre, drawn from {@code pointSeed}. */
  public float[][] points(int n, long pointSeed) {
    float[][] c = centres();
    SplittableRandom r = new SplittableRandom(pointSeed);
    float[][] out = new float[n][dimension];
    for (float[] row : out) {
      float[] centre = c[r.nextInt(clusters)];
      for (int j = 0; j < dimension; j++) {
        row[j] = centre[j] + spread * (float) gaussian(r);
      }
    }
    return out;
  }

  /** A standard normal sample (Box-Muller; SplittableRandom has no nextGaussian on every JDK we target). */
  private static double gaussian(SplittableRandom r) {
    double u = 1.0 - r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
