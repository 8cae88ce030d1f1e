package dev.fleetmine.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetmine.TestLakes;
import dev.fleetmine.lake.Lake;
import dev.fleetmine.query.lang.Catalog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RefAV's changing_lanes as the ingest derives it (column lane_change, flag changing_lanes) on the real
 * samples, against an oracle that reads the lane neighbours straight from each log's stored map JSON
 * (AV2 {@code left_neighbor_id}/{@code right_neighbor_id}, Waymo {@code left_neighbors}/{@code right_neighbors})
 * and each track's lane ids and turns from the lake: a row is labelled when the previous row's lane has
 * its lane as a neighbour (step in) or its lane has the next row's (step out), unless the row has a turn.
 */
class ChangingLanesTest {
  @TempDir
  static Path dir;
  static Lake lake;
  static LakeQuery session;
  static final ScenarioLibrary LIB = ScenarioLibrary.builtIn();
  static final Set<String> VEHICLE = Set.copyOf(Catalog.GROUPS.get("vehicle"));
  /** Per log, (lane id, neighbour id) to side, as the map file says. */
  static final Map<String, Map<List<String>, String>> NEIGHBORS = new TreeMap<>();

  /** One row of a track: what the oracle reads. */
  record Row(String log, String track, long ts, String category, String lane, String turn, String laneChange) {
    String key() {
      return log + " " + ts + " " + track;
    }
  }

  @BeforeAll
  static void ingest() throws IOException {
    lake = TestLakes.realSamples(dir.resolve("lake"));
    session = LakeQuery.open(lake);
    ObjectMapper json = new ObjectMapper();
    for (List<Object> r : TestLakes.query(lake, "SELECT log_id, map_file FROM logs WHERE map_file IS NOT NULL")) {
      JsonNode root = json.readTree(lake.resolve((String) r.get(1)).toFile());
      NEIGHBORS.put((String) r.get(0), neighbors(root));
    }
  }

  @AfterAll
  static void close() {
    session.close();
  }

  /** The map's directed neighbour pairs; a pair listed on both sides is dropped (no side). */
  static Map<List<String>, String> neighbors(JsonNode root) {
    Map<List<String>, String> out = new HashMap<>();
    Set<List<String>> both = new TreeSet<>((a, b) -> String.join(" ", a).compareTo(String.join(" ", b)));
    List<JsonNode> lanes = new ArrayList<>();
    boolean av2 = root.has("lane_segments");
    (av2 ? root.get("lane_segments") : root.get("lanes")).forEach(lanes::add);
    for (JsonNode lane : lanes) {
      for (String side : List.of("left", "right")) {
        JsonNode n = lane.get(av2 ? side + "_neighbor_id" : side + "_neighbors");
        List<JsonNode> ids = new ArrayList<>();
        if (n != null && n.isArray()) {
          n.forEach(ids::add);
        } else if (n != null && !n.isNull()) {
          ids.add(n);
        }
        for (JsonNode id : ids) {
          List<String> pair = List.of(lane.get("id").asText(), id.asText());
          String was = out.putIfAbsent(pair, side);
          if (was != null && !was.equals(side)) {
            both.add(pair);
          }
        }
      }
    }
    both.forEach(out::remove);
    return out;
  }

  /** The rows of each track (the ego as track "ego"), in time order. */
  static Map<String, List<Row>> tracks(String sql) {
    Map<String, List<Row>> out = new TreeMap<>();
    for (List<Object> r : TestLakes.query(lake, sql)) {
      Row row = new Row((String) r.get(0), (String) r.get(1), ((Number) r.get(2)).longValue(), (String) r.get(3),
          (String) r.get(4), (String) r.get(5), (String) r.get(6));
      out.computeIfAbsent(row.log() + " " + row.track(), k -> new ArrayList<>()).add(row);
    }
    return out;
  }

  static Map<String, List<Row>> objectTracks() {
    return tracks("SELECT log_id, track_id, ts_ns, category, lane_id, turn, lane_change FROM objects"
        + " WHERE source = 'gt' AND track_id IS NOT NULL ORDER BY log_id, track_id, ts_ns");
  }

  /** Per row key, the side of the step into it or else out of it; rows with a turn left out. */
  static Map<String, String> oracle(Map<String, List<Row>> tracks) {
    Map<String, String> out = new TreeMap<>();
    for (List<Row> rows : tracks.values()) {
      Map<List<String>, String> graph = NEIGHBORS.getOrDefault(rows.get(0).log(), Map.of());
      for (int i = 0; i < rows.size(); i++) {
        Row r = rows.get(i);
        String in = i > 0 ? side(graph, rows.get(i - 1).lane(), r.lane()) : null;
        String outStep = i + 1 < rows.size() ? side(graph, r.lane(), rows.get(i + 1).lane()) : null;
        String side = in != null ? in : outStep;
        if (side != null && r.turn() == null) {
          out.put(r.key(), side);
        }
      }
    }
    return out;
  }

  static String side(Map<List<String>, String> graph, String from, String to) {
    return from == null || to == null ? null : graph.get(List.of(from, to));
  }

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

  /** Row keys of {@code sides} whose side is {@code side} (null: either) and whose track is a vehicle. */
  static Set<String> vehicles(Map<String, String> sides, Map<String, List<Row>> tracks, String side) {
    Map<String, String> category = new HashMap<>();
    tracks.values().forEach(rows -> rows.forEach(r -> category.put(r.key(), r.category())));
    Set<String> out = new TreeSet<>();
    sides.forEach((k, v) -> {
      if (VEHICLE.contains(category.get(k)) && (side == null || side.equals(v))) {
        out.add(k);
      }
    });
    return out;
  }

  /** The stored lane_change of every row that has one. */
  static Map<String, String> stored(Map<String, List<Row>> tracks) {
    Map<String, String> out = new TreeMap<>();
    tracks.values().forEach(rows -> rows.stream().filter(r -> r.laneChange() != null)
        .forEach(r -> out.put(r.key(), r.laneChange())));
    return out;
  }

  @Test
  void mapFilesCarryTheLaneNeighbours() {
    Map<String, Integer> pairs = new TreeMap<>();
    NEIGHBORS.forEach((log, graph) -> pairs.put(log, graph.size()));
    // the Waymo count comes from the importer's map document, which now writes left/right_neighbors
    assertThat(pairs).containsExactly(Map.entry("0a1e6f0a-1817-4a98-b02e-db8c9327d151", 42),
        Map.entry("7fab2350-7eaf-3b7e-a39d-6937a4c1bede", 72), Map.entry("adcf7d18-0510-35b0-a2fa-b4cea13a6d76", 206),
        Map.entry("waymo-637f20cafde22ff8", 382));
  }

  @Test
  void objectLaneChangesAreTheOraclesStepsToANeighbourOutsideTurns() {
    Map<String, List<Row>> tracks = objectTracks();
    Map<String, String> expected = oracle(tracks);
    assertThat(stored(tracks)).isEqualTo(expected);
    assertThat(RefAvVocabularyTest.same(answers("exists vehicle v where v.changing_lanes"),
        vehicles(expected, tracks, null))).hasSize(108);
    assertThat(RefAvVocabularyTest.same(answers("exists vehicle v where v.lane_change = left"),
        vehicles(expected, tracks, "left"))).hasSize(68);
    assertThat(expected).hasSize(136);
    assertThat(expected.values().stream().filter("left"::equals).count()).isEqualTo(70);
    // without RefAV's turn removal: the rows of the steps made inside a turn come back
    Map<String, List<Row>> unturned = new TreeMap<>();
    tracks.forEach((k, rows) -> unturned.put(k, rows.stream().map(r -> new Row(r.log(), r.track(), r.ts(),
        r.category(), r.lane(), null, r.laneChange())).toList()));
    assertThat(oracle(unturned)).hasSize(155);
  }

  @Test
  void egoNeverStepsToANeighbourLaneInTheSamples() {
    Map<String, List<Row>> ego = tracks("SELECT log_id, 'ego', ts_ns, 'ego', lane_id, turn, lane_change FROM ego"
        + " ORDER BY log_id, ts_ns");
    assertThat(ego).hasSize(4);
    assertThat(oracle(ego)).isEmpty();
    assertThat(stored(ego)).isEmpty();
    assertThat(TestLakes.scalar(lake, "SELECT count(*) FROM ego WHERE lane_change IS NOT NULL")).isEqualTo(0L);
  }

  /**
   * Hand-checked: AV2 sensor log adcf7d18, car defe1ad3 at 10.2 m/s (heading 0.48 rad) moves from bus lane
   * 42811889 into vehicle lane 42810791, its left_neighbor_id (whose right_neighbor_id is 42811889 back);
   * between the two rows, 0.1 s apart, it moves 0.12 m to its left.
   */
  @Test
  void aCarLeavesTheBusLaneToItsLeft() {
    List<List<Object>> rows = TestLakes.query(lake, "SELECT ts_ns, lane_id, lane_change FROM objects"
        + " WHERE log_id = 'adcf7d18-0510-35b0-a2fa-b4cea13a6d76' AND track_id = 'defe1ad3-dbfb-46b1-9244-a9b7fb426d3d'"
        + " AND ts_ns BETWEEN 315973160459000000 AND 315973160761000000 ORDER BY ts_ns");
    assertThat(rows).containsExactly(Arrays.asList(315973160460137000L, "42811889", null),
        List.of(315973160559669000L, "42811889", "left"), List.of(315973160659866000L, "42810791", "left"),
        Arrays.asList(315973160760062000L, "42810791", null));
    assertThat(NEIGHBORS.get("adcf7d18-0510-35b0-a2fa-b4cea13a6d76"))
        .containsEntry(List.of("42811889", "42810791"), "left").containsEntry(List.of("42810791", "42811889"), "right");
  }
}
