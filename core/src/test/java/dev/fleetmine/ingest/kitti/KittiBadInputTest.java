package dev.fleetmine.ingest.kitti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fleetmine.TestLakes;
import dev.fleetmine.ingest.IngestException;
import dev.fleetmine.ingest.Ingestor;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.lake.Lake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken copies of real sequence 0000: each kind of bad input fails naming file, line and field. */
class KittiBadInputTest {
  static final Path REAL = KittiTrackingImporterTest.KITTI;

  @TempDir
  Path dir;

  /** A root with label, calib and Car detections of 0000 copied from shared/data. */
  Path copyOf0000() throws IOException {
    Path root = dir.resolve("kitti");
    for (String f : List.of("label_02/0000.txt", "calib/0000.txt", "detections_pointrcnn/Car/0000.txt")) {
      Files.createDirectories(root.resolve(f).getParent());
      Files.copy(REAL.resolve(f), root.resolve(f));
    }
    return root;
  }

  /** Replaces one line (1-based) of a file. */
  static void editLine(Path file, int lineNo, UnaryOperator<String> edit) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.set(lineNo - 1, edit.apply(lines.get(lineNo - 1)));
    Files.write(file, lines);
  }

  static String ingestError(Path input) {
    try {
      new KittiTrackingImporter().read(List.of(input), new NullSink(), Progress.NONE);
    } catch (IngestException e) {
      return e.getMessage();
    }
    throw new AssertionError("no IngestException for " + input);
  }

  @Test
  void labelLineWithAMissingField() throws IOException {
    Path root = copyOf0000();
    Path label = root.resolve("label_02/0000.txt");
    editLine(label, 3, l -> l.substring(0, l.lastIndexOf(' ')));
    assertThat(ingestError(root)).isEqualTo(label + ": line 3: expected 17 fields (frame track_id type truncated"
        + " occluded alpha bbox_left bbox_top bbox_right bbox_bottom height width length x y z rotation_y), got 16");
  }

  @Test
  void labelFieldThatIsNotANumber() throws IOException {
    Path root = copyOf0000();
    Path label = root.resolve("label_02/0000.txt");
    editLine(label, 3, l -> l.replace(" 2.000000 ", " 2.0O0000 "));
    assertThat(ingestError(root)).isEqualTo(label + ": line 3, field height: expected a decimal number, got '2.0O0000'");
    editLine(label, 3, l -> l.replace(" 2.0O0000 ", " NaN "));
    assertThat(ingestError(root)).isEqualTo(label + ": line 3, field height: expected a decimal number, got 'NaN'");
  }

  @Test
  void frameAndTrackIdMustBeIntegers() throws IOException {
    Path root = copyOf0000();
    Path label = root.resolve("label_02/0000.txt");
    editLine(label, 3, l -> "0.5" + l.substring(1));
    assertThat(ingestError(root)).isEqualTo(label + ": line 3, field frame: expected an integer, got '0.5'");
    editLine(label, 3, l -> l.replaceFirst("^0\\.5 0 ", "0 x "));
    assertThat(ingestError(root)).isEqualTo(label + ": line 3, field track_id: expected an integer, got 'x'");
  }

  @Test
  void realObjectWithThePlaceholderBox() throws IOException {
    Path root = copyOf0000();
    Path label = root.resolve("label_02/0000.txt");
    editLine(label, 3, l -> l.replace(" 2.000000 ", " -1000.000000 "));
    assertThat(ingestError(root)).isEqualTo(label + ": line 3, field height: expected a positive box size in metres"
        + " for type Van, got -1000.0 (the placeholder of rows without a 3D box)");
  }

  @Test
  void trackWithTwoBoxesInOneFrame() throws IOException {
    Path root = copyOf0000();
    Path label = root.resolve("label_02/0000.txt");
    List<String> lines = new ArrayList<>(Files.readAllLines(label));
    lines.add(5, lines.get(2));
    Files.write(label, lines);
    assertThat(ingestError(root)).isEqualTo(label + ": line 6: track 0 already has a box in frame 0 (line 3);"
        + " a track has one box per frame");
  }

  @Test
  void missingCalibrationNamesTheExpectedPath() throws IOException {
    Path root = copyOf0000();
    Files.delete(root.resolve("calib/0000.txt"));
    assertThat(ingestError(root)).isEqualTo(root.resolve("calib/0000.txt") + ": calibration file of sequence 0000"
        + " does not exist; expected it beside label_02 as calib/0000.txt");
  }

  @Test
  void calibrationWithoutRectificationOrWithAShortMatrix() throws IOException {
    Path root = copyOf0000();
    Path calib = root.resolve("calib/0000.txt");
    editLine(calib, 5, l -> l.replace("R0_rect:", "R1_rect:"));
    assertThat(ingestError(root)).isEqualTo(calib + ": key R0_rect: missing: expected a line 'R0_rect: 9 numbers'"
        + " (or R_rect)");
    editLine(calib, 5, l -> l.replace("R1_rect:", "R0_rect:").substring(0, l.strip().lastIndexOf(' ')));
    assertThat(ingestError(root)).isEqualTo(calib + ": key R0_rect: expected 9 numbers, got 8");
  }

  @Test
  void devkitCalibrationKeyNamesAreAccepted() throws IOException {
    // The tracking devkit writes "R_rect", "Tr_velo_cam", "Tr_imu_velo" without colons.
    Path root = copyOf0000();
    Path calib = root.resolve("calib/0000.txt");
    Files.writeString(calib, Files.readString(calib).replace("R0_rect:", "R_rect")
        .replace("Tr_velo_to_cam:", "Tr_velo_cam").replace("Tr_imu_to_velo:", "Tr_imu_velo"));
    Lake lake = Lake.open(dir.resolve("lake"));
    try (Ingestor in = Ingestor.begin(lake)) {
      new KittiTrackingImporter().read(List.of(root), in, Progress.NONE);
      in.commit("test");
    }
    List<Object> van = TestLakes.query(lake, "SELECT x, y FROM objects WHERE source = 'gt' AND track_id = '0'"
        + " AND ts_ns = 0").get(0);
    assertThat((double) van.get(0)).isCloseTo(13.690568, within(1e-6));
    assertThat((double) van.get(1)).isCloseTo(4.560799, within(1e-6));
    editLine(calib, 5, l -> l.replace("R_rect", "R_rect:").substring(0, l.strip().lastIndexOf(' ') + 1));
    assertThat(ingestError(root)).isEqualTo(calib + ": key R_rect: expected 9 numbers, got 8");
  }

  @Test
  void detectionWithTheWrongClassOrField() throws IOException {
    Path root = copyOf0000();
    Path det = root.resolve("detections_pointrcnn/Car/0000.txt");
    editLine(det, 2, l -> l.replaceFirst("^0,2,", "0,1,"));
    assertThat(ingestError(root)).isEqualTo(det + ": line 2, field type: expected 2 (Car, the class of the folder),"
        + " got 1");
    editLine(det, 2, l -> l.replaceFirst("^0,1,", "0,2,").replace(",1.3104,", ",high,"));
    assertThat(ingestError(root)).isEqualTo(det + ": line 2, field score: expected a decimal number, got 'high'");
    editLine(det, 2, l -> l + ",");
    assertThat(ingestError(root)).startsWith(det + ": line 2: expected 15 fields (frame type bbox_left");
  }

  @Test
  void inputThatIsNotKitti() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThat(ingestError(empty)).isEqualTo(empty + ": no KITTI label files found: expected label_02/<seq>.txt in"
        + " or below this directory (searched 4 levels deep)");
    Path stray = Files.writeString(dir.resolve("0000.txt"), "");
    assertThat(ingestError(stray)).isEqualTo(stray + ": expected a KITTI label_02/<seq>.txt label file or a"
        + " directory containing label_02/");
  }

  @Test
  void aSingleLabelFileIsOneLogAndAFailureLeavesTheLakeEmpty() throws IOException {
    Path root = copyOf0000();
    Lake lake = Lake.open(dir.resolve("lake"));
    try (Ingestor in = Ingestor.begin(lake)) {
      new KittiTrackingImporter().read(List.of(root.resolve("label_02/0000.txt")), in, Progress.NONE);
      in.commit("test");
    }
    assertThat(lake.current().logs()).containsOnlyKeys("kitti-0000");
    Lake other = Lake.open(dir.resolve("lake2"));
    editLine(root.resolve("label_02/0000.txt"), 1089, l -> l + " 7");
    assertThatThrownBy(() -> {
      try (Ingestor in = Ingestor.begin(other)) {
        new KittiTrackingImporter().read(List.of(root), in, Progress.NONE);
        in.commit("test");
      }
    }).isInstanceOf(IngestException.class).hasMessageContaining("line 1089: expected 17 fields");
    assertThat(other.current().logs()).isEmpty();
  }
}
