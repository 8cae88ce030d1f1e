package dev.fleetmine.eval;

import dev.fleetmine.Fleetmine;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.query.LakeQuery;
import dev.fleetmine.query.ScenarioLibrary;
import dev.fleetmine.synth.FleetGenerator;
import dev.fleetmine.synth.FleetSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints every library scenario's clip precision and recall on a seed-11 fleet ({@code -Dfleetmine.report.hours=H};
 * {@code -Dfleetmine.report.focus=a,b} also prints the clips of those scenarios that match no truth, with their
 * first track's rows and the log's truth events nearby). Skipped unless the hours are given.
 */
@EnabledIfSystemProperty(named = "fleetmine.report.hours", matches = "[0-9.]+")
class MiningReportTest {
  @TempDir
  Path dir;

  @Test
  void report() {
    double hours = Double.parseDouble(System.getProperty("fleetmine.report.hours"));
    Fleetmine fm = Fleetmine.open(dir.resolve("lake"));
    fm.write("generate", sink -> new FleetGenerator(FleetSpec.of(hours, 11)).generate(sink, Progress.NONE));
    ScenarioLibrary lib = ScenarioLibrary.builtIn();
    try (LakeQuery q = fm.query()) {
      List<TruthInstance> truth = MiningScorer.fromEvents(q, "synthetic-truth");
      for (MiningScorer.Score s : MiningScorer.score(q, lib, lib.names(), truth)) {
        MiningMetrics m = s.metrics();
        System.out.printf("REPORT %.1fh %-26s clips %4d truths %4d precision %.3f recall %.3f%n", hours, s.scenario(),
            m.clips(), m.truths(), m.clipPrecision(), m.clipRecall());
      }
      String focus = System.getProperty("fleetmine.report.focus", "");
      for (String name : focus.isEmpty() ? List.<String>of() : List.of(focus.split(","))) {
        for (dev.fleetmine.query.Clip c : dev.fleetmine.query.ScenarioSearch.run(q, lib.get(name), lib)) {
          boolean hit = truth.stream().anyMatch(t -> t.scenario().equals(name) && t.logId().equals(c.logId())
              && t.startNs() <= c.endNs() && c.startNs() <= t.endNs());
          if (!hit) {
            System.out.println("FP " + name + " " + c.logId() + " " + c.startNs() + " " + c.endNs() + " "
                + c.matches().get(0).trackIds());
            String tr = c.matches().get(0).trackIds().get(0);
            System.out.println(q.rows("SELECT o.ts_ns, o.category, o.lon, o.lat, o.speed, o.rel_vlon, o.ttc, e.speed, e.yaw_rate"
                + " FROM objects o JOIN ego e USING (log_id, ts_ns) WHERE o.log_id = '" + c.logId() + "' AND o.track_id = '" + tr
                + "' AND o.ts_ns BETWEEN " + (c.startNs() - 500_000_000L) + " AND " + c.endNs() + " ORDER BY 1 LIMIT 12").values());
            System.out.println(q.rows("SELECT type, ts_ns, end_ns FROM events WHERE log_id = '" + c.logId() + "' AND end_ns > "
                + (c.startNs() - 60_000_000_000L) + " AND ts_ns < " + (c.endNs() + 60_000_000_000L) + " ORDER BY 2").values());
          }
        }
      }
    }
  }
}
