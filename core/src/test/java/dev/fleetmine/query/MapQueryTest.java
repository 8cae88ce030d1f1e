package dev.fleetmine.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleetmine.TestLakes;
import dev.fleetmine.ingest.Category;
import dev.fleetmine.ingest.EgoSample;
import dev.fleetmine.ingest.Ingestor;
import dev.fleetmine.ingest.LogInfo;
import dev.fleetmine.ingest.ObjectSample;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.ingest.av2.Av2SensorImporter;
import dev.fleetmine.ingest.waymo.WaymoMotionImporter;
import dev.fleetmine.lake.Lake;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Map relations in queries, on the two real Argoverse 2 sensor logs, the Waymo scenario and a hand-built
 * log without a map ("nomap": ego stopped, pedestrian p walking across 15 m ahead for 5 s).
 */
class MapQueryTest {
  static final String A = "7fab2350-7eaf-3b7e-a39d-6937a4c1bede";
  static final String B = "adcf7d18-0510-35b0-a2fa-b4cea13a6d76";
  static final String W = "waymo-637f20cafde22ff8";
  static final ScenarioLibrary LIB = ScenarioLibrary.builtIn();

  @TempDir
  static Path dir;
  static Lake lake;

  /** A clip as log, start, end, matched frames and referred tracks (sorted). */
  record C(String log, long start, long end, int frames, List<String> tracks) {}

  @BeforeAll
  static void buildLake() {
    lake = Lake.open(dir.resolve("lake"));
    Path data = TestLakes.sharedData();
    try (Ingestor in = Ingestor.begin(lake)) {
      new Av2SensorImporter().read(List.of(data.resolve("argoverse2/sensor")), in, Progress.NONE);
      new WaymoMotionImporter().read(List.of(data.resolve("waymo-motion")), in, Progress.NONE);
      in.beginLog(LogInfo.of("nomap", "native", null));
      for (int i = 0; i <= 50; i++) {
        long ts = i * 100_000_000L;
        in.ego(new EgoSample(ts, 0, 0, 0, 0, 0));
        in.object(ObjectSample.groundTruth(ts, "p", Category.PEDESTRIAN, "ped", 15, -3 + 0.15 * i, 0.9, 0.5, 0.5, 1.7,
            Math.PI / 2));
      }
      in.endLog();
      in.commit("test");
    }
  }

  static List<C> search(String query) {
    try (LakeQuery q = LakeQuery.open(lake)) {
      return ScenarioSearch.run(q, LIB.compile(query), LIB).stream()
          .map(c -> new C(c.logId(), c.startNs(), c.endNs(), c.matches().size(),
              c.matches().stream().flatMap(m -> m.trackIds().stream()).distinct().sorted().toList()))
          .toList();
    }
  }

  @Test
  void pedestriansOnCrosswalksNearEgo() {
    assertThat(search("exists pedestrian p where p.on_crosswalk and p.distance < 20")).containsExactly(
        new C(A, 315966265759491000L, 315966269160171000L, 35, List.of("de40f64f-62e0-449f-9d9a-fc7dd1202240")),
        new C(B, 315973166059837000L, 315973166659688000L, 7, List.of("5a4a07fe-d783-49db-bf7e-5c1aeb7db496")),
        new C(B, 315973166959613000L, 315973173459753000L, 66,
            List.of("ebf3a8fc-a124-4134-ba3a-af6bd325761d", "ee5535bb-392c-4c02-8e84-94c166d21966")),
        new C(W, 0L, 9000040000L, 91, List.of("2313", "2314", "2320", "2327", "2351", "2355", "2367")));
  }

  @Test
  void egoInIntersectionAndOnACrosswalk() {
    assertThat(search("ego.in_intersection")).containsExactly(
        new C(A, 315966266959852000L, 315966269160171000L, 23, List.of()),
        new C(B, 315973169260142000L, 315973173459753000L, 43, List.of()));
    assertThat(search("ego.in_intersection and ego.moving and exists pedestrian p where p.on_crosswalk and p.ahead"))
        .containsExactly(new C(A, 315966266959852000L, 315966269160171000L, 23,
            List.of("de40f64f-62e0-449f-9d9a-fc7dd1202240")));
    assertThat(search("ego.on_crosswalk")).extracting(C::log, C::frames)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(A, 6), org.assertj.core.groups.Tuple.tuple(B, 10));
  }

  @Test
  void jaywalkerUsesTheMapWhereTheLogHasOne() {
    // Waymo: the pedestrians crossing ahead are all on crosswalks, which the lateral approximation
    // cannot tell; with the map the library scenario finds no jaywalker there
    assertThat(search("exists pedestrian p where p.crossing and p.ahead and abs(p.lat) < 5.25 and p.distance < 30"))
        .extracting(C::log).containsExactly("nomap", W);
    assertThat(search("exists pedestrian p where p.crossing and p.ahead and p.on_crosswalk and p.distance < 30"))
        .containsExactly(new C(W, 0L, 9000040000L, 91, List.of("2313", "2314", "2320", "2327", "2351", "2355", "2367")));
    // without a map it falls back to |lat| < 5.25 m: the whole 5 s log (padding clamped to it)
    assertThat(search("scenario jaywalker")).containsExactly(new C("nomap", 0L, 5_000_000_000L, 51, List.of("p")));
  }

  /**
   * RefAV's at_pedestrian_crossing (1 m) on the box centre: pedestrian de40f64f of 7fab2350 is
   * at_crosswalk from 315966264659992000 (0.916 m from crossing 2356429, checked by hand in
   * MapDistancesTest), 1.1 s before its centre's cell is on the crossing.
   */
  @Test
  void pedestriansAtCrosswalks() {
    assertThat(search("exists pedestrian p where p.at_crosswalk")).containsExactly(
        new C(A, 315966264659992000L, 315966269160171000L, 46, List.of("de40f64f-62e0-449f-9d9a-fc7dd1202240")),
        new C(B, 315973157959879000L, 315973173459753000L, 156, List.of("30515728-6dc2-48ab-95db-f7751061c081",
            "5a4a07fe-d783-49db-bf7e-5c1aeb7db496", "65e956d9-6017-4198-9155-0efcf727faa8",
            "89efd3e9-61e2-4059-99e6-0df3a94bb4cd", "960adde3-f949-4f34-8bb3-1056606e28d9",
            "ebf3a8fc-a124-4134-ba3a-af6bd325761d", "ee5535bb-392c-4c02-8e84-94c166d21966")),
        new C(W, 0L, 9000040000L, 91, List.of("2313", "2314", "2320", "2327", "2351", "2355", "2367")));
    assertThat(search("exists pedestrian p where p.crosswalk_distance <= 1 m")).isEqualTo(
        search("exists pedestrian p where p.at_crosswalk"));
  }

  /** RefAV's near_intersection (5 m): ego of 7fab2350 is 4.915 m away at 315966261759625000 (by hand). */
  @Test
  void egoNearAnIntersection() {
    assertThat(search("ego.near_intersection")).containsExactly(
        new C(A, 315966261759625000L, 315966269160171000L, 75, List.of()),
        new C(B, 315973167659658000L, 315973173459753000L, 59, List.of()));
    // the intersection lies beyond the first 4.9 m: ego of 7fab2350 waits 2.85 m before it
    assertThat(search("ego.near_intersection and not ego.in_intersection and ego.stopped")).extracting(C::log, C::frames)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(A, 16));
  }

  @Test
  void onRoadIsOnALane() {
    // ego drives on lanes throughout; every map log is one clip, the log without a map none
    assertThat(search("ego.on_road")).extracting(C::log, C::frames).containsExactly(
        org.assertj.core.groups.Tuple.tuple(A, 156), org.assertj.core.groups.Tuple.tuple(B, 156),
        org.assertj.core.groups.Tuple.tuple(W, 91));
    // two cars leave the road north of the 7fab2350 intersection, off the drivable area too (into a lot or
    // driveway; docs/img/av2-map-flags.png, right panel, magenta)
    assertThat(search("exists vehicle v where not v.on_road and v.moving and v.distance < 20"))
        .extracting(C::log, C::frames, C::tracks).containsExactly(
            org.assertj.core.groups.Tuple.tuple(A, 13, List.of("a409f36b-fb66-4c98-8d35-c68842ecf150")),
            org.assertj.core.groups.Tuple.tuple(A, 25, List.of("a409f36b-fb66-4c98-8d35-c68842ecf150")),
            org.assertj.core.groups.Tuple.tuple(A, 12, List.of("1b37066c-4587-4f6e-a4a1-13040b69e9b2")));
  }

  @Test
  void noStopSignTrafficInTheRealSamples() {
    // the Waymo sample's 8 stop signs are at the map's edges, away from its traffic; AV2 maps have none
    assertThat(search("ego.at_stop_sign or exists object o where o.at_stop_sign")).isEmpty();
  }

  @Test
  void mapFlagsAreFalseWithoutAMap() {
    assertThat(search("exists pedestrian p where p.on_crosswalk or p.on_drivable or p.in_intersection"
        + " or p.same_lane_map or p.lane_type = VEHICLE or p.on_road or p.near_intersection or p.at_crosswalk"
        + " or p.at_stop_sign")).extracting(C::log).doesNotContain("nomap");
    assertThat(search("ego.on_road or ego.near_intersection or ego.at_crosswalk or ego.at_stop_sign"))
        .extracting(C::log).doesNotContain("nomap");
    assertThat(search("exists pedestrian p where not p.on_crosswalk and p.distance < 16"))
        .extracting(C::log).contains("nomap");
    assertThat(search("ego.in_intersection or ego.on_crosswalk")).extracting(C::log).doesNotContain("nomap", W);
  }

  @Test
  void laneTypeAndSameLaneCompareLikeText() {
    assertThat(search("exists cyclist c where c.lane_type = VEHICLE and not c.same_lane_map and c.distance < 20"))
        .extracting(C::log, C::frames, C::tracks).containsExactly(
            org.assertj.core.groups.Tuple.tuple(W, 12, List.of("2401")),
            org.assertj.core.groups.Tuple.tuple(W, 5, List.of("2401")),
            org.assertj.core.groups.Tuple.tuple(W, 5, List.of("2401")),
            org.assertj.core.groups.Tuple.tuple(W, 5, List.of("2401")),
            org.assertj.core.groups.Tuple.tuple(W, 2, List.of("2405")),
            org.assertj.core.groups.Tuple.tuple(W, 14, List.of("2405")));
    // same_lane_map compares lane segments: a lead vehicle in the next segment of ego's lane is not in it
    assertThat(search("exists vehicle v where v.same_lane_map and v.in_path and v.distance < 30")).containsExactly(
        new C(B, 315973157959879000L, 315973161259714000L, 34, List.of("f5e7cc26-f036-4128-995a-3c804c6b2ead")),
        new C(B, 315973169560067000L, 315973169959525000L, 5, List.of("d1cc41fe-e0d6-4788-859e-a57b7c084584")));
  }
}
