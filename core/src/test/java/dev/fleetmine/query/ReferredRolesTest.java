package dev.fleetmine.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetmine.TestLakes;
import dev.fleetmine.eval.MiningMetrics;
import dev.fleetmine.eval.MiningScorer;
import dev.fleetmine.eval.TruthInstance;
import dev.fleetmine.ingest.Ingestor;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.ingest.av2.Av2SensorImporter;
import dev.fleetmine.lake.Lake;
import dev.fleetmine.query.lang.Catalog;
import dev.fleetmine.query.lang.QueryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Roles of referred objects and the {@code refer} clause, on the two real Argoverse 2 sensor logs:
 * "a vehicle with a bicycle to its right within 10 m", the example of the Argoverse 2 scenario-mining
 * benchmark whose truth refers the vehicles only.
 */
class ReferredRolesTest {
  static final String A = "7fab2350-7eaf-3b7e-a39d-6937a4c1bede";
  static final String B = "adcf7d18-0510-35b0-a2fa-b4cea13a6d76";
  static final String CONDITION = "exists vehicle v where exists bicycle b where lat_of(b, v) < 0 and distance(b, v) < 10";

  @TempDir
  static Path dir;
  static Lake lake;
  static LakeQuery session;
  static ScenarioLibrary lib;

  @BeforeAll
  static void ingest() throws IOException {
    lake = Lake.open(dir.resolve("lake"));
    try (Ingestor in = Ingestor.begin(lake)) {
      new Av2SensorImporter().read(List.of(TestLakes.sharedData().resolve("argoverse2/sensor")), in, Progress.NONE);
      in.commit("av2 samples");
    }
    session = LakeQuery.open(lake);
    Path library = Files.createDirectories(dir.resolve("library"));
    Files.writeString(library.resolve("bicycle_right_all.fsl"), "scenario bicycle_right_all\n" + CONDITION + "\n");
    Files.writeString(library.resolve("bicycle_right.fsl"), "scenario bicycle_right\n" + CONDITION + "\nrefer v\n");
    lib = ScenarioLibrary.builtInWith(library);
  }

  @AfterAll
  static void close() {
    session.close();
  }

  static List<Clip> search(String query) {
    return ScenarioSearch.run(session, lib.compile(query), lib);
  }

  /** Distinct track ids per role over a clip, with the role's answer flag. */
  static Map<String, Set<String>> byRole(Clip c, boolean answer) {
    return c.matches().stream().flatMap(m -> m.objects().stream()).filter(r -> r.answer() == answer)
        .collect(Collectors.groupingBy(Clip.Referred::role, TreeMap::new, Collectors.mapping(Clip.Referred::trackId,
            Collectors.toCollection(TreeSet::new))));
  }

  @Test
  void withoutReferEveryReferredObjectIsAnAnswerWithItsVariableAsRole() {
    List<Clip> clips = search(CONDITION);
    assertThat(clips).extracting(Clip::logId).containsExactly(A, B);
    assertThat(byRole(clips.get(0), true)).extractingFromEntries(Map.Entry::getKey, e -> e.getValue().size())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("b", 4), org.assertj.core.groups.Tuple.tuple("v", 8));
    assertThat(byRole(clips.get(1), true)).extractingFromEntries(Map.Entry::getKey, e -> e.getValue().size())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("b", 1), org.assertj.core.groups.Tuple.tuple("v", 1));
    assertThat(byRole(clips.get(0), false)).isEmpty();
    assertThat(ClipWriter.referredSummary(clips.get(0))).isEqualTo("b: 4, v: 8");
  }

  @Test
  void referMakesTheOtherVariablesContext() {
    List<Clip> all = search(CONDITION);
    List<Clip> clips = search(CONDITION + " refer v");
    assertThat(clips).extracting(Clip::id).containsExactlyElementsOf(all.stream().map(Clip::id).toList());
    for (int i = 0; i < clips.size(); i++) {
      assertThat(byRole(clips.get(i), true)).containsOnlyKeys("v").containsEntry("v", byRole(all.get(i), true).get("v"));
      assertThat(byRole(clips.get(i), false)).containsOnlyKeys("b").containsEntry("b", byRole(all.get(i), true).get("b"));
    }
    Set<String> vehicles = categories(A, byRole(clips.get(0), true).get("v"));
    assertThat(Catalog.GROUPS.get("vehicle")).containsAll(vehicles);
    assertThat(categories(A, byRole(clips.get(0), false).get("b"))).containsExactly("bicycle");
    // trackIds() is what consumers (scoring, reports, tags' track_ids) read: the answer objects only
    assertThat(clips.get(0).matches()).allSatisfy(m -> assertThat(m.trackIds()).isSubsetOf(byRole(clips.get(0), true).get("v")));
    assertThat(ClipWriter.referredSummary(clips.get(0))).isEqualTo("v: 8, b: 4 (context)");
  }

  @Test
  void jsonAndParquetCarryRoleAndAnswer() throws Exception {
    var q = lib.compile(CONDITION + " refer v");
    List<Clip> clips = ScenarioSearch.run(session, q, lib);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ClipWriter.json(session, q.text(), "gt", clips, out);
    JsonNode objects = new ObjectMapper().readTree(out.toByteArray()).at("/clips/1/timestamps/0/objects");
    assertThat(objects).hasSize(2);
    assertThat(objects.get(0).get("role").asText()).isEqualTo("v");
    assertThat(objects.get(0).get("answer").asBoolean()).isTrue();
    assertThat(objects.get(1).get("role").asText()).isEqualTo("b");
    assertThat(objects.get(1).get("answer").asBoolean()).isFalse();
    assertThat(objects.get(1).has("x")).isTrue();

    Path file = dir.resolve("clips.parquet");
    ClipWriter.parquet(session, "gt", clips, file);
    List<List<Object>> rows = TestLakes.query(lake, "SELECT role, answer, count(*), count(DISTINCT track_id) FROM '"
        + file + "' GROUP BY ALL ORDER BY role");
    long matches = clips.stream().mapToLong(c -> c.matches().stream().mapToLong(m -> m.objects().stream()
        .filter(r -> r.role().equals("v")).count()).sum()).sum();
    assertThat(rows).containsExactly(List.of("b", false, rows.get(0).get(2), 5L), List.of("v", true, matches, 9L));
  }

  @Test
  void tagsKeepRolesAndTheirTrackIdsAreTheAnswers() {
    ScenarioMiner.mine(lake, lib, List.of("bicycle_right"), Progress.NONE);
    try (LakeQuery q = LakeQuery.open(lake)) {
      List<List<Object>> roles = q.rows("SELECT r.role, r.answer, count(DISTINCT r.track_id) FROM"
          + " (SELECT unnest(referred) AS r FROM tags WHERE scenario = 'bicycle_right') GROUP BY ALL ORDER BY 1").values()
          .stream().toList();
      assertThat(roles).containsExactly(List.of("b", false, 5L), List.of("v", true, 9L));
      List<List<Object>> answers = q.rows("SELECT count(DISTINCT t) FROM (SELECT unnest(m.track_ids) AS t FROM"
          + " (SELECT unnest(matches) AS m FROM tags WHERE scenario = 'bicycle_right'))").values().stream().toList();
      assertThat(answers).containsExactly(List.of(9L));
    }
  }

  /**
   * Scored against truth that refers the vehicles only (as the Argoverse 2 scenario-mining truth does),
   * computed here independently of the compiler from the objects table: referred-object precision is
   * 0.526 without {@code refer v} and 1.0 with it; recall is 1.0 either way.
   */
  @Test
  void scoringCountsOnlyAnswerObjects() {
    List<TruthInstance> truth = new ArrayList<>();
    for (TruthInstance t : vehiclesWithBicycleOnRight()) {
      truth.add(new TruthInstance(t.logId(), "bicycle_right_all", t.startNs(), t.endNs(), t.trackIds()));
      truth.add(new TruthInstance(t.logId(), "bicycle_right", t.startNs(), t.endNs(), t.trackIds()));
    }
    Map<String, MiningMetrics> m = MiningScorer.score(session, lib, List.of("bicycle_right_all", "bicycle_right"), truth)
        .stream().collect(Collectors.toMap(MiningScorer.Score::scenario, MiningScorer.Score::metrics));
    MiningMetrics before = m.get("bicycle_right_all");
    MiningMetrics after = m.get("bicycle_right");
    assertThat(before.timestampF1()).isEqualTo(1.0);
    assertThat(before.referredRecall()).isEqualTo(1.0);
    assertThat(before.referredPrecision()).isEqualTo(EXPECTED_PRECISION_WITHOUT_REFER);
    long vehicleRows = search(CONDITION).stream().flatMap(c -> c.matches().stream()).flatMap(x -> x.objects().stream())
        .filter(r -> r.role().equals("v")).count();
    assertThat(vehicleRows).isEqualTo(474);
    assertThat(after.timestampF1()).isEqualTo(1.0);
    assertThat(after.referredRecall()).isEqualTo(1.0);
    assertThat(after.referredPrecision()).isEqualTo(1.0);
  }

  /**
   * 474 vehicle referrals (summed over timestamps) are right; without {@code refer v} the 427 bicycle
   * referrals count against them.
   */
  static final double EXPECTED_PRECISION_WITHOUT_REFER = 474.0 / (474 + 427);

  @Test
  void referMustNameAnObjectReferringVariable() {
    assertThatThrownBy(() -> lib.compile(CONDITION + " refer x")).isInstanceOf(QueryException.class)
        .hasMessageContaining("'refer x': no quantifier of this query binds 'x'");
    assertThatThrownBy(() -> lib.compile("no vehicle v where v.distance < 5 refer v")).isInstanceOf(QueryException.class)
        .hasMessageContaining("'v' is bound by 'no', which refers to no objects");
    assertThatThrownBy(() -> lib.compile(CONDITION + " refer")).isInstanceOf(QueryException.class)
        .hasMessageContaining("expected a quantifier's variable after 'refer'");
    assertThat(lib.compile(CONDITION + " refer v, b").refer()).containsExactly("v", "b");
  }

  /**
   * The truth, one instance per timestamp: the vehicles with a bicycle whose centre is to their right
   * (negative lateral offset in the vehicle's frame) and within 10 m, from the gt rows of the objects table.
   */
  static List<TruthInstance> vehiclesWithBicycleOnRight() {
    Set<String> vehicle = Set.copyOf(Catalog.GROUPS.get("vehicle"));
    record Box(String track, String category, double x, double y, double yaw) {}
    Map<String, Map<Long, List<Box>>> frames = new TreeMap<>();
    for (List<Object> r : TestLakes.query(lake, "SELECT log_id, ts_ns, track_id, category, x, y, yaw FROM objects"
        + " WHERE source = 'gt'")) {
      frames.computeIfAbsent((String) r.get(0), k -> new TreeMap<>()).computeIfAbsent(((Number) r.get(1)).longValue(),
          k -> new ArrayList<>()).add(new Box((String) r.get(2), (String) r.get(3), ((Number) r.get(4)).doubleValue(),
          ((Number) r.get(5)).doubleValue(), ((Number) r.get(6)).doubleValue()));
    }
    List<TruthInstance> out = new ArrayList<>();
    frames.forEach((log, byTs) -> byTs.forEach((ts, boxes) -> {
      List<String> ids = new ArrayList<>();
      for (Box v : boxes) {
        boolean bicycleRight = vehicle.contains(v.category()) && boxes.stream().anyMatch(b -> b.category().equals("bicycle")
            && !b.track().equals(v.track()) && Math.hypot(b.x() - v.x(), b.y() - v.y()) < 10
            && -(b.x() - v.x()) * Math.sin(v.yaw()) + (b.y() - v.y()) * Math.cos(v.yaw()) < 0);
        if (bicycleRight) {
          ids.add(v.track());
        }
      }
      if (!ids.isEmpty()) {
        out.add(new TruthInstance(log, "bicycle_right", ts, ts, ids));
      }
    }));
    return out;
  }

  static Set<String> categories(String log, Set<String> tracks) {
    return TestLakes.query(lake, "SELECT DISTINCT category FROM objects WHERE log_id = '" + log + "' AND track_id IN ("
        + tracks.stream().map(t -> "'" + t + "'").collect(Collectors.joining(", ")) + ")").stream()
        .map(r -> (String) r.get(0)).collect(Collectors.toSet());
  }
}
