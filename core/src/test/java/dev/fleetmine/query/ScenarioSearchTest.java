package dev.fleetmine.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleetmine.ingest.Category;
import dev.fleetmine.ingest.EgoSample;
import dev.fleetmine.ingest.Ingestor;
import dev.fleetmine.ingest.LogInfo;
import dev.fleetmine.ingest.ObjectSample;
import dev.fleetmine.lake.Lake;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario queries on a hand-built 20 s log whose answers are known exactly: ego brakes at -5 m/s^2 from
 * 10 s to 11 s; car c1 cuts in from the left lane between 4 s and 6 s; pedestrian p1 crosses from 14 s.
 */
class ScenarioSearchTest {
  @TempDir
  static Path dir;
  static Lake lake;
  static final ScenarioLibrary LIB = ScenarioLibrary.builtIn();

  static double speed(double t) {
    return t <= 10 ? 10 : t <= 11 ? 10 - 5 * (t - 10) : 5;
  }

  static double x(double t) {
    return t <= 10 ? 10 * t : t <= 11 ? 100 + 10 * (t - 10) - 2.5 * (t - 10) * (t - 10) : 107.5 + 5 * (t - 11);
  }

  @BeforeAll
  static void buildLake() {
    lake = Lake.open(dir.resolve("lake"));
    try (Ingestor in = Ingestor.begin(lake)) {
      in.beginLog(LogInfo.of("t1", "native", "test").withOrigin("city", 1000, 2000, 0));
      double pedX = x(14) + 50;
      for (int i = 0; i <= 200; i++) {
        long ts = i * 100_000_000L;
        double t = i / 10.0;
        in.ego(new EgoSample(ts, x(t), 0, 0, 0, speed(t)));
        double lat = t < 4 ? 3.5 : t < 6 ? 3.5 - 1.75 * (t - 4) : 0;
        in.object(ObjectSample.groundTruth(ts, "c1", Category.CAR, "car", x(t) + 12, lat, 0.8, 4.5, 1.9, 1.5, 0));
        if (t >= 14) {
          in.object(ObjectSample.groundTruth(ts, "p1", Category.PEDESTRIAN, "pedestrian", pedX, -6 + 1.5 * (t - 14), 0.9,
              0.5, 0.5, 1.8, Math.PI / 2));
        }
      }
      in.endLog();
      in.commit("test");
    }
  }

  static List<Clip> search(String query) {
    try (LakeQuery q = LakeQuery.open(lake)) {
      return ScenarioSearch.run(q, LIB.compile(query), LIB);
    }
  }

  static List<Long> matchedTenths(Clip c) {
    return c.matches().stream().map(m -> m.tsNs() / 100_000_000L).toList();
  }

  @Test
  void egoThresholdFindsTheBrakingFrames() {
    List<Clip> clips = search("ego.accel < -4 m/s2");
    assertThat(clips).hasSize(1);
    assertThat(matchedTenths(clips.get(0))).containsExactly(101L, 102L, 103L, 104L, 105L, 106L, 107L, 108L, 109L);
    assertThat(clips.get(0).startNs()).isEqualTo(10_100_000_000L);
    assertThat(clips.get(0).endNs()).isEqualTo(10_900_000_000L);
    assertThat(clips.get(0).matches().get(0).trackIds()).isEmpty();
  }

  @Test
  void forKeepsRunsAtLeastThatLong() {
    assertThat(search("ego.accel < -4 for 0.8s")).hasSize(1);
    assertThat(search("ego.accel < -4 for 0.81s")).isEmpty();
  }

  @Test
  void padWidensAndClampsToTheLog() {
    Clip c = search("ego.accel < -4 pad 2s before 1s after").get(0);
    assertThat(c.startNs()).isEqualTo(8_100_000_000L);
    assertThat(c.endNs()).isEqualTo(11_900_000_000L);
    Clip clamped = search("ego.speed > 9.9 and ego.x < 5 pad 3s").get(0);
    assertThat(clamped.startNs()).isZero();
  }

  @Test
  void thenPerTrackFindsTheCutInAndItsCar() {
    List<Clip> clips = search("exists vehicle v where abs(v.lat) >= 2.5 then abs(v.lat) <= 1 within 5s");
    assertThat(clips).hasSize(1);
    Clip c = clips.get(0);
    assertThat(matchedTenths(c)).first().isEqualTo(55L);
    assertThat(matchedTenths(c)).last().isEqualTo(95L);
    assertThat(c.matches()).hasSize(41).allSatisfy(m -> assertThat(m.trackIds()).containsExactly("c1"));
    assertThat(c.startNs()).isEqualTo(4_500_000_000L);
  }

  @Test
  void crossingPedestrianInPath() {
    List<Clip> clips = search("exists pedestrian p where p.crossing and p.in_path");
    assertThat(clips).hasSize(1);
    assertThat(matchedTenths(clips.get(0))).first().isEqualTo(169L);
    assertThat(matchedTenths(clips.get(0))).last().isEqualTo(191L);
    assertThat(clips.get(0).matches()).allSatisfy(m -> assertThat(m.trackIds()).containsExactly("p1"));
    assertThat(search("exists pedestrian p where p.oncoming")).isEmpty();
  }

  @Test
  void noQuantifierMatchesWhereNoObjectQualifies() {
    List<Clip> clips = search("no pedestrian p where p.distance < 100");
    assertThat(clips).hasSize(1);
    assertThat(clips.get(0).startNs()).isZero();
    assertThat(clips.get(0).endNs()).isEqualTo(13_900_000_000L);
  }

  @Test
  void aMissingValueIsFalseAndItsNegationTrue() {
    // no map in this log: in_intersection is NULL on every row, so the flag is false and its negation true
    // (the compiler drops coalesce outside NOT for scan pushdown; this pins that the meaning is unchanged)
    assertThat(search("exists car v where v.in_intersection")).isEmpty();
    assertThat(search("exists car v where not v.in_intersection")).hasSize(1);
    assertThat(search("exists car v where v.in_intersection or v.lon > 0")).hasSize(1);
    assertThat(search("exists car v where not (v.in_intersection and v.lon > 0)")).hasSize(1);
    assertThat(search("exists car v where not v.in_intersection then v.lat < 1 within 1s")).hasSize(1);
  }

  @Test
  void atLeastCountsDistinctTracks() {
    assertThat(search("at least 2 objects o where o.distance < 100")).hasSize(1);
    assertThat(search("at least 3 objects o where o.distance < 100")).isEmpty();
    assertThat(search("at most 1 object o where o.distance < 100").get(0).endNs()).isEqualTo(13_900_000_000L);
  }

  @Test
  void withinBeforeAndAfterRelateTwoConditions() {
    // the cut-in (in lane from 5.5 s) happens 4.6 s before the braking starts at 10.1 s
    assertThat(search("(exists car c where abs(c.lat) <= 1) within 5s before ego.accel < -4")).hasSize(1);
    assertThat(search("ego.accel < -4 within 3s after (exists car c where abs(c.lat) > 3)")).isEmpty();
    // |lat| > 3 holds until 4.2 s; braking frames at most 6 s later are 10.1 s and 10.2 s
    Clip after = search("ego.accel < -4 within 6s after (exists car c where abs(c.lat) > 3)").get(0);
    assertThat(matchedTenths(after)).containsExactly(101L, 102L);
    assertThat(after.startNs()).isEqualTo(4_200_000_000L);
  }

  @Test
  void relationBetweenTwoObjectsRefersToBoth() {
    List<Clip> clips = search("exists car v where exists pedestrian b where lon_of(b, v) > 0 and distance(b, v) < 40");
    assertThat(clips).isNotEmpty();
    assertThat(clips.get(0).matches().get(0).trackIds()).containsExactly("c1", "p1");
  }

  @Test
  void jsonPositionsAreInTheOriginalFrame() {
    try (LakeQuery q = LakeQuery.open(lake)) {
      List<Clip> clips = ScenarioSearch.run(q, LIB.compile("exists pedestrian p where p.in_path"), LIB);
      var positions = ClipWriter.positions(q, "gt", clips);
      assertThat(positions).hasSize(23);
      ClipWriter.Position at17 = positions.get("t1\u0000" + 17_000_000_000L + "\u0000p1");
      assertThat(at17.x()).isEqualTo(1000 + x(14) + 50);
      assertThat(at17.y()).isEqualTo(2000 + (-6 + 1.5 * 3), org.assertj.core.api.Assertions.within(1e-9));
    }
  }
}
