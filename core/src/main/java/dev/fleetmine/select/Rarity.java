package dev.fleetmine.select;

import java.util.Arrays;

/**
 * Rarity of each candidate as low density among the candidates: the Euclidean distance to its k-th nearest
 * other candidate (exact scan, O(n^2 d); candidate sets are clips, thousands at most). Far from its k-th
 * neighbour means few similar scenes, so worth labeling. With fewer than k other candidates the farthest
 * other one is used.
 */
public final class Rarity {
  private Rarity() {}

  /** The k-th nearest neighbour distance of every row among the others (0 when there is no other row). */
  public static double[] kthNeighbourDistance(float[][] rows, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("rarity k must be >= 1, got " + k);
    }
    int n = rows.length;
    double[] out = new double[n];
    float[] d = new float[Math.max(n - 1, 0)];
    for (int i = 0; i < n; i++) {
      int m = 0;
      for (int j = 0; j < n; j++) {
        if (j != i) {
          d[m++] = KCenterGreedy.distance(rows[i], rows[j]);
        }
      }
      if (m == 0) {
        continue;
      }
      Arrays.sort(d, 0, m);
      out[i] = Math.sqrt(d[Math.min(k, m) - 1]);
    }
    return out;
  }
}
