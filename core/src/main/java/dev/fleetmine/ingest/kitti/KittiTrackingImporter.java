package dev.fleetmine.ingest.kitti;

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
  /** Model name of the detections, the {@code source} of their rows. */
  public static final String DETECTION_SOURCE = "pointrcnn";
  /** The folder of the PointRCNN detections in a KITTI tracking root. */
  static final String DETECTIONS = "detections_pointrcnn";
  private static final String LABELS = "label_02";
  private static final int MAX_SEARCH_DEPTH = 4;

  /** One sequence to import: its dataset root and label file. */
  record Sequence(Path root, String name, Path labelFile) {
    String logId() {
      return KittiDetectionReader.logId(name);
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
    List<Path> found = KittiDetectionReader.files(s.root().resolve(DETECTIONS), s.name());
    List<KittiBox> detections = KittiDetectionReader.boxes(found);
    List<String> detectionFiles = found.stream().map(f -> s.root().relativize(f).toString()).toList();
    int maxFrame = Stream.concat(labels.stream(), detections.stream()).mapToInt(KittiBox::frame).max().orElse(0);
    KittiOxts oxts = KittiOxts.readIfPresent(s.root().resolve("oxts").resolve(s.name() + ".txt"));
    KittiFrames frames = oxts == null ? KittiFrames.egoOnly(calib)
        : KittiFrames.world(calib, oxts, maxFrame, s.labelFile().getFileName() + " or its detections");
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
}
