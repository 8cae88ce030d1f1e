package dev.fleetmine.ingest.waymo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetmine.ingest.Category;
import dev.fleetmine.ingest.EgoSample;
import dev.fleetmine.ingest.EventSample;
import dev.fleetmine.ingest.IngestException;
import dev.fleetmine.ingest.LogInfo;
import dev.fleetmine.ingest.LogSink;
import dev.fleetmine.ingest.ObjectSample;
import dev.fleetmine.ingest.waymo.proto.DynamicMapState;
import dev.fleetmine.ingest.waymo.proto.ObjectState;
import dev.fleetmine.ingest.waymo.proto.RequiredPrediction;
import dev.fleetmine.ingest.waymo.proto.Scenario;
import dev.fleetmine.ingest.waymo.proto.Track;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes one validated Waymo {@link Scenario} as one log: the SDC track becomes the ego, every other
 * track's valid states become ground-truth objects, the prediction lists become events and the static
 * map becomes a JSON map file.
 *
 * <p>Object states at a step where the SDC state is invalid are dropped (the lake needs an ego row at
 * every object timestamp) and counted in the metadata key {@code object_states_without_sdc}.
 */
final class ScenarioLog {
  static final String SOURCE = "waymo";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Scenario s;
  private final Path file;
  private final TfRecord record;
  private final long[] tsNs;
  private final Track sdc;
  private final double[] origin;

  private ScenarioLog(Scenario s, Path file, TfRecord record) {
    this.s = s;
    this.file = file;
    this.record = record;
    ScenarioValidator.validate(s, file, record);
    this.tsNs = s.getTimestampsSecondsList().stream().mapToLong(t -> Math.round(t * 1e9)).toArray();
    this.sdc = s.getTracks(s.getSdcTrackIndex());
    ObjectState first = sdc.getStatesList().stream().filter(ObjectState::getValid).findFirst().orElseThrow();
    this.origin = new double[] {first.getCenterX(), first.getCenterY(), first.getCenterZ()};
  }

  /** The lake log id of a scenario. */
  static String logId(Scenario s) {
    return "waymo-" + s.getScenarioId();
  }

  /**
   * Validates {@code s} (read from {@code record} of {@code file}) and writes it to {@code sink}.
   *
   * @return the number of object rows written
   */
  static long write(Scenario s, Path file, TfRecord record, LogSink sink) {
    return new ScenarioLog(s, file, record).write(sink);
  }

  private long write(LogSink sink) {
    Path map = null;
    try {
      map = Files.createTempFile("fleetmine-waymo-map-", ".json");
      WaymoMap.write(s, origin, map);
      long dropped = droppedObjectStates();
      sink.beginLog(logInfo(map, dropped));
      writeEgo(sink);
      long rows = writeObjects(sink);
      writeEvents(sink);
      sink.endLog();
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the map of " + logId(s) + " to a temporary file", e);
    } finally {
      deleteQuietly(map);
    }
  }

  private LogInfo logInfo(Path map, long dropped) {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("scenario_id", s.getScenarioId());
    meta.put("source_file", file.getFileName().toString());
    meta.put("record_index", Long.toString(record.index()));
    meta.put("current_time_index", Integer.toString(s.getCurrentTimeIndex()));
    meta.put("steps", Integer.toString(s.getTimestampsSecondsCount()));
    meta.put("tracks", Integer.toString(s.getTracksCount()));
    meta.put("sdc_track_index", Integer.toString(s.getSdcTrackIndex()));
    meta.put("sdc_track_id", Integer.toString(sdc.getId()));
    meta.put("object_states_without_sdc", Long.toString(dropped));
    meta.put("map_features", Integer.toString(s.getMapFeaturesCount()));
    WaymoMap.counts(s).forEach((kind, n) -> meta.put("map_" + kind, Integer.toString(n)));
    meta.put("traffic_signal_states", Long.toString(
        s.getDynamicMapStatesList().stream().mapToLong(DynamicMapState::getLaneStatesCount).sum()));
    return LogInfo.of(logId(s), SOURCE, null).withOrigin("waymo", origin[0], origin[1], origin[2])
        .withMap(map).withMetadata(meta);
  }

  private void writeEgo(LogSink sink) {
    for (int step = 0; step < tsNs.length; step++) {
      ObjectState st = sdc.getStates(step);
      if (st.getValid()) {
        sink.ego(new EgoSample(tsNs[step], st.getCenterX() - origin[0], st.getCenterY() - origin[1],
            st.getCenterZ() - origin[2], st.getHeading(), Math.hypot(st.getVelocityX(), st.getVelocityY())));
      }
    }
  }

  private long writeObjects(LogSink sink) {
    long rows = 0;
    for (int t = 0; t < s.getTracksCount(); t++) {
      if (t == s.getSdcTrackIndex()) {
        continue;
      }
      Track track = s.getTracks(t);
      String id = Integer.toString(track.getId());
      Category category = Category.fromWaymo(track.getObjectType().getNumber());
      String label = track.getObjectType().name();
      for (int step = 0; step < tsNs.length; step++) {
        ObjectState st = track.getStates(step);
        if (st.getValid() && sdc.getStates(step).getValid()) {
          sink.object(new ObjectSample(tsNs[step], ObjectSample.GROUND_TRUTH, id, category, label,
              st.getCenterX() - origin[0], st.getCenterY() - origin[1], st.getCenterZ() - origin[2],
              st.getLength(), st.getWidth(), st.getHeight(), st.getHeading(),
              st.getVelocityX(), st.getVelocityY(), Double.NaN));
          rows++;
        }
      }
    }
    return rows;
  }

  private long droppedObjectStates() {
    long dropped = 0;
    for (int t = 0; t < s.getTracksCount(); t++) {
      if (t == s.getSdcTrackIndex()) {
        continue;
      }
      for (int step = 0; step < tsNs.length; step++) {
        if (s.getTracks(t).getStates(step).getValid() && !sdc.getStates(step).getValid()) {
          dropped++;
        }
      }
    }
    return dropped;
  }

  private void writeEvents(LogSink sink) {
    long now = tsNs[s.getCurrentTimeIndex()];
    if (s.getTracksToPredictCount() > 0) {
      List<String> ids = new ArrayList<>();
      List<Integer> indices = new ArrayList<>();
      List<String> difficulty = new ArrayList<>();
      for (RequiredPrediction p : s.getTracksToPredictList()) {
        ids.add(Integer.toString(s.getTracks(p.getTrackIndex()).getId()));
        indices.add(p.getTrackIndex());
        difficulty.add(p.getDifficulty().name());
      }
      sink.event(new EventSample(now, now, "tracks_to_predict", SOURCE, ids, json(Map.of(
          "current_time_index", s.getCurrentTimeIndex(), "track_indices", indices, "difficulty", difficulty))));
    }
    if (s.getObjectsOfInterestCount() > 0) {
      List<String> ids = s.getObjectsOfInterestList().stream().map(String::valueOf).toList();
      sink.event(new EventSample(now, now, "objects_of_interest", SOURCE, ids,
          json(Map.of("current_time_index", s.getCurrentTimeIndex()))));
    }
  }

  private static String json(Map<String, Object> detail) {
    try {
      return JSON.writeValueAsString(new TreeMap<>(detail));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteQuietly(Path p) {
    if (p == null) {
      return;
    }
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // a leftover temp file in the system temp directory is harmless
    }
  }
}
