package dev.fleetmine.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How hits spread over logs: the query's log left out, a cap per log, no overlaps, a widening search. */
class HitSpreadTest {
  @TempDir
  Path dir;

  static Hit hit(String log, long start, float score) {
    return new Hit(log + "@" + start, score, new ClipMeta(log, "", List.of(), List.of(), start, start + 7));
  }

  @Test
  void pickSkipsTheQueryLogCappedLogsAndOverlaps() {
    List<Hit> candidates = List.of(hit("A", 0, 0.99f), hit("A", 20, 0.98f), hit("B", 0, 0.97f), hit("B", 4, 0.96f),
        hit("B", 20, 0.95f), hit("B", 40, 0.94f), hit("C", 0, 0.93f));
    ClipMeta query = new ClipMeta("A", "", List.of(), List.of(), 100, 107);
    assertThat(HitSpread.OTHER_LOGS.pick(candidates, 10, query)).extracting(Hit::id).containsExactly("B@0", "C@0");
    // B@4 overlaps B@0; the cap of 2 stops B@40
    assertThat(new HitSpread(true, 2).pick(candidates, 10, query)).extracting(Hit::id).containsExactly("B@0", "B@20", "C@0");
    assertThat(HitSpread.ANYWHERE.pick(candidates, 10, query)).extracting(Hit::id)
        .containsExactly("A@0", "A@20", "B@0", "B@20", "B@40", "C@0");
    assertThat(HitSpread.ANYWHERE.pick(candidates, 2, query)).extracting(Hit::id).containsExactly("A@0", "A@20");
    // a query window overlapping A@20 removes it even when its log is kept
    ClipMeta near = new ClipMeta("A", "", List.of(), List.of(), 25, 40);
    assertThat(new HitSpread(false, 0).pick(candidates, 3, near)).extracting(Hit::id).containsExactly("A@0", "B@0", "B@20");
    // without a query clip there is no log to leave out
    assertThat(HitSpread.OTHER_LOGS.pick(candidates, 10, null)).extracting(Hit::id).containsExactly("A@0", "B@0", "C@0");
  }

  @Test
  void aNegativeCapIsRejected() {
    assertThatThrownBy(() -> new HitSpread(true, -1)).hasMessage("perLog must be >= 0 (0 = no cap), got -1");
  }

  @Test
  void theCandidateListWidensUntilOtherLogsAreReached() throws Exception {
    // 400 windows of log A right at the query, then one window of each of B, C, D further away: the first
    // candidate list (k * 8 + 9 = 33) holds only A
    try (VectorIndex index = VectorIndex.create(dir.resolve("i"), IndexOptions.of(2, Similarity.EUCLIDEAN))) {
      List<VectorDoc> docs = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        docs.add(new VectorDoc("A@" + i * 10, new float[] {i * 1e-4f, 0}, new ClipMeta("A", "", List.of(), List.of(), i * 10L, i * 10L + 7)));
      }
      String[] others = {"B", "C", "D"};
      for (int i = 0; i < others.length; i++) {
        docs.add(new VectorDoc(others[i] + "@0", new float[] {1 + i, 0}, new ClipMeta(others[i], "", List.of(), List.of(), 0, 7)));
      }
      index.add(docs);
      index.commit();
      float[] q = {0, 0};
      assertThat(HitSpread.OTHER_LOGS.search(index, q, 3, VectorFilter.NONE, null)).extracting(Hit::id)
          .containsExactly("A@0", "B@0", "C@0");
      assertThat(HitSpread.OTHER_LOGS.search(index, q, 10, VectorFilter.NONE, null)).extracting(Hit::id)
          .containsExactly("A@0", "B@0", "C@0", "D@0");
      ClipMeta inA = new ClipMeta("A", "", List.of(), List.of(), 5000, 5007);
      assertThat(HitSpread.OTHER_LOGS.search(index, q, 3, VectorFilter.NONE, inA)).extracting(Hit::id)
          .containsExactly("B@0", "C@0", "D@0");
      assertThat(new HitSpread(false, 2).search(index, q, 4, VectorFilter.NONE, null)).extracting(Hit::id)
          .containsExactly("A@0", "A@10", "B@0", "C@0");
    }
  }
}
