package dev.fleetmine.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recall@10 of HNSW (float and int8 + float re-scoring) against exact search on 20k clustered 64-d vectors
 * (200 clusters, spread 0.5), 200 queries, m 16, beamWidth 100, ef 100. Build is single-threaded into one
 * segment with Lucene's fixed HNSW level seed, so the value is reproducible; the tolerance of 0.005 (10 of
 * the 2000 neighbours) covers Lucene picking its SIMD or scalar distance code per CPU, which changes float
 * rounding and so which near-tied candidates the graph walk keeps.
 */
class VectorRecallTest {
  static final int N = 20_000;
  static final int QUERIES = 200;
  static final ClusteredVectors DATA = new ClusteredVectors(64, 200, 0.5f, 7);

  @TempDir Path tmp;

  static double recall(VectorIndex index, float[][] queries, int k) throws Exception {
    int found = 0;
    for (float[] q : queries) {
      Set<String> truth = new HashSet<>();
      index.exact(q, k, VectorFilter.NONE).forEach(h -> truth.add(h.id()));
      for (Hit h : index.search(q, k, VectorFilter.NONE)) {
        found += truth.contains(h.id()) ? 1 : 0;
      }
    }
    return found / (double) (queries.length * k);
  }

  static void load(VectorIndex index) throws Exception {
    float[][] pts = DATA.points(N, 1);
    List<VectorDoc> docs = new ArrayList<>(N);
    for (int i = 0; i < N; i++) {
      docs.add(new VectorDoc("v" + i, pts[i], new ClipMeta("L" + (i % 50), "synthetic", List.of(), List.of(), i, i)));
    }
    index.add(docs);
    index.forceMerge(1);
  }

  @Test
  void floatHnswRecallAtTen() throws Exception {
    try (VectorIndex index = VectorIndex.create(tmp.resolve("f"), IndexOptions.of(64, Similarity.EUCLIDEAN))) {
      load(index);
      double r = recall(index, DATA.points(QUERIES, 99), 10);
      System.out.println("float recall@10 = " + r);
      assertThat(r).isCloseTo(0.9995, within(0.005)).isGreaterThanOrEqualTo(0.95);
    }
  }

  @Test
  void int8HnswRecallAtTen() throws Exception {
    IndexOptions o = IndexOptions.of(64, Similarity.EUCLIDEAN).withInt8(true);
    try (VectorIndex index = VectorIndex.create(tmp.resolve("q"), o)) {
      load(index);
      double r = recall(index, DATA.points(QUERIES, 99), 10);
      System.out.println("int8 recall@10 = " + r);
      assertThat(r).isCloseTo(0.9995, within(0.005));
    }
  }
}
