package dev.fleetmine.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleetmine.TestLakes;
import dev.fleetmine.lake.Lake;
import dev.fleetmine.query.lang.Catalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RefAV's atomic functions written in the scenario language (the table in docs/query-language.md), run
 * on the real samples (2 Argoverse 2 sensor logs, the AV2 motion scenario, the Waymo scenario) and checked
 * against an oracle: the same rule computed here in plain Java from the gt rows of the objects table.
 * Every (log, timestamp, answer track) the query returns must be one the oracle finds, and none missing;
 * the counts are pinned so that a change of definition shows. The geometry of the pinned cases was
 * looked at in bird's-eye plots (docs/real-data-results.md#refav-functions).
 */
class RefAvVocabularyTest {
  @TempDir
  static Path dir;
  static Lake lake;
  static LakeQuery session;
  static final ScenarioLibrary LIB = ScenarioLibrary.builtIn();
  /** Per log and timestamp, the gt boxes. */
  static final Map<String, Map<Long, List<Box>>> FRAMES = new TreeMap<>();
  /** Per log and track, its boxes in time order. */
  static final Map<String, Map<String, List<Box>>> TRACKS = new TreeMap<>();
  static final Set<String> VEHICLE = Set.copyOf(Catalog.GROUPS.get("vehicle"));

  /** One gt row: what the oracle reads. */
  record Box(String log, long ts, String track, String category, String rawLabel, double x, double y, double z,
      double yaw, double vx, double vy, double length, double width, Double speed, Double accel, Double latAccel,
      String lane, double egoDistance) {}

  @BeforeAll
  static void ingest() {
    lake = TestLakes.realSamples(dir.resolve("lake"));
    session = LakeQuery.open(lake);
    for (List<Object> r : TestLakes.query(lake, "SELECT log_id, ts_ns, track_id, category, raw_label, x, y, z, yaw,"
        + " coalesce(vx, 0), coalesce(vy, 0), length, width, speed, accel, lat_accel, lane_id, distance FROM objects"
        + " WHERE source = 'gt' ORDER BY log_id, track_id, ts_ns")) {
      Box b = new Box((String) r.get(0), ((Number) r.get(1)).longValue(), (String) r.get(2), (String) r.get(3),
          (String) r.get(4), d(r.get(5)), d(r.get(6)), d(r.get(7)), d(r.get(8)), d(r.get(9)), d(r.get(10)), d(r.get(11)),
          d(r.get(12)), r.get(13) == null ? null : d(r.get(13)), r.get(14) == null ? null : d(r.get(14)),
          r.get(15) == null ? null : d(r.get(15)), (String) r.get(16), d(r.get(17)));
      FRAMES.computeIfAbsent(b.log(), k -> new TreeMap<>()).computeIfAbsent(b.ts(), k -> new ArrayList<>()).add(b);
      TRACKS.computeIfAbsent(b.log(), k -> new TreeMap<>()).computeIfAbsent(b.track(), k -> new ArrayList<>()).add(b);
    }
  }

  @AfterAll
  static void close() {
    session.close();
  }

  static double d(Object o) {
    return ((Number) o).doubleValue();
  }

  // ---- the relations, written once in Java --------------------------------------------------------

  static double lonOf(Box a, Box b) {
    return (a.x() - b.x()) * Math.cos(b.yaw()) + (a.y() - b.y()) * Math.sin(b.yaw());
  }

  static double latOf(Box a, Box b) {
    return -(a.x() - b.x()) * Math.sin(b.yaw()) + (a.y() - b.y()) * Math.cos(b.yaw());
  }

  static double dist(Box a, Box b) {
    return Math.hypot(a.x() - b.x(), a.y() - b.y());
  }

  static double headingOf(Box a, Box b) {
    return Math.atan2(Math.sin(a.yaw() - b.yaw()), Math.cos(a.yaw() - b.yaw()));
  }

  /** The direction of b's centre seen from a, relative to a's heading. */
  static double bearingOf(Box a, Box b) {
    return Math.atan2(latOf(b, a), lonOf(b, a));
  }

  /** The angle between a's velocity and the direction from a to b. */
  static double courseOf(Box a, Box b) {
    double dx = b.x() - a.x();
    double dy = b.y() - a.y();
    double cos = (dx * a.vx() + dy * a.vy()) / (Math.hypot(a.vx(), a.vy()) * Math.hypot(dx, dy));
    return Math.acos(Math.max(-1, Math.min(1, cos)));
  }

  static double vlatOf(Box a, Box b) {
    return -a.vx() * Math.sin(b.yaw()) + a.vy() * Math.cos(b.yaw());
  }

  static double closingSpeed(Box a, Box b) {
    double dx = a.x() - b.x();
    double dy = a.y() - b.y();
    return -(dx * (a.vx() - b.vx()) + dy * (a.vy() - b.vy())) / Math.hypot(dx, dy);
  }

  static boolean isVehicle(Box b) {
    return VEHICLE.contains(b.category());
  }

  // ---- harness --------------------------------------------------------------------------------------

  /** "log ts track" of every answer object the query returns. */
  static Set<String> answers(String query) {
    Set<String> out = new TreeSet<>();
    for (Clip c : ScenarioSearch.run(session, LIB.compile(query), LIB)) {
      for (Clip.Match m : c.matches()) {
        m.trackIds().forEach(t -> out.add(c.logId() + " " + m.tsNs() + " " + t));
      }
    }
    return out;
  }

  /** The tracks of {@code track} kind that have at least {@code min} related boxes satisfying {@code rel}. */
  static Set<String> oracle(Predicate<Box> track, Predicate<Box> related, BiPredicate<Box, Box> rel, int min) {
    Set<String> out = new TreeSet<>();
    FRAMES.values().forEach(byTs -> byTs.values().forEach(boxes -> {
      for (Box t : boxes) {
        if (track.test(t) && boxes.stream().filter(r -> r != t && related.test(r) && rel.test(r, t)).count() >= min) {
          out.add(t.log() + " " + t.ts() + " " + t.track());
        }
      }
    }));
    return out;
  }

  /** The boxes satisfying a per-row predicate. */
  static Set<String> oracle(Predicate<Box> row) {
    Set<String> out = new TreeSet<>();
    FRAMES.values().forEach(byTs -> byTs.values().forEach(boxes -> boxes.stream().filter(row)
        .forEach(b -> out.add(b.log() + " " + b.ts() + " " + b.track()))));
    return out;
  }

  /** Asserts the two answer sets are equal, listing a few of the differences either way; returns the set. */
  static Set<String> same(Set<String> got, Set<String> expected) {
    Set<String> extra = new TreeSet<>(got);
    extra.removeAll(expected);
    Set<String> missing = new TreeSet<>(expected);
    missing.removeAll(got);
    assertThat(extra).as("returned but not in the oracle").isEmpty();
    assertThat(missing).as("in the oracle but not returned").isEmpty();
    return got;
  }

  static Predicate<Box> category(String c) {
    return b -> b.category().equals(c);
  }

  // ---- relational functions ---------------------------------------------------------------------------

  @Test
  void hasObjectsInRelativeDirectionForward() {
    // has_objects_in_relative_direction(vehicles, peds, 'forward', min_number=1, within_distance=50)
    Set<String> got = answers("exists vehicle v where exists pedestrian p where lon_of(p, v) > v.length / 2"
        + " and distance(p, v) <= 50 refer v");
    same(got, oracle(RefAvVocabularyTest::isVehicle, category("pedestrian"),
        (p, v) -> lonOf(p, v) > v.length() / 2 && dist(p, v) <= 50, 1));
    assertThat(got).hasSize(12502);
  }

  @Test
  void getObjectsInRelativeDirectionLeftReferTheRelatedObjects() {
    // get_objects_in_relative_direction(vehicles, peds, 'left', lateral_thresh=2): the pedestrians are the answer
    String q = "exists vehicle v where exists pedestrian p where lat_of(p, v) > v.width / 2"
        + " and lon_of(p, v) > -v.length / 2 - 2 and lon_of(p, v) < v.length / 2 + 2 and distance(p, v) <= 50 refer p";
    Set<String> got = answers(q);
    same(got, oracle(category("pedestrian"), RefAvVocabularyTest::isVehicle,
        (v, p) -> latOf(p, v) > v.width() / 2 && lonOf(p, v) > -v.length() / 2 - 2 && lonOf(p, v) < v.length() / 2 + 2
            && dist(p, v) <= 50, 1));
    assertThat(got).hasSize(2826);
  }

  @Test
  void facingToward() {
    // facing_toward(vehicles, peds, within_angle=22.5, max_distance=50)
    Set<String> got = answers("exists vehicle v where exists pedestrian p where abs(bearing_of(v, p)) <= 22.5 deg"
        + " and distance(p, v) <= 50 refer v");
    same(got, oracle(RefAvVocabularyTest::isVehicle, category("pedestrian"),
        (p, v) -> Math.abs(bearingOf(v, p)) <= Math.toRadians(22.5) && dist(p, v) <= 50, 1));
    assertThat(got).hasSize(7845);
  }

  @Test
  void headingToward() {
    // heading_toward(vehicles, peds, angle_threshold=22.5, minimum_speed=0.5 m/s)
    Set<String> got = answers("exists vehicle v where exists pedestrian p where course_of(v, p) <= 22.5 deg"
        + " and closing_speed(v, p) >= 0.5 refer v");
    same(got, oracle(RefAvVocabularyTest::isVehicle, category("pedestrian"),
        (p, v) -> courseOf(v, p) <= Math.toRadians(22.5) && closingSpeed(v, p) >= 0.5, 1));
    assertThat(got).hasSize(6441);
  }

  @Test
  void nearObjects() {
    // near_objects(peds, vehicles, distance_thresh=10, min_objects=3)
    Set<String> got = answers("exists pedestrian p where at least 3 vehicle v where distance(v, p) <= 10");
    Set<String> expected = oracle(category("pedestrian"), RefAvVocabularyTest::isVehicle, (v, p) -> dist(v, p) <= 10, 3);
    // without refer every referred object is an answer: the pedestrians and their near vehicles
    same(answers("exists pedestrian p where at least 3 vehicle v where distance(v, p) <= 10 refer p"), expected);
    assertThat(got).containsAll(expected);
    assertThat(expected).hasSize(1197);
  }

  @Test
  void beingCrossedBy() {
    // being_crossed_by(vehicles, peds, 'forward', forward_thresh=10, lateral_thresh=5), per timestamp
    Set<String> got = answers("exists vehicle v where exists pedestrian p where lon_of(p, v) >= v.length / 2"
        + " and lon_of(p, v) <= v.length / 2 + 10 and abs(lat_of(p, v)) < 5 and abs(vlat_of(p, v)) > 0.2 refer v");
    same(got, oracle(RefAvVocabularyTest::isVehicle, category("pedestrian"),
        (p, v) -> lonOf(p, v) >= v.length() / 2 && lonOf(p, v) <= v.length() / 2 + 10 && Math.abs(latOf(p, v)) < 5
            && Math.abs(vlatOf(p, v)) > 0.2, 1));
    assertThat(got).hasSize(572);
  }

  @Test
  void followingAndHeadingInRelativeDirection() {
    // following(vehicles, vehicles): lead 0..25 m beyond the front, |lat| < 5 m, headings within 60 degrees
    Set<String> got = answers("exists vehicle v where exists vehicle lead where lon_of(lead, v) > v.length / 2"
        + " and lon_of(lead, v) < v.length / 2 + 25 and abs(lat_of(lead, v)) < 5 and abs(heading_of(lead, v)) < 60 deg"
        + " and v.moving refer v");
    same(got, oracle(b -> isVehicle(b) && b.speed() != null && b.speed() >= 0.5,
        RefAvVocabularyTest::isVehicle, (l, v) -> lonOf(l, v) > v.length() / 2 && lonOf(l, v) < v.length() / 2 + 25
            && Math.abs(latOf(l, v)) < 5 && Math.abs(headingOf(l, v)) < Math.toRadians(60), 1));
    assertThat(got).hasSize(3819);
    // heading_in_relative_direction_to(vehicles, vehicles, 'opposite')
    Set<String> opposite = answers("exists vehicle v where exists vehicle o where abs(heading_of(o, v)) >= 135 deg"
        + " and distance(o, v) < 20 refer v");
    same(opposite, oracle(RefAvVocabularyTest::isVehicle, RefAvVocabularyTest::isVehicle,
        (o, v) -> Math.abs(headingOf(o, v)) >= Math.toRadians(135) && dist(o, v) < 20, 1));
    assertThat(opposite).hasSize(9862);
  }

  @Test
  void inSameLane() {
    // in_same_lane(vehicles, vehicles): the same map lane segment
    Set<String> got = answers("exists vehicle v where exists vehicle o where o.lane_id = v.lane_id refer v");
    same(got, oracle(RefAvVocabularyTest::isVehicle, RefAvVocabularyTest::isVehicle,
        (o, v) -> o.lane() != null && o.lane().equals(v.lane()), 1));
    assertThat(got).hasSize(5050);
  }

  // ---- per-track functions ------------------------------------------------------------------------------

  @Test
  void stationaryIsTheWholeTrackWithinThreeMetres() {
    Set<String> got = answers("exists vehicle v where v.stationary");
    Set<String> expected = new TreeSet<>();
    TRACKS.values().forEach(byTrack -> byTrack.values().forEach(boxes -> {
      if (isVehicle(boxes.get(0)) && extent(boxes) < 3.0) {
        boxes.forEach(b -> expected.add(b.log() + " " + b.ts() + " " + b.track()));
      }
    }));
    same(got, expected);
    assertThat(got.stream().map(s -> s.substring(0, s.indexOf(' ')) + s.substring(s.lastIndexOf(' '))).distinct())
        .hasSize(133);
  }

  static double extent(List<Box> boxes) {
    double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
    double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    for (Box b : boxes) {
      double[] p = {b.x(), b.y(), b.z()};
      for (int i = 0; i < 3; i++) {
        lo[i] = Math.min(lo[i], p[i]);
        hi[i] = Math.max(hi[i], p[i]);
      }
    }
    return Math.sqrt(Math.pow(hi[0] - lo[0], 2) + Math.pow(hi[1] - lo[1], 2) + Math.pow(hi[2] - lo[2], 2));
  }

  @Test
  void hasVelocityAcceleratingAndLateralAccelerationSkipStationaryTracks() {
    // has_velocity(vehicles, min_velocity=0.5)
    assertThat(same(answers("exists vehicle v where v.speed >= 0.5 and not v.stationary"), oracle(b -> isVehicle(b)
        && b.speed() != null && b.speed() >= 0.5 && extent(TRACKS.get(b.log()).get(b.track())) >= 3.0))).hasSize(6703);
    // accelerating(vehicles, min_accel=0.65)
    assertThat(same(answers("exists vehicle v where v.accel >= 0.65 and not v.stationary"), oracle(b -> isVehicle(b)
        && b.accel() != null && b.accel() >= 0.65 && extent(TRACKS.get(b.log()).get(b.track())) >= 3.0))).hasSize(1186);
    // has_lateral_acceleration(vehicles, min_accel=1)
    assertThat(same(answers("exists vehicle v where v.lat_accel >= 1 and not v.stationary"), oracle(b -> isVehicle(b)
        && b.latAccel() != null && b.latAccel() >= 1 && extent(TRACKS.get(b.log()).get(b.track())) >= 3.0))).hasSize(210);
  }

  @Test
  void turningIsARunOfOneYawRateSignTurningMoreThan45Degrees() {
    Set<String> expected = new TreeSet<>();
    Map<String, String> direction = new HashMap<>();
    TRACKS.values().forEach(byTrack -> byTrack.values().forEach(boxes -> turns(boxes, expected, direction)));
    Set<String> left = answers("exists vehicle v where v.turn = left");
    same(left, expected.stream().filter(k -> direction.get(k).equals("left") && isVehicleKey(k))
        .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
    same(answers("exists object o where o.turning"), expected);
    assertThat(left).hasSize(200);
    assertThat(expected).hasSize(1037);
  }

  static boolean isVehicleKey(String key) {
    String[] k = key.split(" ");
    return isVehicle(TRACKS.get(k[0]).get(k[2]).get(0));
  }

  /**
   * RefAV's turning on one track: yaw rate as the central difference of yaw over the neighbours (one-sided
   * at the ends, none across gaps over 2 s), runs of one sign, heading change = sum of yaw rate times the
   * time since the previous row; a run over 45 degrees is a turn.
   */
  static void turns(List<Box> boxes, Set<String> out, Map<String, String> direction) {
    int n = boxes.size();
    Double[] rate = new Double[n];
    for (int i = 0; i < n; i++) {
      Box a = boxes.get(Math.max(0, i - 1));
      Box b = boxes.get(Math.min(n - 1, i + 1));
      double dt = (b.ts() - a.ts()) / 1e9;
      rate[i] = dt > 0 && dt <= 2.0 ? Math.atan2(Math.sin(b.yaw() - a.yaw()), Math.cos(b.yaw() - a.yaw())) / dt : null;
    }
    int start = 0;
    while (start < n) {
      int end = start;
      while (end + 1 < n && java.util.Objects.equals(sign(rate[end + 1]), sign(rate[start]))) {
        end++;
      }
      double deg = 0;
      for (int i = start; i <= end; i++) {
        double step = i > 0 ? (boxes.get(i).ts() - boxes.get(i - 1).ts()) / 1e9
            : n > 1 ? (boxes.get(1).ts() - boxes.get(0).ts()) / 1e9 : 0;
        deg += rate[i] == null ? 0 : Math.toDegrees(rate[i] * step);
      }
      if (Math.abs(deg) > 45) {
        for (int i = start; i <= end; i++) {
          String key = boxes.get(i).log() + " " + boxes.get(i).ts() + " " + boxes.get(i).track();
          out.add(key);
          direction.put(key, deg > 0 ? "left" : "right");
        }
      }
      start = end + 1;
    }
  }

  static Double sign(Double v) {
    return v == null ? null : Math.signum(v);
  }

  // ---- categories --------------------------------------------------------------------------------------

  @Test
  void categoryGroupsAndAnyOfSeveralKinds() {
    assertThat(Catalog.GROUPS.get("vehicle")).containsExactlyInAnyOrder("car", "truck", "bus", "motorcycle",
        "other_vehicle");
    // "any vehicle or bicycle"
    same(answers("exists object o where o.category in (vehicle, bicycle) and o.distance < 5"),
        oracle(b -> (isVehicle(b) || b.category().equals("bicycle")) && b.egoDistance() < 5));
  }
}
