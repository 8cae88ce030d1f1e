package dev.fleetmine.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetmine.TestLakes;
import dev.fleetmine.lake.Lake;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario results on the real samples (2 Argoverse 2 sensor logs, 1 AV2 motion-forecasting scenario, 1
 * Waymo motion scenario), pinned exactly after looking at each clip in bird's-eye and time-series plots
 * (docs/real-data-results.md has the plots and the verdicts). Only results judged right are pinned as
 * right; the wrong ones are shown by the {@code @Disabled} tests at the end, which state what a correct
 * scenario definition would return.
 */
class RealDataScenarioTest {
  static final String SENSOR_A = "7fab2350-7eaf-3b7e-a39d-6937a4c1bede";
  static final String SENSOR_B = "adcf7d18-0510-35b0-a2fa-b4cea13a6d76";
  static final String MOTION = "0a1e6f0a-1817-4a98-b02e-db8c9327d151";
  static final String WAYMO = "waymo-637f20cafde22ff8";
  static final ScenarioLibrary LIB = ScenarioLibrary.builtIn();

  @TempDir
  static Path dir;
  static Lake lake;
  static LakeQuery session;

  @BeforeAll
  static void ingestAllRealSamples() {
    lake = TestLakes.realSamples(dir.resolve("lake"));
    session = LakeQuery.open(lake);
  }

  @AfterAll
  static void close() {
    session.close();
  }

  /** A library scenario as mined (with its padding, unlike {@code scenario NAME} inside a query). */
  static List<Clip> library(String name) {
    return ScenarioSearch.run(session, LIB.get(name), LIB);
  }

  static List<Clip> search(String query) {
    return ScenarioSearch.run(session, LIB.compile(query), LIB);
  }

  /** One line per clip: first 8 characters of the log, start..end, number of matched timestamps. */
  static List<String> summary(List<Clip> clips) {
    return clips.stream().map(c -> c.logId().substring(0, 8) + " " + c.startNs() + ".." + c.endNs() + " n="
        + c.matches().size()).toList();
  }

  static List<Clip> ofLog(List<Clip> clips, String log) {
    return clips.stream().filter(c -> c.logId().equals(log)).toList();
  }

  /** The referred track ids of the clip's match at exactly {@code tsNs}. */
  static List<String> referredAt(Clip clip, long tsNs) {
    return clip.matches().stream().filter(m -> m.tsNs() == tsNs).findFirst()
        .orElseThrow(() -> new AssertionError("no match at " + tsNs + " in " + clip.id())).trackIds();
  }

  @Test
  void hardBrakeIsTheRealStopOfTheMotionScenario() {
    List<Clip> clips = library("hard_brake");
    // ts plot: speed 6.9 -> 0.17 m/s between 1.5 s and 4.0 s, accel a smooth dip to -4.8 m/s^2 (not noise):
    // ego stops ~11 m behind car 139344, which is pulling into a parking space at an angle
    assertThat(summary(clips)).containsExactly("0a1e6f0a 315986560559579000..315986563459579000 n=10");
    // accel < -4 from 2.1 s to 3.0 s after the log start (1 s padding on both sides)
    assertThat(clips.get(0).matches().get(0).tsNs()).isEqualTo(315986561559579000L);
    assertThat(clips.get(0).matches().get(9).tsNs()).isEqualTo(315986562459579000L);
    assertThat(clips.get(0).matches()).allSatisfy(m -> assertThat(m.trackIds()).isEmpty());
  }

  @Test
  void cutInIsTheBusMergingAheadInTheIntersection() {
    List<Clip> clips = library("cut_in");
    // bev at 10 s and 13 s: bus d1cc41fe leaves the right lane (lat -3.1 -> -0.4 m between 8 s and 15 s)
    // to pass a crawling truck, and enters ego's lane 18.7 m ahead at 12.6 s; ego drives straight
    assertThat(summary(clips)).containsExactly("adcf7d18 315973166560126000..315973172859934000 n=14");
    assertThat(clips.get(0).matches()).allSatisfy(
        m -> assertThat(m.trackIds()).containsExactly("d1cc41fe-e0d6-4788-859e-a57b7c084584"));
    // first in-lane frame (|lat| 0.985 m at lon 18.7 m) and last (lon reaches 20 m at 14.0 s)
    assertThat(clips.get(0).matches().get(0).tsNs()).isEqualTo(315973170563171000L);
    assertThat(clips.get(0).matches().get(13).tsNs()).isEqualTo(315973171859934000L);
  }

  @Test
  void pedestrianCrossingIsTheGroupOnTheCrosswalkInFrontOfTheStoppedWaymoEgo() {
    List<Clip> clips = library("pedestrian_crossing");
    // bev at 4.5 s: ego waits at the crosswalk; four pedestrians walk across it 7.6-8.9 m ahead, |lat| <= 1.3 m
    assertThat(summary(clips)).containsExactly("waymo-63 1100040000..7800020000 n=38");
    assertThat(referredAt(clips.get(0), 4_500_020_000L)).containsExactly("2313", "2314", "2320", "2355");
  }

  @Test
  void leadVehicleStoppedIsTheQueueAtTheLight() {
    List<Clip> clips = library("lead_vehicle_stopped");
    // bev at 1 s: ego stopped in a queue; car f5e7cc26 10.6 m ahead (lat 0.6 m) and car 1dcc1175 17.7 m
    // ahead (lat 0.0 m), both in ego's lane and stopped, facing ego's way
    assertThat(summary(clips)).containsExactly("adcf7d18 315973157959879000..315973161659866000 n=28");
    assertThat(referredAt(clips.get(0), 315973158959849000L))
        .containsExactly("1dcc1175-d4ae-4b85-ac19-4619924052b9", "f5e7cc26-f036-4128-995a-3c804c6b2ead");
    // 1dcc1175 pulls away first (0.5 m/s at 2.05 s); f5e7cc26 is still stopped until 2.7 s
    assertThat(referredAt(clips.get(0), 315973160659866000L))
        .containsExactly("f5e7cc26-f036-4128-995a-3c804c6b2ead");
  }

  @Test
  void leftTurnAcrossOncomingIsTheTurnAtTheEndOfLogA() {
    List<Clip> clips = library("left_turn_across_oncoming");
    // ts + bev at 12.5 s: ego starts from a stop at ~11 s and turns left (yaw_rate up to 0.44 rad/s); car
    // f6b69088 comes the other way through the intersection (24.8 m ahead, 3.6 m/s, rel_heading 171 deg)
    assertThat(summary(clips)).containsExactly("7fab2350 315966264759491000..315966269160171000 n=35");
    // 3c6c66a4 is an oncoming car already 37 m behind ego and 1b37066c creeps (0.53 m/s) on the cross
    // street: both fit the definition (within 60 m, |rel_heading| > 90 deg, moving), neither is ahead
    assertThat(referredAt(clips.get(0), 315966266159607000L)).containsExactly(
        "1b37066c-4587-4f6e-a4a1-13040b69e9b2", "3c6c66a4-0da6-4f2f-a402-0643a9ad67ec",
        "f6b69088-0c65-4dd2-8061-8f2613c34baa");
  }

  @Test
  void nobodyOvertakesOnTheRightAboveFiveMetresPerSecond() {
    // the only car passing on the right (d5bc0f50, log A 10.8-12 s) does so while ego waits to turn left
    // at < 1 m/s, below the scenario's ego.speed > 5
    assertThat(library("overtaking_on_right")).isEmpty();
  }

  @Test
  void stoppedVehicleFindsTheCrawlingTruckAndTheCarParkingAtAnAngle() {
    List<Clip> clips = library("stopped_vehicle");
    // bev at 13 s: truck 8dbb0a29 crawls (0.1-0.6 m/s) in the right lane 30 m ahead beyond the
    // intersection; the bus cuts in to pass it. Its speed crosses 0.5 m/s, hence matches at 10.6-10.7 s and
    // from 12.5 s, merged by the padding
    assertThat(summary(ofLog(clips, SENSOR_B))).containsExactly("adcf7d18 315973167560096000..315973173459753000 n=33");
    assertThat(referredAt(ofLog(clips, SENSOR_B).get(0), 315973170959496000L))
        .containsExactly("8dbb0a29-cbb9-4154-8180-629090213612");
    // bev at 2.5 s: car 139344 stands at -20 deg to ego, half out of its parking space (lat -3.1 m,
    // 12.7 m ahead) and ego brakes hard behind it. The other three referred cars (139310, 139417, 139509,
    // lat -3.6..-4.0 m) are parked at the curb: right clip, but only 139344 is a right referral
    Clip motion = ofLog(clips, MOTION).get(0);
    assertThat(motion.startNs()).isEqualTo(315986559459579000L);
    assertThat(motion.endNs()).isEqualTo(315986563159579000L);
    assertThat(referredAt(motion, 315986561459579000L)).contains("139344");
    // log A's clips (parked cars at both curbs, a parked motorcycle) and the motion scenario's second clip
    // (driving past the parked cars) are wrong: see stoppedVehicleShouldIgnoreParkedCars
  }

  @Test
  void crossingPedestriansAheadAreFoundButTheyUseTheCrosswalk() throws IOException {
    // the jaywalker scenario's condition without its name: pedestrians crossing ahead near ego's lanes
    List<Clip> clips = search("exists pedestrian p where p.crossing and p.ahead and abs(p.lat) < 5.25 and p.distance < 30"
        + " pad 1s");
    // bev at 4.5 s: the same group as pedestrian_crossing, walking across at ~1.4 m/s; flag flicker (noisy
    // Waymo pedestrian velocities) only changes which of them are referred frame to frame
    assertThat(summary(clips)).containsExactly("waymo-63 199990000..9000040000 n=79");
    // the jaywalker scenario uses the map where there is one (off_crosswalk_road), so it finds none of them
    assertThat(library("jaywalker")).isEmpty();
    List<String> at45 = referredAt(clips.get(0), 4_500_020_000L);
    assertThat(at45).containsExactly("2313", "2314", "2320");
    // ...and every one of them stands inside the map's crosswalk 590: not jaywalkers
    JsonNode map = new ObjectMapper().readTree(lake.resolve((String) session.rows(
        "SELECT map_file FROM logs WHERE log_id = '" + WAYMO + "'").single()).toFile());
    JsonNode crosswalk = null;
    for (JsonNode c : map.get("crosswalks")) {
      crosswalk = c.get("id").asInt() == 590 ? c.get("polygon") : crosswalk;
    }
    for (List<Object> row : session.rows("SELECT o.x + l.origin_x, o.y + l.origin_y FROM objects o JOIN logs l"
        + " USING (log_id) WHERE log_id = '" + WAYMO + "' AND ts_ns = 4500020000 AND track_id IN ('2313', '2314',"
        + " '2320')").values()) {
      assertThat(inside(crosswalk, ((Number) row.get(0)).doubleValue(), ((Number) row.get(1)).doubleValue())).isTrue();
    }
  }

  /** Even-odd test of a point against a polygon given as [[x, y, z], ...]. */
  static boolean inside(JsonNode polygon, double x, double y) {
    boolean in = false;
    for (int i = 0, j = polygon.size() - 1; i < polygon.size(); j = i++) {
      double xi = polygon.get(i).get(0).asDouble(), yi = polygon.get(i).get(1).asDouble();
      double xj = polygon.get(j).get(0).asDouble(), yj = polygon.get(j).get(1).asDouble();
      if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
        in = !in;
      }
    }
    return in;
  }

  @Test
  void noPedestrianCrossesAheadAtSpeed() {
    // ego exceeds 8 m/s only on log A before 4.5 s and on the motion scenario after 9.2 s; no pedestrian
    // is ahead within 15 m then (the Waymo group is crossed by a stopped ego)
    assertThat(search("ego.speed > 8 and exists pedestrian p where p.crossing and p.ahead and p.distance < 15"))
        .isEmpty();
  }

  @Test
  void leadVehicleWithin20mIsTheQueueLeaderThenTheBus() {
    List<Clip> clips = search("exists vehicle v where v.in_path and v.same_direction and v.distance < 20");
    // bev at 1 s / 13 s: log B's queue (f5e7cc26 ahead, 1dcc1175 until it is 20 m ahead at 3.5 s), then
    // ego follows f5e7cc26 until it is 20 m ahead at 6.4 s; from 11.1 s the cutting-in bus d1cc41fe
    assertThat(summary(clips)).containsExactly(
        "adcf7d18 315973157959879000..315973164359821000 n=65",
        "adcf7d18 315973169059749000..315973171859934000 n=29");
    assertThat(referredAt(clips.get(0), 315973162059955000L)).containsExactly("f5e7cc26-f036-4128-995a-3c804c6b2ead");
    assertThat(referredAt(clips.get(1), 315973170959496000L)).containsExactly("d1cc41fe-e0d6-4788-859e-a57b7c084584");
  }

  @Test
  void movingOncomingTrafficWithin30mOnLogA() {
    List<Clip> clips = search("exists vehicle v where v.oncoming and v.moving and v.distance < 30");
    // log A is a two-way street with steady oncoming traffic until ego turns left at 14.7 s; bev at 3 s:
    // 87f5290f passes in the opposite lane 7.8 m ahead (lat 3.3 m, 10.3 m/s), 373d3e69 follows ~27 m
    // ahead, 81a2e272 has just passed (behind ego)
    assertThat(summary(clips)).containsExactly("7fab2350 315966253660357000..315966268360597000 n=148");
    assertThat(referredAt(clips.get(0), 315966256660257000L)).containsExactly("373d3e69-efec-4d4f-9b01-8769fbc4812a",
        "81a2e272-81db-4ecb-a725-78be66086992", "87f5290f-ceae-4949-b61b-d38796512321");
  }

  @Test
  void egoStoppedFor3sIsLogBQueueAndTheWholeWaymoScenario() {
    // ts plots: log B's ego waits at the light until it moves off at 4.6 s (speed >= 0.3 m/s from 5.0 s);
    // the Waymo ego stands at the crosswalk for all 9 s (speed <= 0.001 m/s)
    assertThat(summary(search("ego.stopped for 3s"))).containsExactly(
        "adcf7d18 315973157959879000..315973162859535000 n=50",
        "waymo-63 0..9000040000 n=91");
  }

  @Test
  void atLeastFivePedestriansWithin20m() {
    List<Clip> clips = search("at least 5 pedestrians p where p.distance < 20");
    // log B is at a busy intersection with people on both sidewalks; bev at 9 s shows the six referred
    // pedestrians (on the sidewalks, 8.8-19.5 m away); on Waymo, the five crossing pedestrians are all within 20 m at 3.6-3.8 s
    assertThat(summary(clips)).containsExactly(
        "adcf7d18 315973157959879000..315973160359940000 n=25",
        "adcf7d18 315973161760032000..315973164059896000 n=24",
        "adcf7d18 315973166059837000..315973170659571000 n=47",
        "waymo-63 3600040000..3800050000 n=3");
    assertThat(referredAt(clips.get(2), 315973166959613000L)).containsExactly(
        "49d9e9fe-5dee-4981-af45-faf0f6ed64da", "5a4a07fe-d783-49db-bf7e-5c1aeb7db496",
        "5ee6a4ca-cc0c-4ddf-9d7e-0c5feca5152e", "e3d49e22-ebc6-4c3c-a3d4-5f3a071275f7",
        "ebf3a8fc-a124-4134-ba3a-af6bd325761d", "ee5535bb-392c-4c02-8e84-94c166d21966");
    assertThat(referredAt(clips.get(3), 3_600_040_000L)).containsExactly("2313", "2314", "2320", "2351", "2355");
  }

  @Test
  void cyclistPassesAParkedCar() {
    List<Clip> clips = search("exists vehicle v where exists cyclist b where distance(b, v) < 5");
    // bev at 4.1 s: cyclist 2402 (5 m/s) rides past parked car 1605, 72 m to ego's left (the query has no
    // distance to ego); the Waymo track of 2402 has no valid state at 4.2 s (hence two clips) and ends at 4.4 s
    assertThat(summary(clips)).containsExactly("waymo-63 4100080000..4100080000 n=1", "waymo-63 4300050000..4400040000 n=2");
    assertThat(referredAt(clips.get(0), 4_100_080_000L)).containsExactly("1605", "2402");
  }

  // ---- wrong results: what a correct definition would give (they fail today) ----

  // near_miss used to fire on passing traffic with range-rate TTC: oncoming cars in the next lane (log A,
  // 87f5290f at 3 s, lat 3.3 m, ttc 0.49 s), parked cars at the curb (log A 5c6cf6f4; motion 139310, 139417,
  // 139509 at lat -3.6 m) and a car passing a stopped ego (d5bc0f50). TTC now requires a collision course.
  @Test
  void nearMissShouldNotFireOnPassingTraffic() {
    // no plot of these logs shows two road users on a collision course
    assertThat(library("near_miss")).isEmpty();
  }

  // jaywalker used to take the Waymo pedestrians inside crosswalk 590 for jaywalkers; it now uses the map
  @Test
  void jaywalkerShouldIgnorePedestriansOnACrosswalk() {
    assertThat(library("jaywalker")).isEmpty();
  }

  @Disabled("stopped_vehicle takes parked cars at the curb for stopped cars in an adjacent lane")
  @Test
  void stoppedVehicleShouldIgnoreParkedCars() {
    // log A: 912fa1d7 / 400813eb are parked at the left / right curb, 21235b80 is a motorcycle parked across
    // the kerb; they enter |lat| < 5.25 m only while ego's heading is a few degrees off the street's at 40-50 m
    assertThat(ofLog(library("stopped_vehicle"), SENSOR_A)).isEmpty();
  }
}
