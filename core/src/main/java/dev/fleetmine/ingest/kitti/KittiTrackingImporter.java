package dev.fleetmine.ingest.kitti;

import dev.fleetmine.ingest.Category;
import dev.fleetmine.ingest.EgoSample;
import dev.fleetmine.ingest.Importer;
import dev.fleetmine.ingest.IngestException;
import dev.fleetmine.ingest.LogInfo;
import dev.fleetmine.ingest.LogSink;
import dev.fleetmine.ingest.ObjectSample;
import dev.fleetmine.ingest.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Imports KITTI tracking sequences: ground-truth tracks from {@code label_02/<seq>.txt} and, when present,
 * PointRCNN detections from {@code detections_pointrcnn/<Class>/<seq>.txt} into one log per sequence.
 *
 * <p>Boxes are converted from the rectified camera frame to the velodyne frame with the sequence's
 * {@code calib/<seq>.txt}. Without {@code oxts/<seq>.txt} the ego pose is unknown and objects stay in that
 * ego (velodyne) frame; with it, ego poses and objects are in a log-local Mercator frame. See
 * docs/formats/kitti.md.
 */
public final class KittiTrackingImporter implements Importer {
  /** KITTI tracking runs at 10 Hz. */
  static final long FRAME_NS = 100_000_000L;
  /** Model name of the detections, the {@code source} of their rows. */
  public static final String DETECTION_SOURCE = "pointrcnn";
  private static final List<String> DETECTION_FOLDERS = List.of("Car", "Pedestrian", "Cyclist");
  private static final String LABELS = "label_02";
  private static final int MAX_SEARCH_DEPTH = 4;

  /** One sequence to import: its dataset root and label file. */
  record Sequence(Path root, String name, Path labelFile) {
    String logId() {
      return "kitti-" + name;
    }
  }

  @Override
  public String format() {
    return "kitti";
  }

  @Override
  public String description() {
    return "KITTI tracking (label_02 + calib, optional oxts and PointRCNN detections): one log per sequence";
  }

  @Override
  public void read(List<Path> inputs, LogSink sink, Progress progress) {
    List<Sequence> sequences = findSequences(inputs);
    progress.start("kitti sequences", sequences.size());
    for (Sequence s : sequences) {
      readSequence(s, sink);
      progress.advance(1);
    }
    progress.finish();
  }

  /** The sequences named by the inputs: label files, label_02 folders, or folders above them. */
  static List<Sequence> findSequences(List<Path> inputs) {
    Map<Path, Sequence> byFile = new TreeMap<>();
    for (Path input : inputs) {
      Path in = input.toAbsolutePath().normalize();
      List<Path> labelFiles = labelFiles(in);
      for (Path f : labelFiles) {
        String name = f.getFileName().toString();
        byFile.put(f, new Sequence(f.getParent().getParent(), name.substring(0, name.length() - 4), f));
      }
    }
    Map<String, Sequence> byId = new TreeMap<>();
    for (Sequence s : byFile.values()) {
      Sequence other = byId.put(s.logId(), s);
      if (other != null) {
        throw new IngestException(s.labelFile(), "", "sequence " + s.name() + " is also in " + other.labelFile()
            + "; both would be log " + s.logId() + ", so ingest them separately");
      }
    }
    return List.copyOf(byId.values());
  }

  private static List<Path> labelFiles(Path in) {
    if (Files.isRegularFile(in)) {
      Path parent = in.getParent();
      if (!in.getFileName().toString().endsWith(".txt") || parent == null || parent.getFileName() == null
          || !parent.getFileName().toString().equals(LABELS)) {
        throw new IngestException(in, "", "expected a KITTI " + LABELS + "/<seq>.txt label file or a directory"
            + " containing " + LABELS + "/");
      }
      return List.of(in);
    }
    if (!Files.isDirectory(in)) {
      throw new IngestException(in, "", "does not exist; expected a KITTI tracking root, a " + LABELS
          + " directory or a label file");
    }
    List<Path> dirs;
    try (Stream<Path> walk = Files.walk(in, MAX_SEARCH_DEPTH)) {
      dirs = walk.filter(p -> Files.isDirectory(p) && p.getFileName() != null
          && p.getFileName().toString().equals(LABELS)).toList();
    } catch (IOException | UncheckedIOException e) {
      throw new IngestException(in, "", "cannot list directory: " + e.getMessage(), e);
    }
    List<Path> files = new ArrayList<>();
    for (Path dir : dirs) {
      try (Stream<Path> list = Files.list(dir)) {
        list.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".txt")).forEach(files::add);
      } catch (IOException e) {
        throw new IngestException(dir, "", "cannot list directory: " + e.getMessage(), e);
      }
    }
    if (files.isEmpty()) {
      throw new IngestException(in, "", "no KITTI label files found: expected " + LABELS + "/<seq>.txt in or below"
          + " this directory (searched " + MAX_SEARCH_DEPTH + " levels deep)");
    }
    return files;
  }

  /** Reads, converts and writes one sequence as one log. */
  void readSequence(Sequence s, LogSink sink) {
    List<KittiBox> labels = KittiBoxFiles.labels(s.labelFile());
    KittiCalib calib = KittiCalib.read(s.root().resolve("calib").resolve(s.name() + ".txt"), s.name());
    List<KittiBox> detections = new ArrayList<>();
    List<String> detectionFiles = new ArrayList<>();
    for (String cls : DETECTION_FOLDERS) {
      Path f = s.root().resolve("detections_pointrcnn").resolve(cls).resolve(s.name() + ".txt");
      if (Files.isRegularFile(f)) {
        detections.addAll(KittiBoxFiles.detections(f, cls));
        detectionFiles.add(s.root().relativize(f).toString());
      }
    }
    int maxFrame = Stream.concat(labels.stream(), detections.stream()).mapToInt(KittiBox::frame).max().orElse(0);
    Path oxtsFile = s.root().resolve("oxts").resolve(s.name() + ".txt");
    KittiOxts oxts = Files.exists(oxtsFile) ? KittiOxts.read(oxtsFile) : null;
    Frames frames = oxts == null ? Frames.egoOnly(calib) : Frames.world(calib, oxts, maxFrame, s.labelFile());
    sink.beginLog(logInfo(s, labels, detections, detectionFiles, oxts));
    int egoFrames = oxts == null ? maxFrame + 1 : oxts.frames();
    for (int f = 0; f < egoFrames; f++) {
      sink.ego(frames.ego(f));
    }
    for (KittiBox b : labels) {
      if (!b.isDontCare()) {
        sink.object(frames.object(b, ObjectSample.GROUND_TRUTH, Integer.toString(b.trackId())));
      }
    }
    for (KittiBox b : detections) {
      sink.object(frames.object(b, DETECTION_SOURCE, null));
    }
    sink.endLog();
  }

  /** The log's identity, frame and metadata (row counts, what the frame and score mean). */
  private LogInfo logInfo(Sequence s, List<KittiBox> labels, List<KittiBox> detections, List<String> detectionFiles,
      KittiOxts oxts) {
    long dontCare = labels.stream().filter(KittiBox::isDontCare).count();
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("sequence", s.name());
    meta.put("dont_care_rows", Long.toString(dontCare));
    meta.put("gt_rows", Long.toString(labels.size() - dontCare));
    meta.put("pointrcnn_rows", Long.toString(detections.size()));
    meta.put("pointrcnn_files", String.join(",", detectionFiles));
    meta.put("pointrcnn_score", "PointRCNN confidence as AB3DMOT ships it: an unbounded logit, not a probability");
    meta.put("ego_frame", "velodyne (x forward, y left, z up, origin at the lidar about 1.73 m above ground)");
    LogInfo info = LogInfo.of(s.logId(), format(), null);
    if (oxts == null) {
      info = info.withoutEgoPose();
    } else {
      info = info.withOrigin("kitti-mercator", oxts.originX(), oxts.originY(), oxts.originZ());
      meta.put("mercator_scale", Double.toString(oxts.scale()));
      meta.put("origin_lat_deg", Double.toString(oxts.lat0()));
      meta.put("origin_lon_deg", Double.toString(oxts.lon0()));
    }
    return info.withMetadata(meta);
  }

  /**
   * Maps a frame's boxes to the log's frame: {@code toLog(f)} takes velodyne coordinates at frame f to
   * the log-local frame (identity when the ego pose is unknown).
   */
  private record Frames(KittiCalib calib, KittiOxts oxts) {
    static Frames egoOnly(KittiCalib calib) {
      return new Frames(calib, null);
    }

    static Frames world(KittiCalib calib, KittiOxts oxts, int maxFrame, Path labelFile) {
      calib.requireImuFromVelo();
      if (maxFrame >= oxts.frames()) {
        throw new IngestException(oxts.file(), "line " + (maxFrame + 1), "missing: boxes go up to frame " + maxFrame
            + " (" + labelFile.getFileName() + " or its detections) but the oxts file has only " + oxts.frames()
            + " lines, one per frame");
      }
      return new Frames(calib, oxts);
    }

    EgoSample ego(int frame) {
      long ts = frame * FRAME_NS;
      if (oxts == null) {
        return new EgoSample(ts, 0, 0, 0, 0, Double.NaN);
      }
      double[] p = oxts.poses().get(frame).apply(0, 0, 0);
      return new EgoSample(ts, p[0], p[1], p[2], oxts.yaws()[frame], oxts.speeds()[frame]);
    }

    ObjectSample object(KittiBox b, String source, String trackId) {
      // KITTI gives the bottom centre and camera y points down, so the centre is h/2 "up" (-y).
      double[] c = calib.veloFromCam().apply(b.x(), b.y() - b.height() / 2, b.z());
      // The heading is the box's x axis rotated by rotation_y about camera y: (cos ry, 0, -sin ry).
      double[] d = calib.veloFromCam().applyLinear(Math.cos(b.rotationY()), 0, -Math.sin(b.rotationY()));
      if (oxts != null) {
        Affine3 logFromVelo = oxts.poses().get(b.frame()).compose(calib.imuFromVelo());
        c = logFromVelo.apply(c[0], c[1], c[2]);
        d = logFromVelo.applyLinear(d[0], d[1], d[2]);
      }
      double yaw = Math.atan2(d[1], d[0]);
      return new ObjectSample(b.frame() * FRAME_NS, source, trackId, Category.fromKitti(b.type()), b.type(),
          c[0], c[1], c[2], b.length(), b.width(), b.height(), yaw, Double.NaN, Double.NaN, b.score());
    }
  }
}
