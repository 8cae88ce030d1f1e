package dev.fleetmine.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleetmine.ingest.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetGeneratorTest {
  @TempDir
  Path dir;

  @Test
  void sameSpecGivesIdenticalRowsAndAnotherSeedDoesNot() {
    CountingSink a = new CountingSink();
    CountingSink b = new CountingSink();
    CountingSink c = new CountingSink();
    new FleetGenerator(FleetSpec.of(0.25, 5)).generate(a, Progress.NONE);
    new FleetGenerator(FleetSpec.of(0.25, 5)).generate(b, Progress.NONE);
    new FleetGenerator(FleetSpec.of(0.25, 6)).generate(c, Progress.NONE);
    assertThat(b.digest).isEqualTo(a.digest);
    assertThat(b.objectRows).isEqualTo(a.objectRows);
    assertThat(c.digest).isNotEqualTo(a.digest);
  }

  @Test
  void fixedSeedGivesExactCounts() {
    CountingSink sink = new CountingSink();
    FleetSummary s = new FleetGenerator(FleetSpec.of(0.5, 42)).generate(sink, Progress.NONE);
    assertThat(s.logs()).isEqualTo(3);
    assertThat(s.egoFrames()).isEqualTo(18_000L);
    assertThat(sink.egoRows).isEqualTo(18_000L);
    assertThat(s.objectRows()).isEqualTo(sink.objectRows).isEqualTo(243_198L);
    assertThat(sink.events).isEqualTo(s.truth().size());
    assertThat(s.truthTable().countByType()).isEqualTo(Map.of(ScenarioType.CUT_IN, 3, ScenarioType.HARD_BRAKE, 4,
        ScenarioType.PEDESTRIAN_CROSSING, 1, ScenarioType.LEAD_VEHICLE_STOPPED, 4,
        ScenarioType.LEFT_TURN_ACROSS_ONCOMING, 2, ScenarioType.OVERTAKING_ON_RIGHT, 7, ScenarioType.STOPPED_VEHICLE, 4,
        ScenarioType.NEAR_MISS, 1, ScenarioType.JAYWALKER, 1));
  }

  @Test
  void logsAreCutFromTheFleetAndNamedBySeedAndIndex() {
    RecordingSink sink = new RecordingSink();
    FleetSummary s = new FleetGenerator(new FleetSpec(0.05, 9, 2, 5)).generate(sink, Progress.NONE);
    assertThat(sink.logs).extracting(l -> l.info().logId()).containsExactly("synth-9-00000", "synth-9-00001");
    assertThat(sink.logs).extracting(l -> l.ego().size()).containsExactly(1200, 600);
    assertThat(s.egoFrames()).isEqualTo(1800);
    RecordingSink.Log first = sink.logs.get(0);
    assertThat(first.info().sourceFormat()).isEqualTo("synthetic");
    assertThat(first.info().location()).isIn("synth-city-a", "synth-city-b", "synth-highway");
    // the ego starts 150 m along the first straight, which leaves the origin along +x
    assertThat(first.ego().get(0).tsNs()).isEqualTo(1_700_000_000_000_000_000L);
    assertThat(first.ego().get(0).x()).isEqualTo(150.0);
    assertThat(first.ego().get(0).y()).isEqualTo(0.0);
    assertThat(first.ego().get(0).yaw()).isEqualTo(0.0);
    assertThat(sink.logs.get(1).ego().get(0).tsNs()).isEqualTo(1_700_003_600_000_000_000L);
  }

  @Test
  void everyTruthScenarioIsAlsoAnEvent() {
    RecordingSink sink = new RecordingSink();
    FleetSummary s = new FleetGenerator(FleetSpec.of(0.2, 3)).generate(sink, Progress.NONE);
    List<InjectedScenario> fromEvents = new ArrayList<>();
    for (RecordingSink.Log log : sink.logs) {
      for (var e : log.events()) {
        assertThat(e.source()).isEqualTo("synthetic-truth");
        assertThat(e.type()).startsWith("scenario:");
        fromEvents.add(new InjectedScenario(log.info().logId(), ScenarioType.fromSqlName(e.type().substring(9)),
            e.tsNs(), e.endNs(), e.trackIds()));
      }
    }
    assertThat(fromEvents).containsExactlyElementsOf(s.truth()).isNotEmpty();
  }

  @Test
  void truthTableRoundTripsThroughCsv() throws Exception {
    FleetSummary s = new FleetGenerator(FleetSpec.of(0.2, 3)).generate(new CountingSink(), Progress.NONE);
    Path csv = dir.resolve("truth.csv");
    s.truthTable().writeCsv(csv);
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0)).isEqualTo("log_id,scenario,start_ns,end_ns,track_ids");
    assertThat(lines).hasSize(s.truth().size() + 1);
    assertThat(lines.get(1)).isEqualTo("synth-3-00000,pedestrian_crossing,1700000022400000000,1700000032100000000,ped-00031");
    assertThat(TruthTable.readCsv(csv).rows()).isEqualTo(s.truth());
  }

  @Test
  void reportsProgressInEgoFrames() {
    List<String> calls = new ArrayList<>();
    Progress p = new Progress() {
      @Override
      public void start(String task, long total) {
        calls.add("start " + task + " " + total);
      }

      @Override
      public void advance(long done) {
        calls.add("advance " + done);
      }

      @Override
      public void finish() {
        calls.add("finish");
      }
    };
    new FleetGenerator(new FleetSpec(0.05, 1, 2, 0)).generate(new CountingSink(), p);
    assertThat(calls).containsExactly("start synthesize 2 logs 1800", "advance 1200", "advance 600", "finish");
  }

  @Test
  void rejectsImpossibleSpecs() {
    assertThatThrownBy(() -> FleetSpec.of(0, 1)).hasMessage("hours must be a positive number, got 0.0");
    assertThatThrownBy(() -> new FleetSpec(1, 1, 0.5, 15)).hasMessage("logMinutes must be at least 1, got 0.5");
    assertThatThrownBy(() -> new FleetSpec(1, 1, 10, -1)).hasMessage("objectDensity must be in [0, 500], got -1.0");
    assertThat(FleetSpec.of(280, 1).totalFrames()).isEqualTo(10_080_000L);
    assertThat(FleetSpec.of(280, 1).logCount()).isEqualTo(1680);
  }
}
