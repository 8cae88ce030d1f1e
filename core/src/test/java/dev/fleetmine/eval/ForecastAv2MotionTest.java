package dev.fleetmine.eval;

import static dev.fleetmine.TestLakes.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fleetmine.Fleetmine;
import dev.fleetmine.TestLakes;
import dev.fleetmine.eval.forecast.ForecastConfig;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.ingest.forecast.ConstantVelocityForecaster;
import dev.fleetmine.query.LakeQuery;
import dev.fleetmine.query.ScenarioMiner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The constant-velocity baseline on the real Argoverse 2 motion-forecasting scenario of the shared sample
 * (57 tracks, 110 frames at 10 Hz), scored as `fleetmine eval-forecasts --model cv` scores it. The
 * expected values are recomputed here from the objects table alone, by straightforward code that shares
 * nothing with the forecaster's SQL or the evaluator.
 */
class ForecastAv2MotionTest {
  static final String LOG = "0a1e6f0a-1817-4a98-b02e-db8c9327d151";

  @TempDir
  static Path dir;
  static Fleetmine fm;
  static ConstantVelocityForecaster.Result baseline;
  static ForecastEvaluation.Result result;
  static Expected expected;

  @BeforeAll
  static void run() {
    fm = Fleetmine.open(dir.resolve("lake"));
    fm.ingest("av2-motion", List.of(TestLakes.sharedData().resolve("argoverse2/forecasting")), Progress.NONE);
    baseline = ConstantVelocityForecaster.run(fm.lake(), ConstantVelocityForecaster.Options.DEFAULTS);
    try (LakeQuery q = fm.query()) {
      result = ForecastEvaluation.evaluate(q, "cv", ForecastConfig.ARGOVERSE2);
      ScenarioMiner.store(fm.lake(), q, "eval-forecasts cv", List.of(ForecastEvaluation.failureTags(result)));
    }
    expected = Expected.compute();
  }

  @Test
  void forecastsEveryTrackWithHistoryEverySecondThreeSecondsAhead() {
    assertThat(List.of(baseline.rows(), baseline.agents(), baseline.logs())).containsExactly(4201L, 204L, 1L);
    assertThat(List.of(expected.rows, expected.agents)).containsExactly(4201L, 204L);
    // moments 1, ..., 10 s (none at 0 s, where no track has two samples yet); 56 of the 57 tracks
    assertThat(query(fm.lake(), "SELECT count(DISTINCT ts_ns), min(ts_ns) - " + Expected.START + ", max(target_ts_ns - ts_ns),"
        + " count(DISTINCT track_id) FROM forecasts")).containsExactly(List.of(10L, 1_000_000_000L, 3_000_000_000L, 56L));
  }

  @Test
  void metricsMatchAnIndependentComputationFromTheObjectsTable() {
    ForecastEvaluation.SliceResult all = result.slice("all", "all");
    assertThat(List.of(all.forecasts(), all.scored())).containsExactly(204, 204);
    assertThat(all.minAde()).isCloseTo(expected.ade / expected.agents, within(1e-12));
    assertThat(all.minFde()).isCloseTo(expected.fde / expected.agents, within(1e-12));
    assertThat(all.missRate()).isCloseTo((double) expected.misses.size() / expected.agents, within(1e-12));
    // pinned, so that a change of any side shows
    assertThat(all.minAde()).isCloseTo(0.549349807071023, within(1e-12));
    assertThat(all.minFde()).isCloseTo(1.1504054561572734, within(1e-12));
    assertThat(all.missRate()).isEqualTo(33.0 / 204);
    assertThat(all.brierMinFde()).isNaN();
  }

  @Test
  void metricsMatchAPlainSqlQueryOverTheStoredForecasts() {
    List<Object> sql = query(fm.lake(), "WITH d AS (SELECT f.ts_ns, f.track_id, f.target_ts_ns, sqrt((f.x - o.x) ^ 2"
        + " + (f.y - o.y) ^ 2) AS dist FROM forecasts f JOIN objects o ON o.source = 'gt' AND o.log_id = f.log_id"
        + " AND o.track_id = f.track_id AND o.ts_ns = f.target_ts_ns),"
        + " a AS (SELECT ts_ns, track_id, avg(dist) AS ade, arg_max(dist, target_ts_ns) AS fde FROM d GROUP BY ALL)"
        + " SELECT count(*), avg(ade), avg(fde), avg((fde > 2.0)::INTEGER) FROM a").get(0);
    ForecastEvaluation.SliceResult all = result.slice("all", "all");
    assertThat(sql.get(0)).isEqualTo(204L);
    assertThat(all.minAde()).isCloseTo((double) sql.get(1), within(1e-12));
    assertThat(all.minFde()).isCloseTo((double) sql.get(2), within(1e-12));
    assertThat(all.missRate()).isCloseTo((double) sql.get(3), within(1e-12));
  }

  @Test
  void perCategoryAndLogSlicesPartitionTheAgents() {
    assertThat(result.slices().stream().filter(s -> s.dimension().equals("category"))
        .map(s -> s.name() + "=" + s.forecasts()).toList())
        .containsExactly("bicycle=13", "car=146", "pedestrian=29", "static_object=16");
    for (Map.Entry<String, double[]> e : expected.byCategory.entrySet()) {
      ForecastEvaluation.SliceResult s = result.slice("category", e.getKey());
      double[] v = e.getValue(); // agents, sum ADE, sum FDE, misses
      assertThat(s.scored()).isEqualTo((int) v[0]);
      assertThat(s.minAde()).as(e.getKey()).isCloseTo(v[1] / v[0], within(1e-12));
      assertThat(s.minFde()).as(e.getKey()).isCloseTo(v[2] / v[0], within(1e-12));
      assertThat(s.missRate()).as(e.getKey()).isCloseTo(v[3] / v[0], within(1e-12));
    }
    assertThat(result.slice("category", "car").minFde()).isCloseTo(1.360582452128696, within(1e-12));
    assertThat(result.slice("category", "car").missRate()).isEqualTo(28.0 / 146);
    assertThat(result.slice("log", LOG).minFde()).isEqualTo(result.slice("all", "all").minFde());
  }

  @Test
  void theMissesOfTheScenarioBecomeOneClipStoredAsAnFdeTag() {
    // some agent misses at every one of the ten moments (1 to 10 s): one clip, not one per track
    assertThat(expected.clips).isEqualTo(1);
    assertThat(result.failures()).hasSize(1);
    assertThat(result.failures().getFirst().matches()).hasSize(10);
    assertThat(query(fm.lake(), "SELECT scenario, count(*), sum(score)::BIGINT, min(start_ns) - " + Expected.START
        + ", max(end_ns) - " + Expected.START + " FROM tags GROUP BY ALL"))
        .containsExactly(List.of("fde:cv", 1L, 33L, 500_000_000L, 10_500_000_000L));
    // the focal track 138951 misses at five consecutive moments, 1 to 5 s
    assertThat(query(fm.lake(), "SELECT string_agg(((m.ts_ns - " + Expected.START + ") // 1000000000)::VARCHAR, ','"
        + " ORDER BY m.ts_ns) FROM (SELECT unnest(matches) AS m FROM tags) WHERE list_contains(m.track_ids, '138951')"))
        .containsExactly(List.of("1,2,3,4,5"));
  }

  /** Constant-velocity forecasts and their errors recomputed from the ground-truth rows with plain loops. */
  static final class Expected {
    static final long START = 315986559459579000L;
    long rows;
    long agents;
    double ade;
    double fde;
    List<long[]> misses = new ArrayList<>(); // {track index, ts}
    Map<String, double[]> byCategory = new TreeMap<>();
    int clips;

    static Expected compute() {
      Expected e = new Expected();
      List<List<Object>> gt = query(fm.lake(), "SELECT track_id, category, ts_ns, x, y, vx, vy FROM objects"
          + " WHERE source = 'gt' ORDER BY track_id, ts_ns");
      int trackNo = 0;
      for (int start = 0; start < gt.size(); trackNo++) {
        int end = start;
        while (end < gt.size() && gt.get(end).get(0).equals(gt.get(start).get(0))) {
          end++;
        }
        e.track(gt.subList(start, end), trackNo);
        start = end;
      }
      // misses of the log (any track) at moments one second apart (1.5 x the 1 s cadence) are one clip
      long[] moments = e.misses.stream().mapToLong(m -> m[1]).distinct().sorted().toArray();
      for (int i = 0; i < moments.length; i++) {
        e.clips += i > 0 && moments[i] - moments[i - 1] <= 1_500_000_000L ? 0 : 1;
      }
      return e;
    }

    /** The forecasts of one track: at each whole second from the log start where it has two samples so far. */
    private void track(List<List<Object>> rows, int trackNo) {
      for (int i = 1; i < rows.size(); i++) {
        long t0 = (long) rows.get(i).get(2);
        if ((t0 - START) % 1_000_000_000L != 0) {
          continue;
        }
        double x0 = (double) rows.get(i).get(3);
        double y0 = (double) rows.get(i).get(4);
        double vx = (double) rows.get(i).get(5);
        double vy = (double) rows.get(i).get(6);
        double sum = 0;
        double last = 0;
        int n = 0;
        for (int j = i + 1; j < rows.size() && (long) rows.get(j).get(2) - t0 <= 3_000_000_000L; j++) {
          double dt = ((long) rows.get(j).get(2) - t0) / 1e9;
          last = Math.hypot(x0 + vx * dt - (double) rows.get(j).get(3), y0 + vy * dt - (double) rows.get(j).get(4));
          sum += last;
          n++;
        }
        if (n == 0) {
          continue;
        }
        this.rows += n;
        agents++;
        ade += sum / n;
        fde += last;
        if (last > 2.0) {
          misses.add(new long[] {trackNo, t0});
        }
        double[] c = byCategory.computeIfAbsent((String) rows.get(i).get(1), k -> new double[4]);
        c[0]++;
        c[1] += sum / n;
        c[2] += last;
        c[3] += last > 2.0 ? 1 : 0;
      }
    }
  }
}
