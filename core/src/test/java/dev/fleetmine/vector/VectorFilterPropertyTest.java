package dev.fleetmine.vector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Every hit of a filtered search satisfies the filter, and exact search equals a brute force in the test. */
class VectorFilterPropertyTest {
  static final int N = 3000;
  static final int K = 10;
  static final List<String> SOURCES = List.of("waymo", "synthetic", "nuscenes");
  static final List<String> CATEGORIES = List.of("car", "ped", "cyclist", "truck");
  static final List<String> TAGS = List.of("cut_in", "stop", "merge", "u_turn", "jaywalk");

  static Path dir;
  static VectorIndex index;
  static List<VectorDoc> docs;

  @BeforeContainer
  static void build() throws Exception {
    dir = Files.createTempDirectory("vector-prop");
    index = VectorIndex.create(dir.resolve("i"), IndexOptions.of(16, Similarity.EUCLIDEAN).withHnsw(8, 32));
    SplittableRandom r = new SplittableRandom(3);
    float[][] pts = new ClusteredVectors(16, 20, 0.5f, 5).points(N, 6);
    docs = new ArrayList<>(N);
    for (int i = 0; i < N; i++) {
      long start = r.nextLong(1_000_000);
      docs.add(new VectorDoc("v" + i, pts[i], new ClipMeta("L" + r.nextInt(20), SOURCES.get(r.nextInt(3)),
          subset(r, CATEGORIES), subset(r, TAGS), start, start + r.nextLong(10_000))));
    }
    // Three batches with a commit between them: several segments, so per-segment filtering is exercised.
    for (int b = 0; b < 3; b++) {
      index.add(docs.subList(b * N / 3, (b + 1) * N / 3));
      index.commit();
    }
  }

  static List<String> subset(SplittableRandom r, List<String> all) {
    List<String> out = new ArrayList<>();
    for (String s : all) {
      if (r.nextInt(3) == 0) {
        out.add(s);
      }
    }
    return out;
  }

  @AfterContainer
  static void close() throws Exception {
    index.close();
  }

  @Provide
  Arbitrary<VectorFilter> filters() {
    Arbitrary<List<String>> logs = Arbitraries.integers().between(0, 19).map(i -> "L" + i).list().ofMaxSize(3);
    Arbitrary<List<String>> sources = Arbitraries.of(SOURCES).list().ofMaxSize(2);
    Arbitrary<List<String>> cats = Arbitraries.of(CATEGORIES).list().ofMaxSize(2);
    Arbitrary<List<String>> tags = Arbitraries.of(TAGS).list().ofMaxSize(2);
    Arbitrary<Long> from = Arbitraries.longs().between(0, 1_000_000).injectNull(0.5);
    Arbitrary<Long> width = Arbitraries.longs().between(0, 500_000).injectNull(0.5);
    Arbitrary<List<String>> excluded = Arbitraries.integers().between(0, 19).map(i -> "L" + i).list().ofMaxSize(4);
    return Combinators.combine(logs, sources, cats, tags, from, width, excluded).as((l, s, c, t, f, w, x) ->
        new VectorFilter(l, s, c, t, f, f == null || w == null ? null : f + w, x));
  }

  @Property(tries = 200)
  void hitsSatisfyTheFilterAndExactMatchesBruteForce(@ForAll("filters") VectorFilter filter,
      @ForAll("queryIndex") int qi) throws Exception {
    float[] q = docs.get(qi).vector();
    List<VectorDoc> matching = docs.stream().filter(d -> filter.matches(d.meta())).toList();
    List<Hit> approx = index.search(q, K, filter);
    assertThat(approx).allSatisfy(h -> assertThat(filter.matches(h.meta())).as("%s passes %s", h, filter).isTrue());
    assertThat(approx).hasSize(Math.min(K, matching.size()));
    List<String> expected = matching.stream()
        .sorted(Comparator.comparingDouble((VectorDoc d) -> -Similarity.EUCLIDEAN.lucene().compare(q, d.vector())))
        .limit(K).map(VectorDoc::id).toList();
    assertThat(index.exact(q, K, filter)).extracting(Hit::id).containsExactlyElementsOf(expected);
    if ((long) matching.size() * matching.size() <= (long) VectorIndex.DEFAULT_EF * N) {
      // Selective filters are answered by the exact scan: same neighbours as brute force.
      assertThat(approx).extracting(Hit::id).containsExactlyElementsOf(expected);
    }
  }

  @Provide
  Arbitrary<Integer> queryIndex() {
    return Arbitraries.integers().between(0, N - 1);
  }
}
