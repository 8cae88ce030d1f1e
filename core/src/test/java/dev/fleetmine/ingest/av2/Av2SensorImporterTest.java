package dev.fleetmine.ingest.av2;

import static dev.fleetmine.TestLakes.query;
import static dev.fleetmine.TestLakes.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fleetmine.TestLakes;
import dev.fleetmine.ingest.IngestException;
import dev.fleetmine.ingest.Ingestor;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.lake.Lake;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Av2SensorImporterTest {
  static final String LOG_A = "7fab2350-7eaf-3b7e-a39d-6937a4c1bede";
  static final String LOG_B = "adcf7d18-0510-35b0-a2fa-b4cea13a6d76";
  /** First pose timestamp of LOG_A's city_SE3_egovehicle.feather. */
  static final long LOG_A_FIRST_POSE_NS = 315966253572412942L;
  /** The sample logs have no EGO_VEHICLE rows: none dropped, none used (Av2EgoRowsTest adds some). */
  static final String NO_EGO_ROWS = "\"ego_rows_dropped\":\"0\",\"ego_rows_used\":\"0\"";

  @TempDir
  Path dir;

  static Path sensorData() {
    return TestLakes.sharedData().resolve("argoverse2/sensor");
  }

  private Lake ingest(Path... inputs) {
    Lake lake = Lake.open(dir.resolve("lake"));
    try (Ingestor in = Ingestor.begin(lake)) {
      new Av2SensorImporter().read(List.of(inputs), in, Progress.NONE);
      in.commit("ingest av2");
    }
    return lake;
  }

  @Test
  void ingestsBothRealLogsWithExactCounts() throws IOException {
    Lake lake = ingest(sensorData());
    assertThat(query(lake, "SELECT log_id, source_format, location, frame, ego_frames, object_rows, metadata"
        + " FROM logs ORDER BY log_id")).containsExactly(
        List.of(LOG_A, "av2", "PIT", "city", 156L, 11364L, "{\"city_map_id\":\"47896\"," + NO_EGO_ROWS + "}"),
        List.of(LOG_B, "av2", "PIT", "city", 156L, 12078L, "{\"city_map_id\":\"57819\"," + NO_EGO_ROWS + "}"));
    assertThat(query(lake, "SELECT log_id, count(DISTINCT track_id), count(DISTINCT ts_ns), count(*) FILTER"
        + " (WHERE source = 'gt') FROM objects GROUP BY 1 ORDER BY 1")).containsExactly(
        List.of(LOG_A, 114L, 156L, 11364L), List.of(LOG_B, 146L, 156L, 12078L));
    // the sample keeps 2 (A) and 1 (B) lidar files, all at annotated timestamps: 156 ego frames each
    assertThat(Av2SensorImporter.sweepTimestamps(sensorData().resolve(LOG_A)))
        .containsExactly(315966265259836000L, 315966265360032000L);
    assertThat(scalar(lake, "SELECT count(*) FROM objects WHERE log_id = '" + LOG_A + "' AND track_id ="
        + " 'b87c7491-db0b-49e1-9fb8-ecc52f13184e' AND category = 'truck' AND raw_label = 'BOX_TRUCK'")).isEqualTo(156L);
    assertThat(query(lake, "SELECT count(*) FROM logs WHERE map_file IS NOT NULL")).containsExactly(List.of(2L));
    assertThat(Files.readString(lake.resolve((String) scalar(lake, "SELECT map_file FROM logs WHERE log_id = '"
        + LOG_A + "'")))).startsWith("{\"pedestrian_crossings\"");
  }

  @Test
  void cuboidRoundTripsToItsCityPosition() throws Exception {
    Lake lake = ingest(sensorData().resolve(LOG_A));
    Path logDir = sensorData().resolve(LOG_A);
    // record 0 of annotations.feather: a BICYCLE, computed here from the raw values with rotation matrices
    long ts = rawTimestamp(logDir.resolve("annotations.feather"), 0);
    double[] box = rawRow(logDir.resolve("annotations.feather"), 0,
        List.of("qw", "qx", "qy", "qz", "tx_m", "ty_m", "tz_m"));
    double[] pose = egoPoseByNlerp(logDir.resolve("city_SE3_egovehicle.feather"), ts);
    double[][] r = matrix(pose[0], pose[1], pose[2], pose[3]);
    double[] city = new double[3];
    for (int i = 0; i < 3; i++) {
      city[i] = r[i][0] * box[4] + r[i][1] * box[5] + r[i][2] * box[6] + pose[4 + i];
    }
    double[][] rb = matrix(box[0], box[1], box[2], box[3]);
    double yawCity = Math.atan2(r[1][0] * rb[0][0] + r[1][1] * rb[1][0] + r[1][2] * rb[2][0],
        r[0][0] * rb[0][0] + r[0][1] * rb[1][0] + r[0][2] * rb[2][0]);
    List<Object> row = query(lake, "SELECT o.x + l.origin_x, o.y + l.origin_y, o.z + l.origin_z, o.yaw"
        + " FROM objects o JOIN logs l USING (log_id) WHERE o.ts_ns = " + ts
        + " AND o.track_id = '1046f12a-152a-4e82-b61b-75468bcda8ae'").get(0);
    assertThat((double) row.get(0)).isCloseTo(city[0], within(1e-6)).isCloseTo(5219.828573637629, within(1e-6));
    assertThat((double) row.get(1)).isCloseTo(city[1], within(1e-6)).isCloseTo(2398.2553923211526, within(1e-6));
    assertThat((double) row.get(2)).isCloseTo(city[2], within(1e-6)).isCloseTo(68.81208535550098, within(1e-6));
    assertThat((double) row.get(3)).isCloseTo(yawCity, within(1e-9));
  }

  @Test
  void egoStartsAtTheOriginAndMovesAtAnUrbanSpeedAlongItsHeading() {
    Lake lake = ingest(sensorData().resolve(LOG_A));
    assertThat(query(lake, "SELECT origin_x, origin_y, origin_z FROM logs").get(0)).satisfiesExactly(
        x -> assertThat((double) x).isCloseTo(5173.484175153497, within(1e-9)),
        y -> assertThat((double) y).isCloseTo(2418.6736293805775, within(1e-9)),
        z -> assertThat((double) z).isCloseTo(66.94625048234683, within(1e-9)));
    List<List<Object>> first = query(lake, "SELECT x, y, z, yaw, speed FROM ego ORDER BY ts_ns LIMIT 2");
    assertThat(first.get(0).subList(0, 3)).containsExactly(0.0, 0.0, 0.0);
    // 10.48 m/s = 37.7 km/h on a Pittsburgh street: a plausible urban speed
    assertThat((double) first.get(0).get(4)).isCloseTo(10.475838048353314, within(1e-6));
    double dx = (double) first.get(1).get(0);
    double dy = (double) first.get(1).get(1);
    assertThat(Math.atan2(dy, dx)).isCloseTo((double) first.get(0).get(3), within(0.01));
    assertThat((double) scalar(lake, "SELECT max(speed) FROM ego")).isCloseTo(11.168539240159665, within(1e-6));
  }

  @Test
  void logWithoutAnnotationsIsEgoOnlyAtItsSweeps() throws IOException {
    Path log = dir.resolve("in").resolve("ego-only");
    Files.createDirectories(log.resolve("sensors/lidar"));
    Files.copy(sensorData().resolve(LOG_A).resolve(Av2SensorImporter.POSES), log.resolve(Av2SensorImporter.POSES));
    Files.writeString(log.resolve("sensors/lidar/315966265259836000.feather"), "");
    Files.writeString(log.resolve("sensors/lidar/315966265360032000.feather"), "");
    Lake lake = ingest(dir.resolve("in"));
    assertThat(query(lake, "SELECT log_id, ego_frames, object_rows, location, map_file FROM logs"))
        .containsExactly(Arrays.asList("ego-only", 2L, 0L, null, null));
  }

  @Test
  void truncatedAnnotationsAreRejectedNamingTheFile() throws IOException {
    Path log = copyLog(LOG_A);
    Path ann = log.resolve("annotations.feather");
    byte[] bytes = Files.readAllBytes(ann);
    Files.write(ann, Arrays.copyOf(bytes, bytes.length / 2));
    assertRejected(log, ann.toString() + ": cannot read the Arrow IPC file (truncated or corrupt?)");
  }

  @Test
  void missingPoseFileIsRejected() throws IOException {
    Path log = copyLog(LOG_A);
    Files.delete(log.resolve(Av2SensorImporter.POSES));
    assertRejected(log, log.resolve(Av2SensorImporter.POSES) + ": is missing, and annotations.feather has no EGO_VEHICLE rows;"
        + " every Argoverse 2 log needs its ego poses");
  }

  @Test
  void wrongColumnTypeIsRejectedNamingTheColumn() throws IOException {
    Path log = copyLog(LOG_A);
    writeAnnotations(log.resolve("annotations.feather"), 315966253660357000L, "tx_m", null, false);
    assertRejected(log, log.resolve("annotations.feather") + ": column tx_m: has type Utf8;"
        + " expected a floating-point number (Arrow Float16/32/64)");
  }

  @Test
  void missingColumnIsRejectedNamingTheColumn() throws IOException {
    Path log = copyLog(LOG_A);
    writeAnnotations(log.resolve("annotations.feather"), 315966253660357000L, null, "category", false);
    assertRejected(log, log.resolve("annotations.feather") + ": column category: missing; expected a string (Arrow Utf8)");
  }

  @Test
  void nullValueIsRejectedNamingRecordAndColumn() throws IOException {
    Path log = copyLog(LOG_A);
    writeAnnotations(log.resolve("annotations.feather"), 315966253660357000L, null, null, true);
    assertRejected(log, log.resolve("annotations.feather") + ": record 0 column track_uuid: is null");
  }

  @Test
  void timestampOutsideThePoseRangeIsRejectedNamingIt() throws IOException {
    Path log = copyLog(LOG_A);
    long early = LOG_A_FIRST_POSE_NS - 1;
    writeAnnotations(log.resolve("annotations.feather"), early, null, null, false);
    assertRejected(log, log.resolve(Av2SensorImporter.POSES) + ": timestamp_ns " + early
        + " (an annotation or lidar sweep timestamp): is outside the pose range [" + LOG_A_FIRST_POSE_NS);
  }

  @Test
  void lidarFileNotNamedByTimestampIsRejected() throws IOException {
    Path log = copyLog(LOG_A);
    Files.createDirectories(log.resolve("sensors/lidar"));
    Files.writeString(log.resolve("sensors/lidar/sweep-1.feather"), "");
    assertRejected(log, "sweep-1.feather: file name: is not a timestamp");
  }

  /** Poses, annotations and map of a real log, without the large lidar files. */
  private Path copyLog(String id) throws IOException {
    return EgoRowsFixture.copyLog(sensorData(), id, dir.resolve("in"));
  }

  private void assertRejected(Path input, String message) {
    Lake lake = Lake.open(dir.resolve("lake"));
    assertThatThrownBy(() -> {
      try (Ingestor in = Ingestor.begin(lake)) {
        new Av2SensorImporter().read(List.of(input), in, Progress.NONE);
        in.commit("ingest av2");
      }
    }).isInstanceOf(IngestException.class).hasMessageContaining(message);
    assertThat(lake.current().logs()).isEmpty();
  }

  /**
   * Writes a one-row annotations file with the real columns, except that {@code asString} is written
   * as Utf8, {@code omit} is left out, and {@code nullTrack} makes track_uuid null.
   */
  static void writeAnnotations(Path file, long ts, String asString, String omit, boolean nullTrack) throws IOException {
    List<String> names = List.of("timestamp_ns", "track_uuid", "category", "length_m", "width_m", "height_m",
        "qw", "qx", "qy", "qz", "tx_m", "ty_m", "tz_m");
    double[] values = {0, 0, 0, 4.5, 1.9, 1.6, 1, 0, 0, 0, 10, 2, 0.8};
    List<Field> fields = new ArrayList<>();
    for (String n : names) {
      if (n.equals(omit)) {
        continue;
      }
      ArrowType type = n.equals("timestamp_ns") ? new ArrowType.Int(64, true)
          : n.equals("track_uuid") || n.equals("category") || n.equals(asString) ? ArrowType.Utf8.INSTANCE
          : new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
      fields.add(Field.nullable(n, type));
    }
    Files.deleteIfExists(file);
    try (BufferAllocator alloc = new RootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), alloc);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        ArrowFileWriter writer = new ArrowFileWriter(root, null, ch)) {
      for (FieldVector v : root.getFieldVectors()) {
        v.allocateNew();
        String n = v.getName();
        switch (v) {
          case BigIntVector b -> b.set(0, ts);
          case VarCharVector s -> {
            String text = n.equals("track_uuid") ? "track-1" : n.equals("category") ? "REGULAR_VEHICLE" : "oops";
            if (n.equals("track_uuid") && nullTrack) {
              s.setNull(0);
            } else {
              s.setSafe(0, text.getBytes(StandardCharsets.UTF_8));
            }
          }
          case Float8Vector f -> f.set(0, values[names.indexOf(n)]);
          default -> throw new IllegalStateException(n);
        }
        v.setValueCount(1);
      }
      root.setRowCount(1);
      writer.start();
      writer.writeBatch();
      writer.end();
    }
  }

  /** timestamp_ns of one record. */
  static long rawTimestamp(Path file, int record) throws IOException {
    try (BufferAllocator alloc = new RootAllocator(); FileChannel ch = FileChannel.open(file);
        ArrowFileReader r = new ArrowFileReader(ch, alloc, CommonsCompressionFactory.INSTANCE)) {
      r.loadNextBatch();
      return ((BigIntVector) r.getVectorSchemaRoot().getVector("timestamp_ns")).get(record);
    }
  }

  /** Named float64 columns of one record. */
  static double[] rawRow(Path file, int record, List<String> columns) throws IOException {
    try (BufferAllocator alloc = new RootAllocator(); FileChannel ch = FileChannel.open(file);
        ArrowFileReader r = new ArrowFileReader(ch, alloc, CommonsCompressionFactory.INSTANCE)) {
      r.loadNextBatch();
      VectorSchemaRoot root = r.getVectorSchemaRoot();
      double[] out = new double[columns.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = ((Float8Vector) root.getVector(columns.get(i))).get(record);
      }
      return out;
    }
  }

  /** Ego pose (qw, qx, qy, qz, tx, ty, tz) at ts: linear translation, normalized-linear rotation. */
  static double[] egoPoseByNlerp(Path file, long ts) throws IOException {
    try (BufferAllocator alloc = new RootAllocator(); FileChannel ch = FileChannel.open(file);
        ArrowFileReader r = new ArrowFileReader(ch, alloc, CommonsCompressionFactory.INSTANCE)) {
      r.loadNextBatch();
      VectorSchemaRoot root = r.getVectorSchemaRoot();
      BigIntVector t = (BigIntVector) root.getVector("timestamp_ns");
      int i = 0;
      while (t.get(i + 1) < ts) {
        i++;
      }
      double f = (double) (ts - t.get(i)) / (t.get(i + 1) - t.get(i));
      String[] cols = {"qw", "qx", "qy", "qz", "tx_m", "ty_m", "tz_m"};
      double[] p = new double[7];
      for (int c = 0; c < 7; c++) {
        Float8Vector v = (Float8Vector) root.getVector(cols[c]);
        p[c] = v.get(i) + f * (v.get(i + 1) - v.get(i));
      }
      double n = Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2] + p[3] * p[3]);
      for (int c = 0; c < 4; c++) {
        p[c] /= n;
      }
      return p;
    }
  }

  /** The rotation matrix of a unit quaternion. */
  static double[][] matrix(double w, double x, double y, double z) {
    return new double[][] {
        {1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)},
        {2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)},
        {2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)}};
  }
}
