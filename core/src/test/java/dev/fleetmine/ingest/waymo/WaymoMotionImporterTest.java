package dev.fleetmine.ingest.waymo;

import static dev.fleetmine.TestLakes.query;
import static dev.fleetmine.TestLakes.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetmine.TestLakes;
import dev.fleetmine.ingest.IngestException;
import dev.fleetmine.ingest.Ingestor;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.ingest.waymo.proto.ObjectState;
import dev.fleetmine.ingest.waymo.proto.Scenario;
import dev.fleetmine.ingest.waymo.proto.Track;
import dev.fleetmine.lake.Lake;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WaymoMotionImporterTest {
  private static final String LOG = "waymo-637f20cafde22ff8";
  /** Valid states of the 82 non-SDC tracks; the SDC is valid at all 91 steps so none is dropped. */
  private static final long OBJECT_ROWS = 4505;

  private static Scenario scenario;

  @TempDir
  Path dir;

  @BeforeAll
  static void parseSample() {
    try (TfRecordReader r = TfRecordReader.open(TfRecords.sample())) {
      scenario = WaymoMotionImporter.parse(TfRecords.sample(), r.next());
    }
  }

  private Lake ingest(List<Path> inputs) {
    Lake lake = Lake.open(dir.resolve("lake"));
    try (Ingestor in = Ingestor.begin(lake)) {
      new WaymoMotionImporter().read(inputs, in, Progress.NONE);
      in.commit("ingest waymo");
    }
    return lake;
  }

  @Test
  void sampleScenarioHasTheDocumentedShape() {
    assertThat(scenario.getScenarioId()).isEqualTo("637f20cafde22ff8");
    assertThat(scenario.getTracksCount()).isEqualTo(83);
    assertThat(scenario.getTimestampsSecondsCount()).isEqualTo(91);
    assertThat(scenario.getMapFeaturesCount()).isEqualTo(301);
    assertThat(scenario.getCurrentTimeIndex()).isEqualTo(10);
    assertThat(scenario.getSdcTrackIndex()).isEqualTo(82);
    Map<Track.ObjectType, Long> types = scenario.getTracksList().stream()
        .collect(Collectors.groupingBy(Track::getObjectType, TreeMap::new, Collectors.counting()));
    assertThat(types).containsExactlyEntriesOf(new TreeMap<>(Map.of(
        Track.ObjectType.TYPE_VEHICLE, 70L, Track.ObjectType.TYPE_PEDESTRIAN, 10L, Track.ObjectType.TYPE_CYCLIST, 3L)));
    assertThat(WaymoMap.counts(scenario)).containsExactlyEntriesOf(new TreeMap<>(Map.of("lanes", 199, "road_lines", 59,
        "road_edges", 28, "stop_signs", 8, "crosswalks", 4, "speed_bumps", 3)));
  }

  @Test
  void ingestsOneLogWithEgoObjectsEventsAndMetadata() throws Exception {
    Lake lake = ingest(List.of(TfRecords.sample()));
    assertThat(query(lake, "SELECT log_id, source_format, frame, ego_frames, object_rows, start_ns, end_ns FROM logs"))
        .containsExactly(List.of(LOG, "waymo", "waymo", 91L, OBJECT_ROWS, 0L, 9_000_040_000L));
    assertThat(query(lake, "SELECT category, raw_label, count(DISTINCT track_id), count(*) FROM objects"
        + " WHERE source = 'gt' GROUP BY ALL ORDER BY 1")).containsExactly(
            List.of("car", "TYPE_VEHICLE", 69L, 4004L),
            List.of("cyclist", "TYPE_CYCLIST", 3L, 82L),
            List.of("pedestrian", "TYPE_PEDESTRIAN", 10L, 419L));
    JsonNode meta = new ObjectMapper().readTree((String) scalar(lake, "SELECT metadata FROM logs"));
    assertThat(meta.get("scenario_id").asText()).isEqualTo("637f20cafde22ff8");
    assertThat(meta.get("current_time_index").asText()).isEqualTo("10");
    assertThat(meta.get("sdc_track_id").asText()).isEqualTo("2406");
    assertThat(meta.get("tracks").asText()).isEqualTo("83");
    assertThat(meta.get("object_states_without_sdc").asText()).isEqualTo("0");
    assertThat(meta.get("map_features").asText()).isEqualTo("301");
    assertThat(meta.get("map_lanes").asText()).isEqualTo("199");
    assertThat(meta.get("map_crosswalks").asText()).isEqualTo("4");
    assertThat(query(lake, "SELECT type, source, ts_ns, end_ns, array_to_string(track_ids, ','), detail FROM events"))
        .containsExactly(List.of("tracks_to_predict", "waymo", 1_000_010_000L, 1_000_010_000L,
            "2320,1676,1675",
            "{\"current_time_index\":10,\"difficulty\":[\"LEVEL_1\",\"LEVEL_1\",\"LEVEL_2\"],"
                + "\"track_indices\":[72,43,42]}"));
  }

  @Test
  void egoIsTheSdcTrackAtTheLogOrigin() {
    Lake lake = ingest(List.of(TfRecords.sample()));
    ObjectState first = scenario.getTracks(82).getStates(0);
    List<Object> origin = query(lake, "SELECT origin_x, origin_y, origin_z FROM logs").get(0);
    assertThat((double) origin.get(0)).isEqualTo(first.getCenterX());
    assertThat((double) origin.get(1)).isEqualTo(first.getCenterY());
    assertThat((double) origin.get(2)).isEqualTo(first.getCenterZ());
    assertThat(query(lake, "SELECT x, y, z FROM ego WHERE ts_ns = 0")).containsExactly(List.of(0.0, 0.0, 0.0));
    // At the current time (step 10) the SDC is waiting: Waymo's velocity gives 0.54 mm/s, far below walking pace.
    double speed = (double) scalar(lake, "SELECT speed FROM ego WHERE ts_ns = 1000010000");
    assertThat(speed).isCloseTo(5.378095e-4, within(1e-9));
    assertThat((double) scalar(lake, "SELECT max(speed) FROM ego")).isBetween(0.0, 40.0);
  }

  @Test
  void objectPositionsRoundTripToTheWaymoFrame() {
    Lake lake = ingest(List.of(TfRecords.sample()));
    ObjectState raw = scenario.getTracks(0).getStates(0);
    assertThat(scenario.getTracks(0).getId()).isEqualTo(1580);
    assertThat(raw.getCenterX()).isEqualTo(-7792.00341796875);
    List<Object> row = query(lake, "SELECT o.x + l.origin_x, o.y + l.origin_y, o.z + l.origin_z, o.x, o.length,"
        + " o.vx FROM objects o JOIN logs l USING (log_id) WHERE o.track_id = '1580' AND o.ts_ns = 0").get(0);
    assertThat((double) row.get(0)).isCloseTo(raw.getCenterX(), within(1e-6));
    assertThat((double) row.get(1)).isCloseTo(raw.getCenterY(), within(1e-6));
    assertThat((double) row.get(2)).isCloseTo(raw.getCenterZ(), within(1e-6));
    assertThat((double) row.get(3)).isCloseTo(-6.086757063189907, within(1e-9));
    assertThat((double) row.get(4)).isCloseTo(4.776679039001465, within(1e-9));
    assertThat((double) row.get(5)).isEqualTo(0.0);
  }

  @Test
  void mapIsStoredAsJsonInTheWaymoFrame() throws Exception {
    Lake lake = ingest(List.of(TfRecords.sample()));
    Path map = lake.resolve((String) scalar(lake, "SELECT map_file FROM logs"));
    JsonNode json = new ObjectMapper().readTree(map.toFile());
    assertThat(json.get("format").asText()).isEqualTo("fleetmine-waymo-map");
    assertThat(json.get("scenario_id").asText()).isEqualTo("637f20cafde22ff8");
    Function<String, Integer> size = k -> json.get(k).size();
    assertThat(List.of("lanes", "road_lines", "road_edges", "crosswalks", "speed_bumps", "driveways", "stop_signs"))
        .map(size).containsExactly(199, 59, 28, 4, 3, 0, 8);
    var firstLane = scenario.getMapFeaturesList().stream().filter(f -> f.hasLane()).findFirst().orElseThrow();
    JsonNode lane = json.get("lanes").get(0);
    assertThat(lane.get("id").asLong()).isEqualTo(firstLane.getId());
    assertThat(lane.get("type").asText()).isEqualTo(firstLane.getLane().getType().name());
    assertThat(lane.get("polyline").size()).isEqualTo(firstLane.getLane().getPolylineCount());
    assertThat(lane.get("polyline").get(0).get(0).asDouble()).isEqualTo(firstLane.getLane().getPolyline(0).getX());
    assertThat(json.get("origin").get(0).asDouble()).isEqualTo(scenario.getTracks(82).getStates(0).getCenterX());
  }

  @Test
  void directoriesAreScannedForPlainAndShardedNames() throws Exception {
    Path data = Files.createDirectories(dir.resolve("in/training"));
    Files.copy(TfRecords.sample(), data.resolve("training.tfrecord-00000-of-01000"));
    Files.writeString(data.resolve("README.txt"), "not a record");
    assertThat(WaymoMotionImporter.files(List.of(dir.resolve("in"))))
        .containsExactly(data.resolve("training.tfrecord-00000-of-01000"));
    Lake lake = ingest(List.of(dir.resolve("in")));
    assertThat(scalar(lake, "SELECT count(*) FROM objects")).isEqualTo(OBJECT_ROWS);
  }

  @Test
  void missingInputAndEmptyDirectoryAreRejected() throws Exception {
    Path missing = dir.resolve("nope.tfrecord");
    assertThatThrownBy(() -> WaymoMotionImporter.files(List.of(missing))).isInstanceOf(IngestException.class)
        .hasMessage(missing + ": does not exist; expected a .tfrecord file or a directory of them");
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> WaymoMotionImporter.files(List.of(empty))).isInstanceOf(IngestException.class)
        .hasMessageContaining("directory contains no *.tfrecord");
  }

  @Test
  void truncatedFileFailsTheIngestAndLeavesTheLakeUnchanged() throws Exception {
    Lake lake = Lake.open(dir.resolve("lake"));
    var before = TestLakes.listing(lake.root());
    byte[] bytes = Files.readAllBytes(TfRecords.sample());
    Path cut = Files.write(dir.resolve("cut.tfrecord"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> ingest(List.of(cut))).isInstanceOf(IngestException.class)
        .hasMessageStartingWith(cut + ": record 0 at byte 0: truncated file");
    assertThat(TestLakes.listing(lake.root())).isEqualTo(before);
  }

  @Test
  void flippedCrcByteFailsTheIngest() throws Exception {
    byte[] bytes = Files.readAllBytes(TfRecords.sample());
    bytes[bytes.length - 3] ^= (byte) 0x80;
    Path bad = Files.write(dir.resolve("bad.tfrecord"), bytes);
    assertThatThrownBy(() -> ingest(List.of(bad))).isInstanceOf(IngestException.class)
        .hasMessageStartingWith(bad + ": record 0 at byte 0: checksum mismatch in the data CRC");
  }

  @Test
  void garbageRecordWithValidCrcIsNotAScenario() throws Exception {
    byte[] garbage = "hello, this is not a scenario".getBytes(StandardCharsets.US_ASCII);
    Path bad = Files.write(dir.resolve("garbage.tfrecord"), TfRecords.frame(garbage));
    assertThatThrownBy(() -> ingest(List.of(bad))).isInstanceOf(IngestException.class)
        .hasMessageStartingWith(bad + ": record 0 at byte 0: not a Waymo Open Motion Scenario protobuf");
  }

  @Test
  void wellFormedProtobufThatIsNotAScenarioIsRejected() throws Exception {
    // Well-formed protobuf (field 3, a 3-byte string) but with no field a Scenario declares.
    byte[] example = {0x1a, 0x03, 0x0a, 0x01, 0x41};
    Path bad = Files.write(dir.resolve("example.tfrecord"), TfRecords.frame(example));
    assertThatThrownBy(() -> ingest(List.of(bad))).isInstanceOf(IngestException.class)
        .hasMessage(bad + ": record 0 at byte 0, field scenario_id: missing; expected a Waymo Open Motion Scenario"
            + " record (the dataset's scenario/ files, not its tf_example/ files)");
  }

  @Test
  void trackWithTheWrongNumberOfStatesIsRejected() throws Exception {
    Scenario broken = scenario.toBuilder().setTracks(5, scenario.getTracks(5).toBuilder().removeStates(90)).build();
    Path bad = Files.write(dir.resolve("short.tfrecord"), TfRecords.frame(broken.toByteArray()));
    assertThatThrownBy(() -> ingest(List.of(bad))).isInstanceOf(IngestException.class)
        .hasMessage(bad + ": record 0 at byte 0 (scenario 637f20cafde22ff8), track 5 (id " + scenario.getTracks(5).getId()
            + "), field states: has 90 states; expected one per timestamp (91)");
  }

  @Test
  void objectStatesAtStepsWithoutAnSdcStateAreDroppedAndCounted() throws Exception {
    Track sdc = scenario.getTracks(82);
    Scenario gap = scenario.toBuilder()
        .setTracks(82, sdc.toBuilder().setStates(50, sdc.getStates(50).toBuilder().setValid(false))).build();
    long validAt50 = scenario.getTracksList().stream().filter(t -> t != sdc)
        .filter(t -> t.getStates(50).getValid()).count();
    Path file = Files.write(dir.resolve("gap.tfrecord"), TfRecords.frame(gap.toByteArray()));
    Lake lake = ingest(List.of(file));
    assertThat(validAt50).isEqualTo(50);
    assertThat(query(lake, "SELECT ego_frames, object_rows, json_extract_string(metadata, '$.object_states_without_sdc')"
        + " FROM logs")).containsExactly(List.of(90L, OBJECT_ROWS - validAt50, "50"));
  }

  @Test
  void sameScenarioTwiceIsRejectedWithBothLocations() throws Exception {
    byte[] record = Files.readAllBytes(TfRecords.sample());
    Path a = Files.write(dir.resolve("a.tfrecord"), record);
    Path b = Files.write(dir.resolve("b.tfrecord"), record);
    assertThatThrownBy(() -> ingest(List.of(a, b))).isInstanceOf(IngestException.class)
        .hasMessage(b + ": record 0 at byte 0: scenario 637f20cafde22ff8 appears twice; first seen in " + a
            + " record 0 at byte 0");
  }
}
