package dev.fleetmine.ingest.kitti;

import dev.fleetmine.ingest.IngestException;
import dev.fleetmine.ingest.ObjectSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads one sequence's detection CSVs in AB3DMOT's layout ({@code <dir>/{Car,Pedestrian,Cyclist}/<seq>.txt},
 * 15 comma-separated fields) into lake objects of log {@code kitti-<seq>}, with the same parser and frame
 * conversion that {@link KittiTrackingImporter} applies to {@code detections_pointrcnn/}: importing a
 * model's boxes later puts every box exactly where a full ingest would have put it.
 */
public final class KittiDetectionReader {
  /** The class folders of a detections directory, in the order their files are read. */
  public static final List<String> CLASS_FOLDERS = List.of("Car", "Pedestrian", "Cyclist");

  private KittiDetectionReader() {}

  /** The lake log id of a KITTI tracking sequence. */
  public static String logId(String sequence) {
    return "kitti-" + sequence;
  }

  /**
   * The boxes of {@code sequence} in its detection files ({@code <Class>/<seq>.txt}, see {@link #files}), as
   * objects with {@code source}.
   *
   * @param calibDir the folder of {@code <seq>.txt} calibration files; an {@code oxts/<seq>.txt} beside it
   *                 (in the KITTI root) puts the boxes in the log-local Mercator frame, as at ingest
   * @throws IngestException when a file is malformed or the calibration is missing
   */
  public static List<ObjectSample> read(List<Path> files, String sequence, Path calibDir, String source) {
    List<KittiBox> boxes = boxes(files);
    KittiCalib calib = KittiCalib.read(calibDir.resolve(sequence + ".txt"), sequence);
    Path root = calibDir.toAbsolutePath().normalize().getParent();
    KittiOxts oxts = root == null ? null : KittiOxts.readIfPresent(root.resolve("oxts").resolve(sequence + ".txt"));
    int maxFrame = boxes.stream().mapToInt(KittiBox::frame).max().orElse(0);
    KittiFrames frames = oxts == null ? KittiFrames.egoOnly(calib)
        : KittiFrames.world(calib, oxts, maxFrame, "the detections of sequence " + sequence);
    List<ObjectSample> out = new ArrayList<>(boxes.size());
    for (KittiBox b : boxes) {
      out.add(frames.object(b, source, null));
    }
    return out;
  }

  /** The sequences that have a detection file in some class folder of {@code detectionsDir}, sorted. */
  public static List<String> sequences(Path detectionsDir) {
    TreeSet<String> names = new TreeSet<>();
    for (String cls : CLASS_FOLDERS) {
      Path dir = detectionsDir.resolve(cls);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (var list = Files.list(dir)) {
        list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt"))
            .forEach(n -> names.add(n.substring(0, n.length() - 4)));
      } catch (IOException e) {
        throw new IngestException(dir, "", "cannot list directory: " + e.getMessage(), e);
      }
    }
    return List.copyOf(names);
  }

  /** The existing {@code <Class>/<seq>.txt} files of a sequence, in {@link #CLASS_FOLDERS} order. */
  public static List<Path> files(Path detectionsDir, String sequence) {
    List<Path> found = new ArrayList<>();
    for (String cls : CLASS_FOLDERS) {
      Path f = detectionsDir.resolve(cls).resolve(sequence + ".txt");
      if (Files.isRegularFile(f)) {
        found.add(f);
      }
    }
    return found;
  }

  /** The parsed boxes of detection files; each row's class must be that of its folder (Car, Pedestrian, Cyclist). */
  static List<KittiBox> boxes(List<Path> files) {
    List<KittiBox> boxes = new ArrayList<>();
    for (Path f : files) {
      boxes.addAll(KittiBoxFiles.detections(f, f.getParent().getFileName().toString()));
    }
    return boxes;
  }
}
