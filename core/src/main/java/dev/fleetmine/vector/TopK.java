package dev.fleetmine.vector;

/** A bounded min-heap of (doc, score) on primitive arrays: keeps the k best scores, ties to the lower doc. */
final class TopK {
  private final int[] docs;
  private final float[] scores;
  private int size;

  TopK(int k) {
    docs = new int[k];
    scores = new float[k];
  }

  /** Offers one candidate; replaces the current worst when the heap is full and this one is better. */
  void offer(int doc, float score) {
    if (size < docs.length) {
      docs[size] = doc;
      scores[size] = score;
      up(size++);
    } else if (size > 0 && better(doc, score, docs[0], scores[0])) {
      docs[0] = doc;
      scores[0] = score;
      down(0);
    }
  }

  int size() {
    return size;
  }

  /** Drains the heap into best-first order: {@code out[i]} doc ids, {@code outScores[i]} their scores. */
  void drainBestFirst(int[] out, float[] outScores) {
    for (int i = size - 1; i >= 0; i--) {
      out[i] = docs[0];
      outScores[i] = scores[0];
      size--;
      docs[0] = docs[size];
      scores[0] = scores[size];
      down(0);
    }
  }

  private static boolean better(int d1, float s1, int d2, float s2) {
    return s1 > s2 || (s1 == s2 && d1 < d2);
  }

  private void up(int i) {
    while (i > 0) {
      int p = (i - 1) >>> 1;
      if (!better(docs[p], scores[p], docs[i], scores[i])) {
        return;
      }
      swap(i, p);
      i = p;
    }
  }

  private void down(int i) {
    while (true) {
      int l = 2 * i + 1;
      int worst = i;
      if (l < size && better(docs[worst], scores[worst], docs[l], scores[l])) {
        worst = l;
      }
      if (l + 1 < size && better(docs[worst], scores[worst], docs[l + 1], scores[l + 1])) {
        worst = l + 1;
      }
      if (worst == i) {
        return;
      }
      swap(i, worst);
      i = worst;
    }
  }

  private void swap(int a, int b) {
    int d = docs[a];
    docs[a] = docs[b];
    docs[b] = d;
    float s = scores[a];
    scores[a] = scores[b];
    scores[b] = s;
  }
}
