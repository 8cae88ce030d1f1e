package dev.fleetmine.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorIndexTest {
  @TempDir Path tmp;

  static ClipMeta meta(String log) {
    return new ClipMeta(log, "synthetic", List.of("car"), List.of("cut_in"), 0, 10);
  }

  /** Ten points on the x axis, clip ids c0..c9. */
  static List<VectorDoc> line(String log) {
    List<VectorDoc> docs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      docs.add(new VectorDoc("c" + i, new float[] {i, 0}, meta(log)));
    }
    return docs;
  }

  @Test
  void euclideanNearestNeighboursAndScoresAreExact() throws Exception {
    try (VectorIndex index = VectorIndex.create(tmp.resolve("i"), IndexOptions.of(2, Similarity.EUCLIDEAN))) {
      index.add(line("L1"));
      float[] q = {3.2f, 0};
      for (List<Hit> hits : List.of(index.search(q, 3, VectorFilter.NONE), index.exact(q, 3, VectorFilter.NONE))) {
        assertThat(hits).extracting(Hit::id).containsExactly("c3", "c4", "c2");
        // Lucene's euclidean score is 1 / (1 + d^2): d^2 = 0.04, 0.64, 1.44.
        float[] expected = {1 / 1.04f, 1 / 1.64f, 1 / 2.44f};
        for (int i = 0; i < 3; i++) {
          assertThat(hits.get(i).score()).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-6f));
        }
      }
      assertThat(index.search(q, 1, VectorFilter.NONE).get(0).meta()).isEqualTo(meta("L1"));
    }
  }

  @Test
  void cosineIgnoresLength() throws Exception {
    try (VectorIndex index = VectorIndex.create(tmp.resolve("i"), IndexOptions.of(2, Similarity.COSINE))) {
      index.add(List.of(new VectorDoc("east", new float[] {10, 0}, meta("L")),
          new VectorDoc("north", new float[] {0, 1}, meta("L")),
          new VectorDoc("west", new float[] {-1, 0}, meta("L"))));
      List<Hit> hits = index.exact(new float[] {1, 0.1f}, 3, VectorFilter.NONE);
      assertThat(hits).extracting(Hit::id).containsExactly("east", "north", "west");
      assertThat(hits.get(2).score()).isEqualTo((1 - 1 / (float) Math.sqrt(1.01)) / 2, org.assertj.core.data.Offset.offset(1e-6f));
      assertThat(index.search(new float[] {1, 0.1f}, 3, VectorFilter.NONE)).extracting(Hit::id)
          .containsExactly("east", "north", "west");
    }
  }

  @Test
  void deleteLogThenReAddReplacesItsVectors() throws Exception {
    try (VectorIndex index = VectorIndex.create(tmp.resolve("i"), IndexOptions.of(2, Similarity.EUCLIDEAN))) {
      index.add(line("A"));
      index.add(List.of(new VectorDoc("b0", new float[] {100, 0}, meta("B"))));
      assertThat(index.deleteLog("A")).isEqualTo(10);
      assertThat(index.size()).isEqualTo(1);
      assertThat(index.search(new float[] {3, 0}, 5, VectorFilter.NONE)).extracting(Hit::id).containsExactly("b0");
      // Re-ingest: the log comes back shifted by 50.
      List<VectorDoc> again = new ArrayList<>();
      for (VectorDoc d : line("A")) {
        again.add(new VectorDoc(d.id(), new float[] {d.vector()[0] + 50, 0}, d.meta()));
      }
      index.add(again);
      index.commit();
      assertThat(index.size()).isEqualTo(11);
      assertThat(index.search(new float[] {3, 0}, 1, VectorFilter.NONE)).extracting(Hit::id).containsExactly("c0");
      assertThat(index.search(new float[] {3, 0}, 1, VectorFilter.NONE).get(0).score()).isEqualTo(1 / (1 + 47f * 47f));
      assertThat(index.deleteLog("nope")).isZero();
    }
  }

  @Test
  void searchOverSeveralSegmentsWithDeletesMergesTheirBestAndMatchesExact() throws Exception {
    // Unfiltered searches walk each segment's graph directly and merge: check across three segments,
    // one with deletes, against the exact scan (ef covers every vector, so HNSW must be exact).
    try (VectorIndex index = VectorIndex.create(tmp.resolve("i"), IndexOptions.of(2, Similarity.EUCLIDEAN))) {
      for (String log : List.of("A", "B", "C")) {
        List<VectorDoc> docs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          docs.add(new VectorDoc(log + i, new float[] {i + 0.1f * log.charAt(0), log.charAt(0) % 3}, meta(log)));
        }
        index.add(docs);
        index.commit();
      }
      assertThat(index.deleteLog("B")).isEqualTo(10);
      for (float[] q : List.of(new float[] {3.3f, 1}, new float[] {-5, 0}, new float[] {9, 2})) {
        List<Hit> approx = index.search(q, 7, 30, VectorFilter.NONE);
        assertThat(approx).extracting(Hit::id).containsExactlyElementsOf(
            index.exact(q, 7, VectorFilter.NONE).stream().map(Hit::id).toList());
        assertThat(approx).extracting(h -> h.meta().logId()).doesNotContain("B");
      }
    }
  }

  @Test
  void reopensFromDiskWithItsOptions() throws Exception {
    Path p = tmp.resolve("i");
    IndexOptions opts = IndexOptions.of(2, Similarity.EUCLIDEAN).withHnsw(8, 40).withInt8(true);
    try (VectorIndex index = VectorIndex.create(p, opts)) {
      index.add(line("A"));
      index.commit();
    }
    try (VectorIndex index = VectorIndex.open(p)) {
      assertThat(index.options()).isEqualTo(opts);
      assertThat(index.size()).isEqualTo(10);
      assertThat(index.exact(new float[] {7.4f, 0}, 2, VectorFilter.NONE)).extracting(Hit::id)
          .containsExactly("c7", "c8");
      assertThat(index.search(new float[] {7.4f, 0}, 2, VectorFilter.NONE)).extracting(Hit::id)
          .containsExactly("c7", "c8");
    }
    assertThatThrownBy(() -> VectorIndex.create(p, opts)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already exists");
    assertThatThrownBy(() -> VectorIndex.open(tmp.resolve("none"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no vector index");
  }

  @Test
  void wrongDimensionsAreRejectedWithBothNumbers() throws Exception {
    try (VectorIndex index = VectorIndex.create(tmp.resolve("i"), IndexOptions.of(3, Similarity.EUCLIDEAN))) {
      assertThatThrownBy(() -> index.add(List.of(new VectorDoc("x", new float[2], meta("A")))))
          .hasMessage("vector of x has 2 dimensions; this index expects 3");
      assertThatThrownBy(() -> index.search(new float[4], 1, VectorFilter.NONE))
          .hasMessage("query has 4 dimensions; this index expects 3");
    }
  }

  @Test
  void filtersByLogSourceCategoryTagAndTimeOverlap() throws Exception {
    try (VectorIndex index = VectorIndex.create(tmp.resolve("i"), IndexOptions.of(2, Similarity.EUCLIDEAN))) {
      index.add(List.of(
          new VectorDoc("a", new float[] {0, 0}, new ClipMeta("L1", "waymo", List.of("car", "ped"), List.of("cut_in"), 0, 10)),
          new VectorDoc("b", new float[] {1, 0}, new ClipMeta("L2", "synthetic", List.of("car"), List.of(), 20, 30)),
          new VectorDoc("c", new float[] {2, 0}, new ClipMeta("L2", "waymo", List.of("cyclist"), List.of("stop"), 40, 50))));
      float[] q = {0, 0};
      assertThat(index.search(q, 3, VectorFilter.NONE.withLogs("L2"))).extracting(Hit::id).containsExactly("b", "c");
      assertThat(index.search(q, 3, VectorFilter.NONE.withSources("waymo"))).extracting(Hit::id).containsExactly("a", "c");
      assertThat(index.search(q, 3, VectorFilter.NONE.withCategories("ped", "cyclist"))).extracting(Hit::id)
          .containsExactly("a", "c");
      assertThat(index.search(q, 3, VectorFilter.NONE.withTags("stop"))).extracting(Hit::id).containsExactly("c");
      assertThat(index.search(q, 3, VectorFilter.NONE.withTime(10L, 20L))).extracting(Hit::id).containsExactly("a", "b");
      assertThat(index.exact(q, 3, VectorFilter.NONE.withTime(31L, null))).extracting(Hit::id).containsExactly("c");
      assertThat(index.search(q, 3, VectorFilter.NONE.withSources("waymo").withTime(null, 5L))).extracting(Hit::id)
          .containsExactly("a");
    }
  }

  @Test
  void searchBatchAnswersEachQueryInOrder() throws Exception {
    try (VectorIndex index = VectorIndex.create(tmp.resolve("i"), IndexOptions.of(2, Similarity.EUCLIDEAN))) {
      index.add(line("A"));
      float[][] qs = new float[10][];
      for (int i = 0; i < 10; i++) {
        qs[i] = new float[] {9 - i + 0.1f, 0};
      }
      List<List<Hit>> out = index.searchBatch(qs, 1, VectorFilter.NONE);
      for (int i = 0; i < 10; i++) {
        assertThat(out.get(i)).extracting(Hit::id).containsExactly("c" + (9 - i));
      }
    }
  }
}
