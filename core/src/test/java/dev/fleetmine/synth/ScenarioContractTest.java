package dev.fleetmine.synth;

import static dev.fleetmine.TestLakes.query;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fleetmine.ingest.Ingestor;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.lake.Lake;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingests a small fleet and checks docs/synthetic-fleet.md against the derived columns. */
class ScenarioContractTest {
  @TempDir
  static Path dir;
  static Lake lake;
  static FleetSummary summary;

  @BeforeAll
  static void ingest() {
    lake = Lake.open(dir.resolve("lake"));
    double hours = Double.parseDouble(System.getProperty("synth.contract.hours", "0.5"));
    long seed = Long.parseLong(System.getProperty("synth.contract.seed", "7"));
    try (Ingestor in = Ingestor.begin(lake)) {
      double density = Double.parseDouble(System.getProperty("synth.contract.density", "15"));
      summary = new FleetGenerator(FleetSpec.of(hours, seed).withObjectDensity(density)).generate(in, Progress.NONE);
      in.commit("synthesize");
    }
  }

  @Test
  void everyConditionFrameLiesInATruthIntervalOfItsType() {
    for (ScenarioType type : ScenarioType.values()) {
      List<List<Object>> fp = query(lake, ScenarioContract.falsePositives(type));
      System.out.println(type + " false positive frames: " + fp.size() + " " + fp.stream().limit(20).toList());
    }
    for (ScenarioType type : ScenarioType.values()) {
      assertThat(query(lake, ScenarioContract.falsePositives(type))).as(type.sqlName()).isEmpty();
    }
  }

  @Test
  void everyTruthIntervalContainsConditionFrames() {
    System.out.println(summary.truthTable().countByType() + " logs=" + summary.logs() + " rows=" + summary.objectRows());
    for (ScenarioType type : ScenarioType.values()) {
      List<List<Object>> cov = query(lake, ScenarioContract.coverage(type));
      System.out.println(type + " coverage: " + cov);
    }
    for (ScenarioType type : ScenarioType.values()) {
      for (List<Object> row : query(lake, ScenarioContract.coverage(type))) {
        assertThat((Long) row.get(3)).as(type + " " + row).isPositive();
      }
    }
  }
}
