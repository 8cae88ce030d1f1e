package dev.fleetmine.ingest;

import static dev.fleetmine.TestLakes.query;
import static dev.fleetmine.TestLakes.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fleetmine.TestLakes;
import dev.fleetmine.lake.Lake;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestorTest {
  @TempDir
  Path dir;

  /** Ego drives +x at 10 m/s; a car 20 m ahead drives at 5 m/s; 1 s at 10 Hz. */
  static void writeFollowingLog(LogSink sink, String id) {
    sink.beginLog(LogInfo.of(id, "native", "test"));
    for (int i = 0; i <= 10; i++) {
      long ts = i * 100_000_000L;
      double t = i / 10.0;
      sink.ego(EgoSample.pose(ts, 10 * t, 0, 0, 0));
      sink.object(ObjectSample.groundTruth(ts, "car-1", Category.CAR, "Car", 20 + 5 * t, 0, 0.8, 4.5, 1.9, 1.6, 0));
    }
    sink.event(new EventSample(0, 500_000_000L, "scenario:following", "test", List.of("car-1"), "{}"));
    sink.endLog();
  }

  @Test
  void derivesEgoAndRelativeKinematics() {
    Lake lake = Lake.open(dir.resolve("lake"));
    try (Ingestor in = Ingestor.begin(lake)) {
      writeFollowingLog(in, "log-a");
      in.commit("test");
    }
    assertThat(scalar(lake, "SELECT count(*) FROM ego")).isEqualTo(11L);
    List<Object> mid = query(lake, "SELECT e.speed, e.accel, o.speed, o.lon, o.lat, o.distance, o.rel_vlon, o.ttc,"
        + " o.track_age_s FROM ego e JOIN objects o USING (log_id, ts_ns) WHERE ts_ns = 500000000").get(0);
    assertThat((double) mid.get(0)).isCloseTo(10.0, within(1e-9));
    assertThat((double) mid.get(1)).isCloseTo(0.0, within(1e-9));
    assertThat((double) mid.get(2)).isCloseTo(5.0, within(1e-9));
    assertThat((double) mid.get(3)).isCloseTo(17.5, within(1e-9));
    assertThat((double) mid.get(4)).isCloseTo(0.0, within(1e-9));
    assertThat((double) mid.get(5)).isCloseTo(17.5, within(1e-9));
    assertThat((double) mid.get(6)).isCloseTo(-5.0, within(1e-9));
    assertThat((double) mid.get(7)).isCloseTo(3.5, within(1e-9));
    assertThat((double) mid.get(8)).isCloseTo(0.5, within(1e-9));
    assertThat(query(lake, "SELECT log_id, ego_frames, object_rows, duration_s FROM logs"))
        .containsExactly(List.of("log-a", 11L, 11L, 1.0));
    assertThat(scalar(lake, "SELECT track_ids[1] FROM events")).isEqualTo("car-1");
  }

  @Test
  void reingestReplacesTheLogAndDeletesItsOldFiles() throws Exception {
    Lake lake = Lake.open(dir.resolve("lake"));
    for (int round = 0; round < 2; round++) {
      try (Ingestor in = Ingestor.begin(lake)) {
        writeFollowingLog(in, "log-a");
        in.commit("test");
      }
    }
    assertThat(scalar(lake, "SELECT count(*) FROM ego")).isEqualTo(11L);
    assertThat(TestLakes.listing(lake.root()).keySet()).filteredOn(f -> f.startsWith("data/")).hasSize(4);
    assertThat(lake.current().version()).isEqualTo(2);
  }

  @Test
  void failureMidwayLeavesTheLakeAsItWas() throws Exception {
    Lake lake = Lake.open(dir.resolve("lake"));
    try (Ingestor in = Ingestor.begin(lake)) {
      writeFollowingLog(in, "log-a");
      in.commit("first");
    }
    var before = TestLakes.listing(lake.root());
    Ingestor.WriteHook failOnSecond = (log, index) -> {
      if (index == 1) {
        throw new IOException("injected failure after " + log);
      }
    };
    assertThatThrownBy(() -> {
      try (Ingestor in = Ingestor.begin(lake, failOnSecond)) {
        writeFollowingLog(in, "log-a");
        writeFollowingLog(in, "log-b");
        in.commit("second");
      }
    }).hasMessageContaining("injected failure after log-b");
    assertThat(TestLakes.listing(lake.root())).isEqualTo(before);
    assertThat(query(lake, "SELECT log_id FROM logs")).containsExactly(List.of("log-a"));
  }

  @Test
  void failedPublishLeavesTheLakeAsItWas() throws Exception {
    Lake lake = Lake.open(dir.resolve("lake"), version -> {
      throw new IOException("disk full while publishing " + version);
    });
    var before = TestLakes.listing(lake.root());
    assertThatThrownBy(() -> {
      try (Ingestor in = Ingestor.begin(lake)) {
        writeFollowingLog(in, "log-a");
        in.commit("test");
      }
    }).hasMessageContaining("disk full while publishing 1").hasMessageContaining("lake unchanged");
    assertThat(TestLakes.listing(lake.root())).isEqualTo(before);
    assertThat(lake.current().version()).isZero();
  }

  @Test
  void objectWithoutEgoStateIsRejectedWithItsTimestamp() {
    Lake lake = Lake.open(dir.resolve("lake"));
    assertThatThrownBy(() -> {
      try (Ingestor in = Ingestor.begin(lake)) {
        in.beginLog(LogInfo.of("bad", "native", null));
        in.ego(EgoSample.pose(0, 0, 0, 0, 0));
        in.object(ObjectSample.groundTruth(7, "t", Category.CAR, "car", 1, 1, 0, 4, 2, 1.5, 0));
        in.endLog();
      }
    }).isInstanceOf(IngestException.class)
        .hasMessage("log bad: 1 object rows at ts_ns 7 have no ego state at that timestamp;"
            + " object timestamps must match ego timestamps");
    assertThat(lake.current().logs()).isEmpty();
  }
}
