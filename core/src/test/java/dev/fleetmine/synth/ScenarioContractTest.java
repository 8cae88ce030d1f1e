package dev.fleetmine.synth;

import static dev.fleetmine.TestLakes.query;
import static dev.fleetmine.TestLakes.scalar;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fleetmine.ingest.Ingestor;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.lake.Lake;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingests a half-hour fleet into a lake and checks docs/synthetic-fleet.md against the derived columns:
 * each scenario's condition holds inside every truth interval of its type and nowhere else. (Run with
 * -Dsynth.contract.hours=3 -Dsynth.contract.seed=N in the JVM flags for a larger fleet.)
 */
class ScenarioContractTest {
  @TempDir
  static Path dir;
  static Lake lake;
  static FleetSummary summary;
  static boolean pinned;

  @BeforeAll
  static void ingest() {
    lake = Lake.open(dir.resolve("lake"));
    double hours = Double.parseDouble(System.getProperty("synth.contract.hours", "0.5"));
    long seed = Long.parseLong(System.getProperty("synth.contract.seed", "7"));
    pinned = hours == 0.5 && seed == 7;
    try (Ingestor in = Ingestor.begin(lake)) {
      summary = new FleetGenerator(FleetSpec.of(hours, seed)).generate(in, Progress.NONE);
      in.commit("synthesize");
    }
  }

  @Test
  void lakeHoldsTheFleetExactly() {
    assertThat(scalar(lake, "SELECT count(*) FROM ego")).isEqualTo(summary.egoFrames());
    assertThat(scalar(lake, "SELECT count(*) FROM objects")).isEqualTo(summary.objectRows());
    assertThat(scalar(lake, "SELECT count(*) FROM events WHERE source = 'synthetic-truth'"))
        .isEqualTo((long) summary.truth().size());
    if (pinned) {
      assertThat(query(lake, "SELECT log_id, source_format, location, ego_frames, object_rows FROM logs ORDER BY 1"))
          .containsExactly(List.of("synth-7-00000", "synthetic", "synth-city-b", 6000L, 88_548L),
              List.of("synth-7-00001", "synthetic", "synth-city-a", 6000L, 87_479L),
              List.of("synth-7-00002", "synthetic", "synth-city-a", 6000L, 89_849L));
      assertThat(query(lake, "SELECT type, count(*) FROM events GROUP BY 1 ORDER BY 1")).containsExactly(
          List.of("scenario:cut_in", 4L), List.of("scenario:hard_brake", 4L),
          List.of("scenario:jaywalker", 4L), List.of("scenario:lead_vehicle_stopped", 3L),
          List.of("scenario:left_turn_across_oncoming", 6L), List.of("scenario:near_miss", 4L),
          List.of("scenario:overtaking_on_right", 7L), List.of("scenario:pedestrian_crossing", 4L),
          List.of("scenario:stopped_vehicle", 4L));
      // hand-checked: the ego starts 150 m along the first straight, which leaves the log origin along +x
      assertThat(query(lake, "SELECT x, y, yaw FROM ego WHERE log_id = 'synth-7-00000' ORDER BY ts_ns LIMIT 1"))
          .containsExactly(List.of(150.0, 0.0, 0.0));
    }
  }

  @Test
  void everyConditionFrameLiesInATruthIntervalOfItsType() {
    for (ScenarioType type : ScenarioType.values()) {
      assertThat(query(lake, ScenarioContract.falsePositives(type))).as(type.sqlName()).isEmpty();
    }
  }

  @Test
  void everyTruthIntervalContainsConditionFrames() {
    assertThat(summary.truthTable().countByType().values()).allMatch(n -> n > 0);
    for (ScenarioType type : ScenarioType.values()) {
      for (List<Object> row : query(lake, ScenarioContract.coverage(type))) {
        assertThat((Long) row.get(3)).as(type + " " + row).isGreaterThanOrEqualTo(minFrames(type));
      }
    }
  }

  private static long minFrames(ScenarioType type) {
    return switch (type) {
      case HARD_BRAKE -> 3;
      case LEFT_TURN_ACROSS_ONCOMING -> 20;
      case LEAD_VEHICLE_STOPPED -> 10;
      default -> 1;
    };
  }

  @Test
  void theReferredActorsDoWhatTheDefinitionsSay() {
    String inInterval = " FROM objects o JOIN ego e USING (log_id, ts_ns) JOIN (%s) t ON o.log_id = t.log_id"
        + " AND o.ts_ns BETWEEN t.t0 AND t.t1 AND list_contains(t.track_ids, o.track_id)";
    String hardBrakingLead = "SELECT count(DISTINCT t.t0)" + inInterval.formatted(truth(ScenarioType.HARD_BRAKE))
        + " WHERE o.accel < -4 AND abs(o.lat) < 1.5 AND o.lon > 0 AND o.lon < 50";
    String stoppedEgo = "SELECT count(DISTINCT t.t0)" + inInterval.formatted(truth(ScenarioType.LEAD_VEHICLE_STOPPED))
        + " WHERE e.speed < 0.5 AND o.speed < 0.5 AND abs(o.lat) < 1.5 AND o.lon > 0 AND o.lon < 40";
    String oncoming = "SELECT count(DISTINCT t.t0)" + inInterval.formatted(truth(ScenarioType.LEFT_TURN_ACROSS_ONCOMING))
        + " WHERE abs(o.rel_heading) > 2.6 AND o.lon > 0 AND o.lon < 60 AND o.lat > 1.5 AND o.lat < 12";
    String crossing = "SELECT count(DISTINCT t.t0)" + inInterval.formatted(truth(ScenarioType.PEDESTRIAN_CROSSING))
        + " WHERE o.category = 'pedestrian' AND abs(o.lat) < 2 AND o.lon > 0 AND o.lon < 40";
    assertThat(scalar(lake, hardBrakingLead)).isEqualTo(count(ScenarioType.HARD_BRAKE));
    assertThat(scalar(lake, stoppedEgo)).isEqualTo(count(ScenarioType.LEAD_VEHICLE_STOPPED));
    assertThat(scalar(lake, oncoming)).isEqualTo(count(ScenarioType.LEFT_TURN_ACROSS_ONCOMING));
    assertThat(scalar(lake, crossing)).isEqualTo(count(ScenarioType.PEDESTRIAN_CROSSING));
    String stopped = "SELECT count(DISTINCT t.t0)" + inInterval.formatted(truth(ScenarioType.STOPPED_VEHICLE))
        + " WHERE o.speed < 0.5 AND e.speed > 3 AND o.lon > 0 AND abs(o.lat) < 5.25 AND o.distance < 50";
    String jaywalker = "SELECT count(DISTINCT t.t0)" + inInterval.formatted(truth(ScenarioType.JAYWALKER))
        + " WHERE o.category = 'pedestrian' AND abs(o.rel_vlat) > 0.7 * o.speed AND o.speed > 0.3 AND o.lon > 0"
        + " AND abs(o.lat) < 5.25 AND o.distance < 30";
    assertThat(scalar(lake, stopped)).isEqualTo(count(ScenarioType.STOPPED_VEHICLE));
    String nearMiss = "SELECT count(DISTINCT t.t0)" + inInterval.formatted(truth(ScenarioType.NEAR_MISS))
        + " WHERE o.ttc < 1.5 AND o.distance < 20 AND abs(o.lat) < 2.5";
    assertThat(scalar(lake, nearMiss)).isEqualTo(count(ScenarioType.NEAR_MISS));
    String passing = "SELECT count(DISTINCT t.t0)" + inInterval.formatted(truth(ScenarioType.OVERTAKING_ON_RIGHT))
        + " WHERE o.lat > -5.25 AND o.lat <= -1.75 AND abs(o.lon) < 5 AND o.rel_vlon > 1 AND e.speed > 5";
    assertThat(scalar(lake, passing)).isEqualTo(count(ScenarioType.OVERTAKING_ON_RIGHT));
    assertThat(scalar(lake, jaywalker)).isEqualTo(count(ScenarioType.JAYWALKER));
  }

  private static String truth(ScenarioType type) {
    return ScenarioContract.truth(type);
  }

  private static long count(ScenarioType type) {
    return summary.truthTable().countByType().get(type);
  }

  @Test
  void backgroundKeepsItsMarginsOutsideTheScenarios() {
    // the ego never brakes harder than 3 m/s^2 and never turns left faster than 0.1 rad/s in background
    assertThat(query(lake, "SELECT log_id, ts_ns, accel FROM ego ANTI JOIN (" + truth(ScenarioType.HARD_BRAKE) + ") t"
        + " ON ego.log_id = t.log_id AND ego.ts_ns BETWEEN t.t0 AND t.t1 WHERE accel < -3.0 - 1e-9")).isEmpty();
    assertThat(query(lake, "SELECT log_id, ts_ns, yaw_rate FROM ego ANTI JOIN ("
        + truth(ScenarioType.LEFT_TURN_ACROSS_ONCOMING) + ") t ON ego.log_id = t.log_id"
        + " AND ego.ts_ns BETWEEN t.t0 AND t.t1 WHERE yaw_rate > 0.1")).isEmpty();
    // pedestrians other than the crossing ones stay on the sidewalks, 6 m or more to the side of the ego
    assertThat(query(lake, "SELECT o.log_id, o.ts_ns, o.track_id FROM objects o JOIN ego e USING (log_id, ts_ns)"
        + " WHERE o.category = 'pedestrian' AND abs(e.yaw_rate) < 0.01 AND abs(o.lat) < 6 AND o.track_id NOT IN"
        + " (SELECT unnest(track_ids) FROM events WHERE type = 'scenario:pedestrian_crossing')")).isEmpty();
  }
}
