package dev.fleetmine.ingest.comma2k19;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleetmine.ingest.IngestException;
import dev.fleetmine.ingest.Ingestor;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.lake.Lake;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken copies of the real segment: each fails naming the file and what was expected. */
class Comma2k19BadInputTest {
  static final Path REAL = Comma2k19ImporterTest.PARENT.resolve("segment-2018-08-02--08-34-47-40");
  static final List<String> FILES = List.of("global_pose/frame_times", "global_pose/frame_positions",
      "global_pose/frame_orientations", "global_pose/frame_gps_times", "processed_log/CAN/speed/t",
      "processed_log/CAN/speed/value");
  /** The real arrays' headers are 118 bytes after a 10-byte prefix (NPY 1.0). */
  static final int DATA_START = 128;

  @TempDir
  Path dir;

  Path copy() throws IOException {
    Path seg = dir.resolve("segment-copy");
    for (String f : FILES) {
      Files.createDirectories(seg.resolve(f).getParent());
      Files.copy(REAL.resolve(f), seg.resolve(f));
    }
    return seg;
  }

  /** Overwrites the float64 element {@code index} (C order) of an NPY copy. */
  static void setDouble(Path file, int index, double value) throws IOException {
    byte[] b = Files.readAllBytes(file);
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putDouble(DATA_START + 8 * index, value);
    Files.write(file, b);
  }

  static String ingestError(Path input) {
    Lake lake = Lake.open(input.getParent().resolve("lake-" + System.nanoTime()));
    try (Ingestor in = Ingestor.begin(lake)) {
      new Comma2k19Importer().read(List.of(input), in, Progress.NONE);
      in.commit("test");
    } catch (IngestException e) {
      assertThat(lake.current().logs()).isEmpty();
      return e.getMessage();
    }
    throw new AssertionError("no IngestException for " + input);
  }

  @Test
  void truncatedPositions() throws IOException {
    Path seg = copy();
    Path f = seg.resolve("global_pose/frame_positions");
    byte[] b = Files.readAllBytes(f);
    Files.write(f, Arrays.copyOf(b, b.length - 100));
    assertThat(ingestError(seg)).isEqualTo(f + ": data: truncated: shape (1200, 3) of <f8 needs 28800 data bytes,"
        + " the file has 28700");
  }

  @Test
  void arrayOfTheWrongShape() throws IOException {
    Path seg = copy();
    Path f = seg.resolve("global_pose/frame_orientations");
    Files.copy(seg.resolve("global_pose/frame_positions"), f, StandardCopyOption.REPLACE_EXISTING);
    assertThat(ingestError(seg)).isEqualTo(f + ": shape: expected an array of shape (1200, 4), got (1200, 3)");
  }

  @Test
  void missingCanSpeed() throws IOException {
    Path seg = copy();
    Path f = seg.resolve("processed_log/CAN/speed/value");
    Files.delete(f);
    assertThat(ingestError(seg)).isEqualTo(f + ": file does not exist; expected an NPY array here");
  }

  @Test
  void framesThatGoBackInTime() throws IOException {
    Path seg = copy();
    Path f = seg.resolve("global_pose/frame_times");
    setDouble(f, 5, 46408.0);
    assertThat(ingestError(seg)).isEqualTo(f + ": element 5: expected times to strictly increase, got 46408.0 after"
        + " 46408.747491");
  }

  @Test
  void nonFinitePositionAndNonUnitQuaternion() throws IOException {
    Path seg = copy();
    Path pos = seg.resolve("global_pose/frame_positions");
    setDouble(pos, 7, Double.NaN);
    assertThat(ingestError(seg)).isEqualTo(pos + ": element 7: expected a finite number, got NaN");
    Files.copy(REAL.resolve("global_pose/frame_positions"), pos, StandardCopyOption.REPLACE_EXISTING);
    Path q = seg.resolve("global_pose/frame_orientations");
    setDouble(q, 4 * 10, 2.0);
    assertThat(ingestError(seg)).startsWith(q + ": row 10: expected a unit quaternion (w, x, y, z), got norm 2.");
  }

  @Test
  void directoryWithoutSegments() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThat(ingestError(empty)).isEqualTo(empty + ": no comma2k19 segment found: expected a directory containing"
        + " global_pose/frame_times (searched 6 levels deep)");
  }

  @Test
  void canSpeedFarFromTheFramesIsLeftToThePoses() throws IOException {
    // Speed beyond 0.25 s of the CAN series is not invented: NaN, so the lake derives it from poses.
    var s = new Comma2k19Importer.SpeedSeries(new double[] {1, 2}, new double[] {10, 20}, 0.25);
    assertThat(s.at(1.5)).isEqualTo(15.0);
    assertThat(s.at(0.8)).isEqualTo(10.0);
    assertThat(s.at(0.7)).isNaN();
    assertThat(s.at(2.25)).isEqualTo(20.0);
    assertThat(s.at(2.3)).isNaN();
    assertThatThrownBy(() -> Comma2k19Importer.findSegments(List.of(dir.resolve("missing"))))
        .isInstanceOf(IngestException.class).hasMessageContaining("expected a comma2k19 segment directory");
  }
}
