package dev.fleetmine.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleetmine.Fleetmine;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.query.Clip;
import dev.fleetmine.query.LakeQuery;
import dev.fleetmine.query.ScenarioLibrary;
import dev.fleetmine.query.ScenarioMiner;
import dev.fleetmine.synth.FleetGenerator;
import dev.fleetmine.synth.FleetSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lake's similar-clip index: build, incremental update on re-ingest, search with filters. */
class ClipIndexTest {
  @TempDir
  Path dir;

  static void generate(Fleetmine fm, FleetSpec spec) {
    fm.write("generate", sink -> new FleetGenerator(spec).generate(sink, Progress.NONE));
  }

  @Test
  void buildIsIncrementalAndSearchSkipsOverlapsAndHonoursFilters() {
    Fleetmine fm = Fleetmine.open(dir.resolve("lake"));
    generate(fm, new FleetSpec(0.2, 3, 2, 15));
    ScenarioMiner.mine(fm.lake(), ScenarioLibrary.builtIn(), List.of("overtaking_on_right"), Progress.NONE);

    ClipIndex.Built first = ClipIndex.build(fm.lake(), Progress.NONE);
    // 6 logs of 2 min (last frame at 119.9 s): 8 s windows starting every 2 s up to 110 s -> 56 per log
    assertThat(first.logsEmbedded()).isEqualTo(6);
    assertThat(first.windowsAdded()).isEqualTo(6 * 56);
    assertThat(first.windowsTotal()).isEqualTo(6 * 56);
    ClipIndex.Built again = ClipIndex.build(fm.lake(), Progress.NONE);
    assertThat(List.of(again.logsEmbedded(), again.logsRemoved(), again.windowsAdded(), again.windowsTotal()))
        .containsExactly(0, 0, 0, 6 * 56);

    // regenerating the same fleet re-ingests every log: all are re-embedded, nothing is doubled
    generate(fm, new FleetSpec(0.2, 3, 2, 15));
    ClipIndex.Built redo = ClipIndex.build(fm.lake(), Progress.NONE);
    assertThat(List.of(redo.logsEmbedded(), redo.logsRemoved(), redo.windowsTotal())).containsExactly(6, 6, 6 * 56);

    try (LakeQuery q = fm.query(); ClipIndex index = ClipIndex.open(fm.lake())) {
      String log = q.rows("SELECT min(log_id) FROM logs").single().toString();
      long start = ((Number) q.rows("SELECT min(start_ns) FROM logs WHERE log_id = '" + log + "'").single()).longValue();
      Clip query = new Clip(log, start + 30_000_000_000L, start + 35_000_000_000L, 0, List.of());
      List<Hit> hits = index.similar(q, query, 10, VectorFilter.NONE, HitSpread.ANYWHERE);
      assertThat(hits).hasSize(10);
      for (int i = 0; i < hits.size(); i++) {
        ClipMeta m = hits.get(i).meta();
        assertThat(m.logId().equals(log) && m.startNs() <= query.endNs() + 1_500_000_000L && query.startNs() - 1_500_000_000L <= m.endNs())
            .as("hit %s overlaps the query window", hits.get(i).id()).isFalse();
        for (int j = 0; j < i; j++) {
          ClipMeta o = hits.get(j).meta();
          assertThat(o.logId().equals(m.logId()) && o.startNs() <= m.endNs() && m.startNs() <= o.endNs()).isFalse();
        }
        if (i > 0) {
          assertThat(hits.get(i).score()).isLessThanOrEqualTo(hits.get(i - 1).score());
        }
      }
      List<Hit> tagged = index.similar(q, query, 3, new VectorFilter(List.of(), List.of(), List.of(), List.of("overtaking_on_right"),
          null, null), HitSpread.ANYWHERE);
      assertThat(tagged).isNotEmpty().allSatisfy(h -> assertThat(h.meta().tags()).contains("overtaking_on_right"));
      List<Hit> sameLog = index.similar(q, query, 3, VectorFilter.NONE.withLogs(log), HitSpread.ANYWHERE);
      assertThat(sameLog).hasSize(3).allSatisfy(h -> assertThat(h.meta().logId()).isEqualTo(log));
      assertThat(index.dimension()).isEqualTo(300);
    }
  }

  @Test
  void moreLikeThisComesFromOtherLogsTheBestWindowOfEachByDefault() {
    Fleetmine fm = Fleetmine.open(dir.resolve("lake"));
    generate(fm, new FleetSpec(0.2, 3, 2, 15));
    ClipIndex.build(fm.lake(), Progress.NONE);
    try (LakeQuery q = fm.query(); ClipIndex index = ClipIndex.open(fm.lake())) {
      List<String> logs = q.rows("SELECT log_id FROM logs ORDER BY log_id").values().stream().map(r -> (String) r.get(0)).toList();
      assertThat(logs).hasSize(6);
      String log = logs.get(0);
      Clip query = new Clip(log, 1_700_000_030_000_000_000L, 1_700_000_035_000_000_000L, 0, List.of());

      // the old answer: the query's own log holds the best windows
      List<Hit> anywhere = index.similar(q, query, 10, VectorFilter.NONE, HitSpread.ANYWHERE);
      assertThat(anywhere).hasSize(10).extracting(h -> h.meta().logId()).contains(log);

      // the default: each other log once, its best window, best first (at most 5 of the 6 logs)
      List<Hit> spread = index.similar(q, query, 10, VectorFilter.NONE);
      assertThat(spread).hasSize(5);
      assertThat(spread).extracting(h -> h.meta().logId()).doesNotContain(log).doesNotHaveDuplicates();
      List<Hit> bestPerLog = new java.util.ArrayList<>();
      for (String other : logs.subList(1, logs.size())) {
        // a one-log filter is answered by an exact scan: that log's best window
        bestPerLog.addAll(index.similar(q, query, 1, VectorFilter.NONE.withLogs(other), HitSpread.ANYWHERE));
      }
      bestPerLog.sort((a, b) -> Float.compare(b.score(), a.score()));
      assertThat(spread).extracting(Hit::id).containsExactlyElementsOf(bestPerLog.stream().map(Hit::id).toList());

      // a cap of 2 per log: 10 hits, none from the query log, no log more than twice, no overlaps
      List<Hit> two = index.similar(q, query, 10, VectorFilter.NONE, new HitSpread(true, 2));
      assertThat(two).hasSize(10).extracting(h -> h.meta().logId()).doesNotContain(log);
      assertThat(two.stream().collect(java.util.stream.Collectors.groupingBy(h -> h.meta().logId(),
          java.util.stream.Collectors.counting())).values()).containsOnly(2L);
      // keeping the query's log with one per log: it is there once, outside the query window
      List<Hit> withOwn = index.similar(q, query, 10, VectorFilter.NONE, new HitSpread(false, 1));
      assertThat(withOwn).hasSize(6).extracting(h -> h.meta().logId()).containsExactlyInAnyOrderElementsOf(logs);
      // the exclusion is part of the Lucene filter, so other filters still combine with it
      assertThat(index.similar(q, query, 10, VectorFilter.NONE.withLogs(log), HitSpread.OTHER_LOGS)).isEmpty();
    }
  }

  @Test
  void searchingBeforeBuildingSaysWhatToRun() {
    Fleetmine fm = Fleetmine.open(dir.resolve("empty"));
    assertThatThrownBy(() -> ClipIndex.open(fm.lake())).hasMessageStartingWith("the lake has no clip index yet; run `fleetmine index` first");
  }
}
