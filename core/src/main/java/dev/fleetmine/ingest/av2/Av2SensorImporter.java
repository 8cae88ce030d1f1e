package dev.fleetmine.ingest.av2;

import static dev.fleetmine.ingest.av2.FeatherTable.Kind.FLOAT;
import static dev.fleetmine.ingest.av2.FeatherTable.Kind.INT64;
import static dev.fleetmine.ingest.av2.FeatherTable.Kind.STRING;

import dev.fleetmine.ingest.Category;
import dev.fleetmine.ingest.EgoSample;
import dev.fleetmine.ingest.Importer;
import dev.fleetmine.ingest.IngestException;
import dev.fleetmine.ingest.LogInfo;
import dev.fleetmine.ingest.LogSink;
import dev.fleetmine.ingest.ObjectSample;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.ingest.av2.FeatherTable.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Imports Argoverse 2 sensor-dataset logs ({@code av2}): 3D cuboid annotations with tracks, ego poses
 * interpolated to every annotated or swept timestamp, and the log's vector map. See docs/formats/av2.md.
 *
 * <p>{@code EGO_VEHICLE} rows of the annotations (scenario-mining logs) are never objects: dropped when
 * the pose file is there, else the ego track ({@link EgoRows}); {@code logs.metadata} counts them as
 * {@code ego_rows_dropped} and {@code ego_rows_used}.
 *
 * <p>Positions are city-frame metres minus the log-local origin, the city position of the first ego
 * sample, so {@code city = local + origin}.
 */
public final class Av2SensorImporter implements Importer {
  static final String POSES = "city_SE3_egovehicle.feather";
  static final String ANNOTATIONS = "annotations.feather";
  static final List<Spec> ANNOTATION_COLUMNS = List.of(new Spec("timestamp_ns", INT64),
      new Spec("track_uuid", STRING), new Spec("category", STRING),
      new Spec("length_m", FLOAT), new Spec("width_m", FLOAT), new Spec("height_m", FLOAT),
      new Spec("qw", FLOAT), new Spec("qx", FLOAT), new Spec("qy", FLOAT), new Spec("qz", FLOAT),
      new Spec("tx_m", FLOAT), new Spec("ty_m", FLOAT), new Spec("tz_m", FLOAT));
  /** log_map_archive_{log id}____{CITY}_city_{map id}.json */
  private static final Pattern MAP_NAME = Pattern.compile("log_map_archive_.*____([A-Z]+)_city_(\\d+)\\.json");

  @Override
  public String format() {
    return "av2";
  }

  @Override
  public String description() {
    return "Argoverse 2 sensor logs: 3D cuboid tracks, ego poses and vector map (log directories or their parent)";
  }

  @Override
  public void read(List<Path> inputs, LogSink sink, Progress progress) {
    List<Path> logs = new ArrayList<>();
    for (Path input : inputs) {
      logs.addAll(findLogs(input));
    }
    progress.start("av2 logs", logs.size());
    for (Path dir : logs) {
      readLog(dir, sink);
      progress.advance(1);
    }
    progress.finish();
  }

  /** The log directories at or directly under {@code input}, in name order. */
  static List<Path> findLogs(Path input) {
    if (!Files.isDirectory(input)) {
      throw new IngestException(input, "", Files.exists(input) ? "is a file; expected an Argoverse 2 log directory"
          + " (holding " + POSES + ") or a folder of them" : "does not exist");
    }
    if (isLog(input)) {
      return List.of(input);
    }
    try (Stream<Path> children = Files.list(input)) {
      List<Path> logs = children.filter(Files::isDirectory).filter(Av2SensorImporter::isLog).sorted().toList();
      if (logs.isEmpty()) {
        throw new IngestException(input, "", "holds no Argoverse 2 log; expected a directory with " + POSES
            + " or " + ANNOTATIONS + ", or a folder of such directories");
      }
      return logs;
    } catch (IOException e) {
      throw new IngestException(input, "", "cannot list the directory: " + e.getMessage(), e);
    }
  }

  private static boolean isLog(Path dir) {
    return Files.isRegularFile(dir.resolve(POSES)) || Files.isRegularFile(dir.resolve(ANNOTATIONS));
  }

  /** Reads one log directory into the sink. */
  void readLog(Path dir, LogSink sink) {
    Path poseFile = dir.resolve(POSES);
    Path annotationFile = dir.resolve(ANNOTATIONS);
    // the test split ships without annotations: such a log is ego-only
    FeatherTable boxes = Files.exists(annotationFile) ? FeatherTable.read(annotationFile, ANNOTATION_COLUMNS) : null;
    Se3[] boxPoses = boxes == null ? new Se3[0] : PoseTrack.poses(boxes);
    EgoRows egoRows = boxes == null ? EgoRows.none() : EgoRows.of(boxes, boxPoses);
    TreeSet<Long> timestamps = new TreeSet<>(sweepTimestamps(dir));
    if (boxes != null) {
      for (long ts : boxes.longs("timestamp_ns")) {
        timestamps.add(ts);
      }
    }
    if (timestamps.isEmpty()) {
      throw new IngestException(dir, "", "has neither annotations nor lidar sweeps; expected timestamps for the ego");
    }
    LogInfo info = logInfo(dir);
    Map<String, String> meta = new TreeMap<>(info.metadata());
    EgoPoses poses;
    if (Files.isRegularFile(poseFile)) {
      poses = PoseTrack.read(poseFile)::at;
      meta.put("ego_rows_dropped", Integer.toString(egoRows.count()));
      meta.put("ego_rows_used", "0");
    } else if (egoRows.count() > 0) {
      // rows at the ego origin (RefAV's form) carry no motion: the log stays in the ego frame
      boolean egoFrame = egoRows.atOrigin();
      poses = egoFrame ? (ts, usedBy) -> Se3.IDENTITY : egoRows.track()::at;
      info = egoFrame ? info.withoutEgoPose() : info;
      meta.put("ego_rows_dropped", "0");
      meta.put("ego_rows_used", Integer.toString(egoRows.count()));
    } else {
      throw new IngestException(poseFile, "", "is missing, and " + ANNOTATIONS + " has no " + EgoRows.CATEGORY + " rows;"
          + " every Argoverse 2 log needs its ego poses to place the ego-frame cuboids in the city frame");
    }
    TreeMap<Long, Se3> ego = new TreeMap<>();
    for (long ts : timestamps) {
      ego.put(ts, poses.at(ts, "an annotation or lidar sweep timestamp"));
    }
    Se3 origin = ego.firstEntry().getValue();
    sink.beginLog((info.egoPoseKnown() ? info.withOrigin("city", origin.tx(), origin.ty(), origin.tz()) : info)
        .withMetadata(meta));
    ego.forEach((ts, p) -> sink.ego(EgoSample.pose(ts, p.tx() - origin.tx(), p.ty() - origin.ty(),
        p.tz() - origin.tz(), p.yaw())));
    if (boxes != null) {
      writeObjects(boxes, boxPoses, egoRows, ego, origin, sink);
    }
    sink.endLog();
  }

  /** Where the ego is at a timestamp: the pose file, the annotations' ego rows, or the ego frame itself. */
  @FunctionalInterface
  private interface EgoPoses {
    Se3 at(long tsNs, String usedBy);
  }

  /** Places each ego-frame cuboid (not the ego's own rows) in the city frame with the ego pose at its timestamp. */
  private static void writeObjects(FeatherTable t, Se3[] boxes, EgoRows egoRows, Map<Long, Se3> ego, Se3 origin,
      LogSink sink) {
    long[] ts = t.longs("timestamp_ns");
    String[] track = t.strings("track_uuid");
    String[] label = t.strings("category");
    double[] l = t.doubles("length_m");
    double[] w = t.doubles("width_m");
    double[] h = t.doubles("height_m");
    for (int i = 0; i < t.rows(); i++) {
      if (egoRows.isEgo(i)) {
        continue;
      }
      if (l[i] < 0 || w[i] < 0 || h[i] < 0) {
        throw new IngestException(t.file(), "record " + i + " columns length_m,width_m,height_m", "are "
            + l[i] + ", " + w[i] + ", " + h[i] + "; expected non-negative box dimensions");
      }
      Se3 city = ego.get(ts[i]).compose(boxes[i]);
      sink.object(ObjectSample.groundTruth(ts[i], track[i], Category.fromArgoverse2(label[i]), label[i],
          city.tx() - origin.tx(), city.ty() - origin.ty(), city.tz() - origin.tz(), l[i], w[i], h[i], city.yaw()));
    }
  }

  /** Timestamps of the lidar sweeps, from file names {@code sensors/lidar/<timestamp_ns>.feather}. */
  static List<Long> sweepTimestamps(Path dir) {
    Path lidar = dir.resolve("sensors").resolve("lidar");
    if (!Files.isDirectory(lidar)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(lidar)) {
      List<Long> out = new ArrayList<>();
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".feather")).sorted().toList()) {
        String stem = f.getFileName().toString().replace(".feather", "");
        try {
          out.add(Long.parseLong(stem));
        } catch (NumberFormatException e) {
          throw new IngestException(f, "file name", "is not a timestamp; expected <timestamp_ns>.feather");
        }
      }
      return out;
    } catch (IOException e) {
      throw new IngestException(lidar, "", "cannot list the directory: " + e.getMessage(), e);
    }
  }

  /** Log id, city and map from the directory; the map is optional, the city comes from its name. */
  private static LogInfo logInfo(Path dir) {
    String logId = dir.getFileName().toString();
    Path mapDir = dir.resolve("map");
    List<Path> maps = List.of();
    if (Files.isDirectory(mapDir)) {
      try (Stream<Path> files = Files.list(mapDir)) {
        maps = files.filter(p -> p.getFileName().toString().startsWith("log_map_archive_")
            && p.getFileName().toString().endsWith(".json")).sorted().toList();
      } catch (IOException e) {
        throw new IngestException(mapDir, "", "cannot list the directory: " + e.getMessage(), e);
      }
    }
    if (maps.size() > 1) {
      throw new IngestException(mapDir, "", "holds " + maps.size() + " log_map_archive_*.json files; expected one");
    }
    LogInfo info = LogInfo.of(logId, "av2", null);
    if (maps.isEmpty()) {
      return info;
    }
    Matcher m = MAP_NAME.matcher(maps.get(0).getFileName().toString());
    if (!m.matches()) {
      throw new IngestException(maps.get(0), "file name", "has no city code; expected"
          + " log_map_archive_<log id>____<CITY>_city_<map id>.json");
    }
    return new LogInfo(logId, "av2", null, m.group(1), "city", 0, 0, 0, true, maps.get(0),
        Map.of("city_map_id", m.group(2)));
  }
}
