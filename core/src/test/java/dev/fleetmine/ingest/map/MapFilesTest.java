package dev.fleetmine.ingest.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetmine.TestLakes;
import dev.fleetmine.ingest.IngestException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the real Argoverse 2 maps, and every kind of broken map file. */
class MapFilesTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  static Path sensorMap(String log) throws Exception {
    try (var files = Files.list(TestLakes.sharedData().resolve("argoverse2/sensor").resolve(log).resolve("map"))) {
      return files.filter(p -> p.getFileName().toString().startsWith("log_map_archive_")).findFirst().orElseThrow();
    }
  }

  static Path motionMap() {
    return TestLakes.sharedData().resolve("argoverse2/forecasting/0a1e6f0a-1817-4a98-b02e-db8c9327d151"
        + "/log_map_archive_0a1e6f0a-1817-4a98-b02e-db8c9327d151.json");
  }

  static Map<String, Long> laneTypes(VectorMap m) {
    Map<String, Long> h = new TreeMap<>();
    m.lanes().forEach(l -> h.merge(l.type(), 1L, Long::sum));
    return h;
  }

  @Test
  void readsTheRealArgoverseMaps() throws Exception {
    VectorMap a = MapFiles.read(sensorMap("7fab2350-7eaf-3b7e-a39d-6937a4c1bede"));
    assertThat(a.format()).isEqualTo("av2");
    assertThat(a.lanes()).hasSize(183);
    assertThat(laneTypes(a)).containsExactly(Map.entry("BIKE", 20L), Map.entry("VEHICLE", 163L));
    assertThat(a.lanes().stream().filter(l -> l.intersection())).hasSize(73);
    assertThat(a.crosswalks()).hasSize(11);
    assertThat(a.drivable()).hasSize(13);
    assertThat(a.knowsIntersections()).isTrue();

    VectorMap b = MapFiles.read(sensorMap("adcf7d18-0510-35b0-a2fa-b4cea13a6d76"));
    assertThat(laneTypes(b)).containsExactly(Map.entry("BIKE", 19L), Map.entry("BUS", 14L), Map.entry("VEHICLE", 166L));
    assertThat(b.lanes().stream().filter(l -> l.intersection())).hasSize(61);
    assertThat(b.crosswalks()).hasSize(11);
    assertThat(b.drivable()).hasSize(8);

    VectorMap m = MapFiles.read(motionMap());
    assertThat(laneTypes(m)).containsExactly(Map.entry("BIKE", 37L), Map.entry("VEHICLE", 34L));
    assertThat(m.lanes().stream().filter(l -> l.intersection())).hasSize(32);
    assertThat(m.crosswalks()).hasSize(6);
    assertThat(m.drivable()).hasSize(2);
  }

  @Test
  void aLaneIsItsLeftBoundaryThenItsReversedRightBoundary() throws Exception {
    // lane 38109167 of the 7fab2350 map: left (5272.94, 2353.69) -> (5286.78, 2342.58),
    // right (5268.73, 2346.16) -> (5285.11, 2340.16)
    VectorMap a = MapFiles.read(sensorMap("7fab2350-7eaf-3b7e-a39d-6937a4c1bede"));
    Lane lane = a.lanes().stream().filter(l -> l.id() == 38109167L).findFirst().orElseThrow();
    assertThat(lane.type()).isEqualTo("VEHICLE");
    assertThat(lane.intersection()).isTrue();
    assertThat(lane.pieces()).hasSize(1);
    assertThat(lane.pieces().get(0).xs()).containsExactly(5272.94, 5286.78, 5285.11, 5268.73);
    assertThat(lane.pieces().get(0).ys()).containsExactly(2353.69, 2342.58, 2340.16, 2346.16);
    // lanes are sorted by id, which the overlap rule relies on
    assertThat(a.lanes().get(0).id()).isLessThan(a.lanes().get(1).id());
  }

  @Test
  void aTruncatedFileNamesTheFileAndWhereTheJsonEnds() throws Exception {
    Path broken = dir.resolve("log_map_archive_x.json");
    byte[] bytes = Files.readAllBytes(motionMap());
    Files.write(broken, java.util.Arrays.copyOf(bytes, 5000));
    assertThatThrownBy(() -> MapFiles.read(broken)).isInstanceOf(IngestException.class)
        .hasMessageStartingWith(broken + ": line 1, column 5001: is not valid JSON (truncated file?)")
        .extracting(e -> ((IngestException) e).file()).isEqualTo(broken);
  }

  @Test
  void aMissingLaneBoundaryNamesTheLaneAndField() throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(motionMap().toFile());
    ObjectNode lane = (ObjectNode) root.get("lane_segments").get("205119120");
    lane.remove("left_lane_boundary");
    Path broken = write(root);
    assertThatThrownBy(() -> MapFiles.read(broken)).isInstanceOf(IngestException.class)
        .hasMessage(broken + ": lane_segments.205119120.left_lane_boundary: is missing; expected an array of"
            + " {\"x\", \"y\", \"z\"} points");
  }

  @Test
  void aMistypedCoordinateNamesThePoint() throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(motionMap().toFile());
    ((ObjectNode) root.get("lane_segments").get("205119120").get("right_lane_boundary").get(1)).put("y", "north");
    Path broken = write(root);
    assertThatThrownBy(() -> MapFiles.read(broken)).isInstanceOf(IngestException.class)
        .hasMessage(broken + ": lane_segments.205119120.right_lane_boundary[1].y: is the string \"north\"; expected a number");
  }

  @Test
  void otherDefectsNameTheirField() throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(motionMap().toFile());
    ((ObjectNode) root.get("lane_segments").get("205119120")).put("is_intersection", "no");
    Path a = write(root);
    assertThatThrownBy(() -> MapFiles.read(a))
        .hasMessage(a + ": lane_segments.205119120.is_intersection: is the string \"no\"; expected true or false");

    root = (ObjectNode) JSON.readTree(motionMap().toFile());
    String crossing = root.get("pedestrian_crossings").fieldNames().next();
    ((com.fasterxml.jackson.databind.node.ArrayNode) root.get("pedestrian_crossings").get(crossing).get("edge2")).remove(1);
    Path b = write(root);
    assertThatThrownBy(() -> MapFiles.read(b))
        .hasMessage(b + ": pedestrian_crossings." + crossing + ".edge2: has 1 points; expected at least 2");

    root = (ObjectNode) JSON.readTree(motionMap().toFile());
    root.remove("drivable_areas");
    Path c = write(root);
    assertThatThrownBy(() -> MapFiles.read(c))
        .hasMessage(c + ": drivable_areas: is missing; expected an object of drivable areas by id");

    Path d = dir.resolve("other.json");
    Files.writeString(d, "{\"roads\": []}");
    assertThatThrownBy(() -> MapFiles.read(d)).hasMessage(d + ": is neither an Argoverse 2 map (no lane_segments)"
        + " nor a fleetmine-waymo-map document (no format field)");
  }

  @Test
  void waymoDocumentsAreRecognizedByTheirFormat() throws Exception {
    Path f = dir.resolve("waymo.json");
    Files.writeString(f, """
        {"format": "fleetmine-waymo-map", "version": 1, "origin": [0, 0, 0],
         "lanes": [{"id": 5, "type": "TYPE_BIKE_LANE", "entry_lanes": [], "exit_lanes": [],
                    "polyline": [[0, 0, 0], [4, 0, 0]]}],
         "crosswalks": [{"id": 6, "polygon": [[0, 0, 0], [1, 0, 0], [1, 1, 0]]}], "driveways": [],
         "stop_signs": [{"id": 7, "lanes": [5], "position": [4, 1.5, 0]}]}
        """);
    VectorMap m = MapFiles.read(f);
    assertThat(m.format()).isEqualTo("waymo");
    assertThat(m.knowsIntersections()).isFalse();
    assertThat(m.lanes()).singleElement().satisfies(l -> {
      assertThat(l.type()).isEqualTo("BIKE");
      assertThat(l.intersection()).isNull();
      assertThat(l.pieces().get(0).ys()).containsExactly(0.75, 0.75, -0.75, -0.75);
    });
    assertThat(m.drivable()).hasSize(1);
    assertThat(m.stopSigns()).containsExactly(new StopSign(7, 4, 1.5, List.of(5L)));
    Files.writeString(f, "{\"format\": \"fleetmine-waymo-map\", \"version\": 1, \"lanes\": [{\"id\": 5,"
        + " \"type\": \"TYPE_FREEWAY\", \"polyline\": [[0, 0, 0], [1, \"e\", 0]]}], \"crosswalks\": [], \"driveways\": []}");
    assertThatThrownBy(() -> MapFiles.read(f))
        .hasMessage(f + ": lanes[0].polyline[1][1]: is the string \"e\"; expected a number");
  }

  @Test
  void laneNeighboursComeFromBothFormatsAndOldWaymoDocumentsHaveNone() throws Exception {
    VectorMap b = MapFiles.read(sensorMap("adcf7d18-0510-35b0-a2fa-b4cea13a6d76"));
    Lane bus = b.lanes().stream().filter(l -> l.id() == 42811889L).findFirst().orElseThrow();
    assertThat(bus.leftNeighbors()).containsExactly(42810791L);
    assertThat(bus.rightNeighbors()).isEmpty();
    Lane next = b.lanes().stream().filter(l -> l.id() == 42810791L).findFirst().orElseThrow();
    assertThat(next.leftNeighbors()).containsExactly(42809917L);
    assertThat(next.rightNeighbors()).containsExactly(42811889L);
    assertThat(b.lanes().stream().filter(l -> !l.leftNeighbors().isEmpty() || !l.rightNeighbors().isEmpty()))
        .hasSize(165);

    Path f = dir.resolve("waymo.json");
    String doc = "{\"format\": \"fleetmine-waymo-map\", \"version\": 1, \"lanes\": [{\"id\": 5, \"type\": \"TYPE_FREEWAY\","
        + " \"entry_lanes\": [], \"exit_lanes\": [], %s\"polyline\": [[0, 0, 0], [4, 0, 0]]}], \"crosswalks\": [],"
        + " \"driveways\": [], \"stop_signs\": []}";
    // a document stored before the importer wrote neighbours
    Files.writeString(f, doc.formatted(""));
    assertThat(MapFiles.read(f).lanes().get(0).leftNeighbors()).isEmpty();
    Files.writeString(f, doc.formatted("\"left_neighbors\": [6, 7], \"right_neighbors\": [4], "));
    Lane w = MapFiles.read(f).lanes().get(0);
    assertThat(w.leftNeighbors()).containsExactly(6L, 7L);
    assertThat(w.rightNeighbors()).containsExactly(4L);
    Files.writeString(f, doc.formatted("\"left_neighbors\": 6, "));
    assertThatThrownBy(() -> MapFiles.read(f))
        .hasMessage(f + ": lanes[0].left_neighbors: is the number 6; expected an array of ids");
  }

  @Test
  void waymoStopSignDefectsNameTheirField() throws Exception {
    Path f = dir.resolve("waymo.json");
    String head = "{\"format\": \"fleetmine-waymo-map\", \"version\": 1, \"lanes\": [], \"crosswalks\": [],"
        + " \"driveways\": [], \"stop_signs\": ";
    Files.writeString(f, head + "[{\"id\": 7, \"lanes\": [5, \"x\"], \"position\": [0, 0, 0]}]}");
    assertThatThrownBy(() -> MapFiles.read(f)).isInstanceOf(IngestException.class)
        .hasMessage(f + ": stop_signs[0].lanes[1]: is the string \"x\"; expected an integer");
    Files.writeString(f, head + "[{\"id\": 7, \"lanes\": [], \"position\": 3}]}");
    assertThatThrownBy(() -> MapFiles.read(f))
        .hasMessage(f + ": stop_signs[0].position: is not a point; expected [x, y, z]");
    Files.writeString(f, head.replace(", \"stop_signs\": ", "}"));
    assertThatThrownBy(() -> MapFiles.read(f))
        .hasMessage(f + ": stop_signs: is missing; expected an array of stop signs");
  }

  private Path write(ObjectNode root) throws Exception {
    Path p = dir.resolve("log_map_archive_broken.json");
    JSON.writeValue(p.toFile(), root);
    return p;
  }
}
