package dev.fleetmine.ingest.map;

import static dev.fleetmine.TestLakes.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetmine.TestLakes;
import dev.fleetmine.ingest.Category;
import dev.fleetmine.ingest.EgoSample;
import dev.fleetmine.ingest.Ingestor;
import dev.fleetmine.ingest.LogInfo;
import dev.fleetmine.ingest.ObjectSample;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.ingest.av2.Av2MotionImporter;
import dev.fleetmine.ingest.av2.Av2SensorImporter;
import dev.fleetmine.ingest.waymo.WaymoMotionImporter;
import dev.fleetmine.lake.Lake;
import dev.fleetmine.query.LakeQuery;
import dev.fleetmine.query.ScenarioLibrary;
import dev.fleetmine.query.ScenarioSearch;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exact map distances (intersection_distance, crosswalk_distance, stop_sign_distance) on the real
 * logs with a map, checked against an independent computation from the map JSON (java.awt.geom, its own
 * JSON reading and polygon order), by hand on single rows, and on a hand-built log driving up to a real
 * Waymo stop sign.
 */
class MapDistancesTest {
  static final String A = MapColumnsTest.A;
  static final String B = MapColumnsTest.B;
  static final String M = MapColumnsTest.M;
  static final String W = MapColumnsTest.W;
  static final String STOP = "stop-sign";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;
  static Lake lake;

  @BeforeAll
  static void ingestEveryLogWithAMap() throws Exception {
    lake = Lake.open(dir.resolve("lake"));
    Path data = TestLakes.sharedData();
    try (Ingestor in = Ingestor.begin(lake)) {
      new Av2SensorImporter().read(List.of(data.resolve("argoverse2/sensor")), in, Progress.NONE);
      new Av2MotionImporter().read(List.of(data.resolve("argoverse2/forecasting")), in, Progress.NONE);
      new WaymoMotionImporter().read(List.of(data.resolve("waymo-motion")), in, Progress.NONE);
      in.commit("ingest maps");
    }
    ingestStopSignLog();
  }

  /**
   * A log on the real Waymo map of the sample, in its frame: ego drives west along lane 523 (the lane
   * entering lane 525, which stop sign 600 controls) and passes the sign; three cars around it.
   */
  static void ingestStopSignLog() throws Exception {
    double[] origin = waymoOrigin();
    LogInfo log = LogInfo.of(STOP, "native", null).withOrigin("waymo", origin[0], origin[1], origin[2])
        .withMap(mapFile(W));
    double[] egoX = {33.0, 31.5, 29.0, 26.5, 24.0, 21.5, 20.0};
    double[] egoY = {53.75, 53.85, 53.85, 53.85, 53.85, 53.97, 53.98};
    try (Ingestor in = Ingestor.begin(lake)) {
      in.beginLog(log);
      for (int i = 0; i < egoX.length; i++) {
        long ts = i * 100_000_000L;
        in.ego(new EgoSample(ts, egoX[i], egoY[i], 0, Math.PI, 5));
        // behind ego in lane 523, heading west: the sign 8.258 m ahead
        in.object(ObjectSample.groundTruth(ts, "follower", Category.CAR, "car", 30.0, 53.85, 0, 4.5, 1.9, 1.5, Math.PI));
        // in lane 523 heading east (wrong way): the sign is behind
        in.object(ObjectSample.groundTruth(ts, "wrong-way", Category.CAR, "car", 26.5, 53.85, 0, 4.5, 1.9, 1.5, 0));
        // 13 m before the sign in lane 520, which the sign does not stop
        in.object(ObjectSample.groundTruth(ts, "upstream", Category.CAR, "car", 35.0, 53.73, 0, 4.5, 1.9, 1.5, Math.PI));
      }
      in.endLog();
      in.commit("stop sign log");
    }
  }

  static double[] waymoOrigin() {
    List<Object> row = query(lake, "SELECT origin_x, origin_y, origin_z FROM logs WHERE log_id = '" + W + "'").get(0);
    return new double[] {(double) row.get(0), (double) row.get(1), (double) row.get(2)};
  }

  static Path mapFile(String log) {
    return lake.resolve((String) TestLakes.scalar(lake, "SELECT map_file FROM logs WHERE log_id = '" + log + "'"));
  }

  @Test
  void everyRowAgreesWithAnIndependentComputation() throws Exception {
    for (String log : List.of(A, B, M, W)) {
      Oracle oracle = Oracle.of(mapFile(log));
      List<List<Object>> rows = query(lake, "SELECT x + origin_x, y + origin_y, intersection_distance,"
          + " crosswalk_distance FROM (SELECT log_id, x, y, intersection_distance, crosswalk_distance FROM objects"
          + " UNION ALL SELECT log_id, x, y, intersection_distance, crosswalk_distance FROM ego) JOIN logs USING (log_id)"
          + " WHERE log_id = '" + log + "'");
      for (List<Object> r : rows) {
        double x = (double) r.get(0);
        double y = (double) r.get(1);
        assertClose(r.get(2), oracle.intersections == null ? null : capped(Oracle.nearest(oracle.intersections, x, y)),
            log + " intersection_distance at " + x + ", " + y);
        assertClose(r.get(3), capped(Oracle.nearest(oracle.crosswalks, x, y)), log + " crosswalk_distance at " + x + ", " + y);
      }
    }
  }

  @Test
  void distanceCountsPerLog() {
    // log, rows, intersection_distance known, <= 5 m (near_intersection), 0 (inside), crosswalk_distance
    // known, <= 1 m (at_crosswalk), 0 (inside), stop_sign_distance known
    String counts = "SELECT log_id, count(*), count(intersection_distance), count(*) FILTER (WHERE intersection_distance"
        + " <= 5), count(*) FILTER (WHERE intersection_distance = 0), count(crosswalk_distance), count(*) FILTER (WHERE"
        + " crosswalk_distance <= 1), count(*) FILTER (WHERE crosswalk_distance = 0), count(stop_sign_distance) FROM ";
    assertThat(query(lake, counts + "objects WHERE log_id <> '" + STOP + "' GROUP BY 1 ORDER BY 1")).containsExactly(
        List.of(M, 2324L, 1750L, 472L, 97L, 998L, 43L, 36L, 0L),
        List.of(A, 11364L, 9882L, 4801L, 980L, 7478L, 416L, 238L, 0L),
        List.of(B, 12078L, 6630L, 2567L, 611L, 5444L, 751L, 570L, 0L),
        // Waymo maps do not mark intersections; the sample's 8 stop signs have no traffic at them
        List.of(W, 4505L, 0L, 0L, 0L, 2691L, 535L, 490L, 0L));
    assertThat(query(lake, counts + "ego WHERE log_id <> '" + STOP + "' GROUP BY 1 ORDER BY 1")).containsExactly(
        List.of(M, 110L, 104L, 36L, 19L, 80L, 0L, 0L, 0L),
        List.of(A, 156L, 119L, 75L, 24L, 111L, 12L, 6L, 0L),
        List.of(B, 156L, 156L, 59L, 43L, 100L, 16L, 10L, 0L),
        List.of(W, 91L, 0L, 0L, 0L, 91L, 0L, 0L, 0L));
  }

  /**
   * Pedestrian de40f64f of log 7fab2350 at ts 315966264659992000, checked by hand: its centre is
   * (5242.3934, 2384.6304) in the city frame; the nearest crossing, 2356429, has the edge
   * (5241.34, 2386.21)-(5241.69, 2382.09) whose closest point (t = 0.40221) is (5241.4808, 2384.5529),
   * 0.9159 m away: at_crosswalk (<= 1 m) though not on it. The nearest intersection lane segment,
   * 38114376, is 1.8306 m away (edge (5240.81, 2385.58)-(5240.58, 2385.05)).
   */
  @Test
  void handCheckedPedestrianNextToACrossing() {
    List<Object> row = query(lake, "SELECT x + origin_x, y + origin_y, crosswalk_distance, on_crosswalk,"
        + " intersection_distance FROM objects JOIN logs USING (log_id) WHERE log_id = '" + A + "' AND track_id ="
        + " 'de40f64f-62e0-449f-9d9a-fc7dd1202240' AND ts_ns = 315966264659992000").get(0);
    assertThat((double) row.get(0)).isCloseTo(5242.3934, within(1e-4));
    assertThat((double) row.get(1)).isCloseTo(2384.6304, within(1e-4));
    assertThat((double) row.get(2)).isCloseTo(0.9159, within(1e-4));
    assertThat(row.get(3)).isEqualTo(false);
    assertThat((double) row.get(4)).isCloseTo(1.8306, within(1e-4));
  }

  /**
   * Ego of log 7fab2350 at ts 315966261759625000, the first frame within 5 m of an intersection: its
   * position (5222.0576, 2386.6173) is 4.9153 m from the edge (5225.39, 2382.69)-(5227.04, 2385.30) of
   * intersection lane segment 38114428 (closest point at t = 0.49837: (5226.2123, 2383.9907)); the frame
   * before is 5.0947 m away. The nearest crossing, 2356430, is 9.2033 m ahead.
   */
  @Test
  void handCheckedEgoReachingFiveMetresFromAnIntersection() {
    assertThat(query(lake, "SELECT ts_ns, x + origin_x, y + origin_y, intersection_distance, crosswalk_distance"
        + " FROM ego JOIN logs USING (log_id) WHERE log_id = '" + A + "' AND ts_ns IN (315966261660092000,"
        + " 315966261759625000) ORDER BY ts_ns")).satisfiesExactly(
            before -> assertThat((double) before.get(3)).isCloseTo(5.0947, within(1e-4)),
            first -> {
              assertThat((double) first.get(1)).isCloseTo(5222.0576, within(1e-4));
              assertThat((double) first.get(2)).isCloseTo(2386.6173, within(1e-4));
              assertThat((double) first.get(3)).isCloseTo(4.9153, within(1e-4));
              assertThat((double) first.get(4)).isCloseTo(9.2033, within(1e-4));
            });
  }

  @Test
  void waymoStopSignsStopTheirLanesAndTheLanesEnteringThem() {
    VectorMap map = MapFiles.read(mapFile(W));
    assertThat(map.stopSigns()).extracting(StopSign::id, StopSign::lanes).containsExactly(
        org.assertj.core.groups.Tuple.tuple(594L, List.of(210L, 211L, 212L, 213L)),
        org.assertj.core.groups.Tuple.tuple(595L, List.of(321L, 322L, 323L, 488L)),
        org.assertj.core.groups.Tuple.tuple(596L, List.of()),
        org.assertj.core.groups.Tuple.tuple(597L, List.of()),
        org.assertj.core.groups.Tuple.tuple(598L, List.of()),
        org.assertj.core.groups.Tuple.tuple(599L, List.of()),
        org.assertj.core.groups.Tuple.tuple(600L, List.of(523L, 525L)),
        org.assertj.core.groups.Tuple.tuple(601L, List.of()));
    StopSign s600 = map.stopSigns().get(6);
    assertThat(s600.x()).isCloseTo(-7764.17, within(0.01));
    assertThat(s600.y()).isCloseTo(-6626.10, within(0.01));
  }

  /**
   * Stop sign 600 sits 3.46 m to the right of the end of lane 523 (log-local (21.742, 57.305)). Heading
   * west, the sign is {@code x - 21.742} m ahead of a position at x; it counts from 1 m behind.
   */
  @Test
  void stopSignDistanceAlongTheHeadingInTheStoppedLanes() throws Exception {
    double[] origin = waymoOrigin();
    JsonNode sign = JSON.readTree(mapFile(W).toFile()).get("stop_signs").get(6);
    assertThat(sign.get("id").asLong()).isEqualTo(600);
    double sx = sign.get("position").get(0).asDouble() - origin[0];
    assertThat(sx).isCloseTo(21.742, within(1e-3));
    List<Object> ego = query(lake, "SELECT stop_sign_distance FROM ego WHERE log_id = '" + STOP + "' ORDER BY ts_ns")
        .stream().map(r -> r.get(0)).toList();
    // 33.0: lane 520, not stopped; 31.5 .. 24.0: lane 523; 21.5: lane 525, 0.242 m past the sign; 20.0: 1.742 m past
    assertThat(ego.get(0)).isNull();
    double[] xs = {31.5, 29.0, 26.5, 24.0, 21.5};
    for (int i = 0; i < xs.length; i++) {
      assertThat((double) ego.get(i + 1)).isCloseTo(xs[i] - sx, within(1e-9));
    }
    assertThat(ego.get(6)).isNull();
    assertThat(query(lake, "SELECT track_id, count(*), count(stop_sign_distance), min(stop_sign_distance),"
        + " max(stop_sign_distance) FROM objects WHERE log_id = '" + STOP + "' GROUP BY 1 ORDER BY 1"))
        .satisfiesExactly(
            follower -> {
              assertThat(follower.subList(0, 3)).containsExactly("follower", 7L, 7L);
              assertThat((double) follower.get(3)).isCloseTo(30.0 - sx, within(1e-5));
            },
            upstream -> assertThat(upstream.subList(0, 3)).containsExactly("upstream", 7L, 0L),
            wrongWay -> assertThat(wrongWay.subList(0, 3)).containsExactly("wrong-way", 7L, 0L));
  }

  @Test
  void atStopSignFlagsTheFramesLessThanTenMetresBeforeTheSign() {
    ScenarioLibrary lib = ScenarioLibrary.builtIn();
    try (LakeQuery q = LakeQuery.open(lake)) {
      // ego frames 1..5 (9.758 m ahead .. 0.242 m past); frame 0 is in lane 520, frame 6 1.742 m past
      assertThat(ScenarioSearch.run(q, lib.compile("ego.at_stop_sign"), lib)).singleElement().satisfies(c -> {
        assertThat(c.logId()).isEqualTo(STOP);
        assertThat(c.matches()).extracting(m -> m.tsNs())
            .containsExactly(100_000_000L, 200_000_000L, 300_000_000L, 400_000_000L, 500_000_000L);
      });
      assertThat(ScenarioSearch.run(q, lib.compile("exists car c where c.at_stop_sign"), lib)).singleElement()
          .satisfies(c -> assertThat(c.matches()).hasSize(7)
              .allSatisfy(m -> assertThat(m.trackIds()).containsExactly("follower")));
      assertThat(ScenarioSearch.run(q, lib.compile("ego.stop_sign_distance < 5 m"), lib)).singleElement()
          .satisfies(c -> assertThat(c.matches()).hasSize(3));
    }
  }

  private static Double capped(double d) {
    return d <= MapDistances.CAP_M ? d : null;
  }

  private static void assertClose(Object actual, Double expected, String what) {
    if (expected == null) {
      assertThat(actual).as(what).isNull();
    } else {
      assertThat(actual).as(what).isNotNull();
      // objects store FLOAT: 2^-24 relative, under 2e-6 m at the 20 m cap
      assertThat((double) actual).as(what).isCloseTo(expected, within(2e-6));
    }
  }

  /**
   * An independent reading of a map file: AV2 lane polygons as right boundary + reversed left (the
   * av2 API's order), crossings as edge1 + reversed edge2, Waymo crosswalk polygons; containment by
   * java.awt.geom's even-odd rule, distances by Line2D.ptSegDist.
   */
  record Oracle(List<Poly> intersections, List<Poly> crosswalks) {
    static Oracle of(Path file) throws Exception {
      JsonNode root = JSON.readTree(file.toFile());
      if (root.has("lane_segments")) {
        List<Poly> lanes = new ArrayList<>();
        root.get("lane_segments").forEach(l -> {
          if (l.get("is_intersection").asBoolean()) {
            lanes.add(Poly.of(concat(xy(l.get("right_lane_boundary")), reversed(xy(l.get("left_lane_boundary"))))));
          }
        });
        List<Poly> crossings = new ArrayList<>();
        root.get("pedestrian_crossings").forEach(
            c -> crossings.add(Poly.of(concat(xy(c.get("edge1")), reversed(xy(c.get("edge2")))))));
        return new Oracle(lanes, crossings);
      }
      List<Poly> crossings = new ArrayList<>();
      root.get("crosswalks").forEach(c -> {
        List<double[]> pts = new ArrayList<>();
        c.get("polygon").forEach(p -> pts.add(new double[] {p.get(0).asDouble(), p.get(1).asDouble()}));
        crossings.add(Poly.of(pts.toArray(double[][]::new)));
      });
      return new Oracle(null, crossings);
    }

    static double nearest(List<Poly> polygons, double x, double y) {
      double best = Double.POSITIVE_INFINITY;
      for (Poly poly : polygons) {
        if (poly.path.contains(x, y)) {
          return 0;
        }
        double[][] p = poly.points;
        for (int i = 0; i < p.length; i++) {
          double[] a = p[i];
          double[] b = p[(i + 1) % p.length];
          best = Math.min(best, Line2D.ptSegDist(a[0], a[1], b[0], b[1], x, y));
        }
      }
      return best;
    }

    private static double[][] xy(JsonNode points) {
      List<double[]> out = new ArrayList<>();
      points.forEach(p -> out.add(new double[] {p.get("x").asDouble(), p.get("y").asDouble()}));
      return out.toArray(double[][]::new);
    }

    private static double[][] reversed(double[][] pts) {
      double[][] r = pts.clone();
      java.util.Collections.reverse(Arrays.asList(r));
      return r;
    }

    private static double[][] concat(double[][] a, double[][] b) {
      double[][] out = Arrays.copyOf(a, a.length + b.length);
      System.arraycopy(b, 0, out, a.length, b.length);
      return out;
    }
  }

  /** A polygon's points and its closed even-odd path. */
  record Poly(double[][] points, Path2D path) {
    static Poly of(double[][] points) {
      Path2D.Double path = new Path2D.Double(Path2D.WIND_EVEN_ODD);
      path.moveTo(points[0][0], points[0][1]);
      for (int i = 1; i < points.length; i++) {
        path.lineTo(points[i][0], points[i][1]);
      }
      path.closePath();
      return new Poly(points, path);
    }
  }
}
