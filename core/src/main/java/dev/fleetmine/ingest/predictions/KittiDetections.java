package dev.fleetmine.ingest.predictions;

import dev.fleetmine.ingest.IngestException;
import dev.fleetmine.ingest.ObjectSample;
import dev.fleetmine.ingest.kitti.KittiDetectionReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A model's 3D boxes in AB3DMOT's KITTI layout: {@code <dir>/{Car,Pedestrian,Cyclist}/<seq>.txt}, 15
 * comma-separated fields per line (docs/formats/kitti.md), one log {@code kitti-<seq>} per sequence,
 * converted to the lake's frame by {@link KittiDetectionReader} exactly as the KITTI importer converts
 * {@code detections_pointrcnn/}.
 */
public final class KittiDetections {
  private KittiDetections() {}

  /**
   * Reads every sequence under the inputs: detection directories (holding the class folders) or single
   * {@code <Class>/<seq>.txt} files.
   *
   * @param calibDir the folder of the sequences' {@code <seq>.txt} calibration files, or null for
   *                 {@code calib/} beside each detection directory (the KITTI tracking root's layout)
   * @return log id to the model's boxes in that log, sorted by log id
   */
  public static Map<String, List<ObjectSample>> read(List<Path> inputs, String model, Path calibDir) {
    Map<String, Sequence> sequences = new TreeMap<>();
    for (Path input : inputs) {
      Path in = input.toAbsolutePath().normalize();
      if (Files.isDirectory(in)) {
        List<String> names = KittiDetectionReader.sequences(in);
        if (names.isEmpty()) {
          throw new IngestException(in, "", "no detection files: expected " + String.join("/, ",
              KittiDetectionReader.CLASS_FOLDERS) + "/ folders holding <seq>.txt files");
        }
        for (String name : names) {
          KittiDetectionReader.files(in, name).forEach(f -> add(sequences, in, name, f));
        }
      } else {
        add(sequences, detectionDir(in), sequenceOf(in), in);
      }
    }
    Map<String, List<ObjectSample>> out = new TreeMap<>();
    for (Sequence s : sequences.values()) {
      Path calib = calibDir != null ? calibDir : s.dir().resolveSibling("calib");
      out.put(KittiDetectionReader.logId(s.name()), KittiDetectionReader.read(s.files(), s.name(), calib, model));
    }
    return out;
  }

  /** One sequence's detection files, all in one detection directory. */
  private record Sequence(Path dir, String name, List<Path> files) {}

  private static void add(Map<String, Sequence> sequences, Path dir, String name, Path file) {
    Sequence s = sequences.computeIfAbsent(name, n -> new Sequence(dir, n, new ArrayList<>()));
    if (!s.dir().equals(dir)) {
      throw new IngestException(file, "", "sequence " + name + " also has detections in " + s.dir()
          + "; both would be log " + KittiDetectionReader.logId(name) + ", so add them separately");
    }
    if (!s.files().contains(file)) {
      s.files().add(file);
    }
  }

  /** The detection directory of a {@code <dir>/<Class>/<seq>.txt} file. */
  private static Path detectionDir(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IngestException(file, "", "does not exist; expected a detection directory or a <Class>/<seq>.txt file");
    }
    Path parent = file.getParent();
    if (parent == null || parent.getParent() == null || !file.getFileName().toString().endsWith(".txt")
        || !KittiDetectionReader.CLASS_FOLDERS.contains(parent.getFileName().toString())) {
      throw new IngestException(file, "", "expected a detection file <dir>/<Class>/<seq>.txt with Class one of "
          + String.join(", ", KittiDetectionReader.CLASS_FOLDERS) + ", or a directory holding those folders");
    }
    return parent.getParent();
  }

  private static String sequenceOf(Path file) {
    String n = file.getFileName().toString();
    return n.substring(0, n.length() - ".txt".length());
  }
}
