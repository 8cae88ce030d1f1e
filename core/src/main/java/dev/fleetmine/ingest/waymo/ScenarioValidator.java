package dev.fleetmine.ingest.waymo;

import dev.fleetmine.ingest.IngestException;
import dev.fleetmine.ingest.waymo.proto.ObjectState;
import dev.fleetmine.ingest.waymo.proto.RequiredPrediction;
import dev.fleetmine.ingest.waymo.proto.Scenario;
import dev.fleetmine.ingest.waymo.proto.Track;
import java.nio.file.Path;

/**
 * Checks that a parsed {@link Scenario} is one the importer can turn into a log, so that bytes which
 * happen to parse as protobuf (proto2 has no required fields) are still rejected with a precise message.
 */
final class ScenarioValidator {
  private ScenarioValidator() {}

  /** Throws {@link IngestException} naming {@code record} and the field at the first problem found. */
  static void validate(Scenario s, Path file, TfRecord record) {
    String where = record.where();
    if (!s.hasScenarioId() || s.getScenarioId().isBlank()) {
      throw new IngestException(file, where + ", field scenario_id", "missing; expected a Waymo Open Motion"
          + " Scenario record (the dataset's scenario/ files, not its tf_example/ files)");
    }
    where = where + " (scenario " + s.getScenarioId() + ")";
    int steps = s.getTimestampsSecondsCount();
    if (steps == 0) {
      throw new IngestException(file, where + ", field timestamps_seconds", "empty; expected one timestamp per step");
    }
    checkTimestamps(s, file, where);
    if (!s.hasSdcTrackIndex() || s.getSdcTrackIndex() < 0 || s.getSdcTrackIndex() >= s.getTracksCount()) {
      throw new IngestException(file, where + ", field sdc_track_index", "value " + s.getSdcTrackIndex()
          + " is not an index into the " + s.getTracksCount() + " tracks");
    }
    if (s.getCurrentTimeIndex() < 0 || s.getCurrentTimeIndex() >= steps) {
      throw new IngestException(file, where + ", field current_time_index", "value " + s.getCurrentTimeIndex()
          + " is not an index into the " + steps + " timestamps");
    }
    for (int t = 0; t < s.getTracksCount(); t++) {
      checkTrack(s.getTracks(t), t, steps, file, where);
    }
    if (s.getTracks(s.getSdcTrackIndex()).getStatesList().stream().noneMatch(ObjectState::getValid)) {
      throw new IngestException(file, where + ", track " + s.getSdcTrackIndex() + " (the SDC)",
          "has no valid state; expected the self-driving car to be valid at one step at least");
    }
    for (int i = 0; i < s.getTracksToPredictCount(); i++) {
      RequiredPrediction p = s.getTracksToPredict(i);
      if (p.getTrackIndex() < 0 || p.getTrackIndex() >= s.getTracksCount()) {
        throw new IngestException(file, where + ", field tracks_to_predict[" + i + "].track_index", "value "
            + p.getTrackIndex() + " is not an index into the " + s.getTracksCount() + " tracks");
      }
    }
  }

  private static void checkTimestamps(Scenario s, Path file, String where) {
    for (int i = 0; i < s.getTimestampsSecondsCount(); i++) {
      double t = s.getTimestampsSeconds(i);
      if (!Double.isFinite(t) || (i > 0 && t <= s.getTimestampsSeconds(i - 1))) {
        throw new IngestException(file, where + ", field timestamps_seconds[" + i + "]", "value " + t
            + " is not a finite time after the previous step; expected strictly increasing seconds");
      }
    }
  }

  private static void checkTrack(Track track, int index, int steps, Path file, String where) {
    String at = where + ", track " + index + " (id " + track.getId() + ")";
    if (track.getStatesCount() != steps) {
      throw new IngestException(file, at + ", field states", "has " + track.getStatesCount()
          + " states; expected one per timestamp (" + steps + ")");
    }
    for (int step = 0; step < steps; step++) {
      ObjectState st = track.getStates(step);
      if (st.getValid() && !(Double.isFinite(st.getCenterX()) && Double.isFinite(st.getCenterY())
          && Double.isFinite(st.getCenterZ()) && Float.isFinite(st.getHeading()))) {
        throw new IngestException(file, at + ", states[" + step + "]", "valid state with a non-finite"
            + " center or heading; expected finite metres and radians");
      }
    }
  }
}
