package dev.fleetmine.ingest.av2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetmine.ingest.Category;
import dev.fleetmine.ingest.EgoSample;
import dev.fleetmine.ingest.EventSample;
import dev.fleetmine.ingest.Importer;
import dev.fleetmine.ingest.IngestException;
import dev.fleetmine.ingest.LogInfo;
import dev.fleetmine.ingest.LogSink;
import dev.fleetmine.ingest.ObjectSample;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.ingest.av2.MotionScenario.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Imports Argoverse 2 motion-forecasting scenarios ({@code av2-motion}): 11 s of 2D tracks at 10 Hz in
 * the city frame, the ego being the track {@code AV}. See docs/formats/av2.md.
 *
 * <p>The log id is the scenario id verbatim (as in the file name and the AV2 API), so lake rows join
 * to AV2 tools and submissions keyed by scenario. The data has no box sizes and no heights: boxes get
 * nominal sizes per object type ({@link #NOMINAL_SIZES}) and sit on a flat ground at z = 0.
 */
public final class Av2MotionImporter implements Importer {
  /** The source of the events this importer writes. */
  public static final String SOURCE = "av2-motion";
  /** The ego's track id. */
  static final String AV = "AV";

  /** A box size assumed for an object type, metres. */
  record NominalSize(double length, double width, double height) {}

  /**
   * Sizes per object_type. Vehicle and cyclist footprints are the ones the AV2 API draws
   * (motion_forecasting/viz/scenario_visualization.py: vehicle 4.0 x 2.0, cyclist 2.0 x 0.7); the rest,
   * and all heights, are typical values chosen here. They are placeholders, never measurements.
   */
  static final Map<String, NominalSize> NOMINAL_SIZES = Map.of(
      "vehicle", new NominalSize(4.0, 2.0, 1.6),
      "bus", new NominalSize(12.0, 2.6, 3.2),
      "pedestrian", new NominalSize(0.5, 0.5, 1.7),
      "cyclist", new NominalSize(2.0, 0.7, 1.7),
      "motorcyclist", new NominalSize(2.0, 0.7, 1.6),
      "riderless_bicycle", new NominalSize(1.8, 0.6, 1.1),
      "static", new NominalSize(1.0, 1.0, 1.0),
      "background", new NominalSize(1.0, 1.0, 1.0),
      "construction", new NominalSize(0.5, 0.5, 1.0),
      "unknown", new NominalSize(1.0, 1.0, 1.0));
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] CATEGORY_NAMES = {"track_fragment", "unscored_track", "scored_track", "focal_track"};

  @Override
  public String format() {
    return "av2-motion";
  }

  @Override
  public String description() {
    return "Argoverse 2 motion-forecasting scenarios: 10 Hz 2D tracks, focal track, map (scenario directories or their parent)";
  }

  @Override
  public void read(List<Path> inputs, LogSink sink, Progress progress) {
    List<Path> files = new ArrayList<>();
    for (Path input : inputs) {
      files.addAll(findScenarios(input));
    }
    progress.start("av2-motion scenarios", files.size());
    for (Path file : files) {
      write(MotionScenario.read(file), sink);
      progress.advance(1);
    }
    progress.finish();
  }

  /** The scenario files at {@code input}: the file itself, in the directory, or one level below. */
  static List<Path> findScenarios(Path input) {
    if (Files.isRegularFile(input)) {
      return List.of(input);
    }
    if (!Files.isDirectory(input)) {
      throw new IngestException(input, "", "does not exist");
    }
    List<Path> here = scenarioFiles(input);
    if (!here.isEmpty()) {
      return here;
    }
    List<Path> below = new ArrayList<>();
    try (Stream<Path> children = Files.list(input)) {
      for (Path child : children.filter(Files::isDirectory).sorted().toList()) {
        below.addAll(scenarioFiles(child));
      }
    } catch (IOException e) {
      throw new IngestException(input, "", "cannot list the directory: " + e.getMessage(), e);
    }
    if (below.isEmpty()) {
      throw new IngestException(input, "", "holds no scenario_*.parquet; expected a scenario directory or a folder of them");
    }
    return below;
  }

  private static List<Path> scenarioFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().startsWith("scenario_")
          && p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    } catch (IOException e) {
      throw new IngestException(dir, "", "cannot list the directory: " + e.getMessage(), e);
    }
  }

  /** Writes one scenario as a log: the AV track as ego, every other track as ground-truth objects. */
  void write(MotionScenario s, LogSink sink) {
    Map<Integer, State> ego = egoStates(s);
    State first = ego.values().iterator().next();
    double ox = first.x();
    double oy = first.y();
    Set<String> tracks = checkObjects(s, ego);
    sink.beginLog(logInfo(s).withOrigin("city", ox, oy, 0));
    ego.forEach((step, e) -> sink.ego(new EgoSample(s.timestampNs(step), e.x() - ox, e.y() - oy, 0, e.heading(),
        Math.hypot(e.vx(), e.vy()))));
    for (State o : s.states()) {
      if (!o.trackId().equals(AV)) {
        NominalSize size = NOMINAL_SIZES.getOrDefault(o.objectType(), NOMINAL_SIZES.get("unknown"));
        sink.object(new ObjectSample(s.timestampNs(o.timestep()), ObjectSample.GROUND_TRUTH, o.trackId(),
            Category.fromArgoverse2Motion(o.objectType()), o.objectType(), o.x() - ox, o.y() - oy, size.height() / 2,
            size.length(), size.width(), size.height(), o.heading(), o.vx(), o.vy(), Double.NaN));
      }
    }
    writeEvents(s, tracks, sink);
    sink.endLog();
  }

  /** The AV's states by timestep; every scenario must have them. */
  private static Map<Integer, State> egoStates(MotionScenario s) {
    TreeMap<Integer, State> ego = new TreeMap<>();
    for (State st : s.states()) {
      if (st.trackId().equals(AV) && ego.put(st.timestep(), st) != null) {
        throw new IngestException(s.file(), "record " + st.record() + " (track_id AV, timestep " + st.timestep() + ")",
            "repeats a timestep; expected one state per track and timestep");
      }
    }
    if (ego.isEmpty()) {
      throw new IngestException(s.file(), "track_id AV", "is missing; expected the ego's track 'AV'");
    }
    return ego;
  }

  /** Checks that each object state is unique and has an ego state at its timestep; returns the track ids. */
  private static Set<String> checkObjects(MotionScenario s, Map<Integer, State> ego) {
    Set<String> seen = new HashSet<>();
    Set<String> tracks = new TreeSet<>();
    for (State o : s.states()) {
      if (o.trackId().equals(AV)) {
        continue;
      }
      String where = "record " + o.record() + " (track_id " + o.trackId() + ", timestep " + o.timestep() + ")";
      if (!seen.add(o.trackId() + "\u001f" + o.timestep())) {
        throw new IngestException(s.file(), where, "repeats a timestep; expected one state per track and timestep");
      }
      if (!ego.containsKey(o.timestep())) {
        throw new IngestException(s.file(), where, "has no AV (ego) state at this timestep; expected the AV"
            + " track to cover every timestep with objects");
      }
      tracks.add(o.trackId());
    }
    if (!tracks.contains(s.focalTrackId())) {
      throw new IngestException(s.file(), "column focal_track_id", "names track " + s.focalTrackId()
          + ", which has no states; expected one of the scenario's tracks");
    }
    return tracks;
  }

  /** focal_track, track_category (one per category present) and observed_window events. */
  private static void writeEvents(MotionScenario s, Set<String> tracks, LogSink sink) {
    int lastStep = s.states().stream().mapToInt(State::timestep).max().orElseThrow();
    long start = s.timestampNs(0);
    long end = s.timestampNs(lastStep);
    Map<Integer, List<String>> byCategory = new TreeMap<>();
    Map<String, String> typeOf = new HashMap<>();
    for (State o : s.states()) {
      if (!o.trackId().equals(AV) && typeOf.put(o.trackId(), o.objectType()) == null) {
        byCategory.computeIfAbsent(o.category(), c -> new ArrayList<>()).add(o.trackId());
      }
    }
    sink.event(new EventSample(start, end, "focal_track", SOURCE, List.of(s.focalTrackId()),
        detail("scenario_id", s.scenarioId(), "object_type", typeOf.get(s.focalTrackId()))));
    byCategory.forEach((category, ids) -> sink.event(new EventSample(start, end, "track_category", SOURCE,
        ids.stream().sorted().toList(), detail("object_category", category, "name", CATEGORY_NAMES[category]))));
    int lastObserved = s.states().stream().filter(State::observed).mapToInt(State::timestep).max().orElse(-1);
    if (lastObserved >= 0) {
      sink.event(new EventSample(start, s.timestampNs(lastObserved), "observed_window", SOURCE, List.of(),
          detail("observed_steps", lastObserved + 1, "num_timestamps", s.numTimestamps())));
    }
  }

  private static LogInfo logInfo(MotionScenario s) {
    Map<String, String> meta = new HashMap<>();
    meta.put("scenario_id", s.scenarioId());
    meta.put("focal_track_id", s.focalTrackId());
    meta.put("num_timestamps", Integer.toString(s.numTimestamps()));
    meta.put("box_sizes", "nominal per object_type; the source has no sizes (docs/formats/av2.md)");
    if (s.mapId() != null) {
      meta.put("map_id", s.mapId());
    }
    if (s.sliceId() != null) {
      meta.put("slice_id", s.sliceId());
    }
    Path map = s.file().resolveSibling("log_map_archive_" + s.scenarioId() + ".json");
    return new LogInfo(s.scenarioId(), "av2-motion", null, s.city(), "city", 0, 0, 0, true,
        Files.isRegularFile(map) ? map : null, meta);
  }

  /** A JSON object of the given fields, in order. */
  private static String detail(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
