package dev.fleetmine.ingest.av2;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

/**
 * Argoverse 2 logs with {@code EGO_VEHICLE} rows, as the scenario-mining release ships them, made from a real
 * sample log (whose own annotations have none): its files are copied and its {@code annotations.feather}
 * rewritten, uncompressed, with every original row and column followed by one ego row per given pose.
 */
final class EgoRowsFixture {
  /** RefAV's ego cuboid: {@code add_ego_to_annotation} gives these sizes and one interior point. */
  static final double LENGTH = 4.877;
  static final double WIDTH = 2;
  static final double HEIGHT = 1.473;

  private EgoRowsFixture() {}

  /**
   * One ego row: its timestamp and cuboid pose.
   *
   * @param ts   timestamp_ns
   * @param pose qw, qx, qy, qz, tx_m, ty_m, tz_m
   */
  record EgoRow(long ts, double[] pose) {
    /** At the ego frame's origin, as RefAV writes them. */
    static EgoRow atOrigin(long ts) {
      return new EgoRow(ts, new double[] {1, 0, 0, 0, 0, 0, 0});
    }
  }

  /** Poses, annotations and map of a real log in {@code into/<id>}, without the large lidar files. */
  static Path copyLog(Path sensorData, String id, Path into) throws IOException {
    Path src = sensorData.resolve(id);
    Path log = into.resolve(id);
    Files.createDirectories(log.resolve("map"));
    for (String f : List.of(Av2SensorImporter.POSES, Av2SensorImporter.ANNOTATIONS)) {
      Files.copy(src.resolve(f), log.resolve(f));
    }
    try (var maps = Files.list(src.resolve("map"))) {
      for (Path m : maps.filter(p -> p.getFileName().toString().startsWith("log_map_archive_")).toList()) {
        Files.copy(m, log.resolve("map").resolve(m.getFileName()));
      }
    }
    return log;
  }

  /** The distinct annotation timestamps of a file, in order. */
  static long[] timestamps(Path annotations) throws IOException {
    try (BufferAllocator alloc = new RootAllocator(); FileChannel ch = FileChannel.open(annotations);
        ArrowFileReader r = new ArrowFileReader(ch, alloc, CommonsCompressionFactory.INSTANCE)) {
      java.util.TreeSet<Long> ts = new java.util.TreeSet<>();
      while (r.loadNextBatch()) {
        BigIntVector v = (BigIntVector) r.getVectorSchemaRoot().getVector("timestamp_ns");
        for (int i = 0; i < v.getValueCount(); i++) {
          ts.add(v.get(i));
        }
      }
      return ts.stream().mapToLong(Long::longValue).toArray();
    }
  }

  /** Rewrites {@code annotations} in place: its rows, then {@code ego} as EGO_VEHICLE rows of track {@code ego}. */
  static void addEgoRows(Path annotations, List<EgoRow> ego) throws IOException {
    Path tmp = annotations.resolveSibling("annotations.with-ego.feather");
    try (BufferAllocator alloc = new RootAllocator(); FileChannel in = FileChannel.open(annotations);
        ArrowFileReader r = new ArrowFileReader(in, alloc, CommonsCompressionFactory.INSTANCE);
        VectorSchemaRoot out = VectorSchemaRoot.create(r.getVectorSchemaRoot().getSchema(), alloc)) {
      out.allocateNew();
      int n = 0;
      while (r.loadNextBatch()) {
        VectorSchemaRoot batch = r.getVectorSchemaRoot();
        for (FieldVector v : out.getFieldVectors()) {
          FieldVector from = batch.getVector(v.getName());
          for (int i = 0; i < batch.getRowCount(); i++) {
            v.copyFromSafe(i, n + i, from);
          }
        }
        n += batch.getRowCount();
      }
      for (EgoRow e : ego) {
        for (FieldVector v : out.getFieldVectors()) {
          set(v, n, e);
        }
        n++;
      }
      for (FieldVector v : out.getFieldVectors()) {
        v.setValueCount(n);
      }
      out.setRowCount(n);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          ArrowFileWriter w = new ArrowFileWriter(out, null, ch)) {
        w.start();
        w.writeBatch();
        w.end();
      }
    }
    Files.move(tmp, annotations, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static void set(FieldVector v, int row, EgoRow e) {
    List<String> pose = List.of("qw", "qx", "qy", "qz", "tx_m", "ty_m", "tz_m");
    String n = v.getName();
    switch (v) {
      case BigIntVector b -> b.setSafe(row, n.equals("timestamp_ns") ? e.ts() : 1); // num_interior_pts
      case VarCharVector s -> s.setSafe(row, (n.equals("category") ? EgoRows.CATEGORY : "ego").getBytes(StandardCharsets.UTF_8));
      case Float8Vector f -> f.setSafe(row, switch (n) {
        case "length_m" -> LENGTH;
        case "width_m" -> WIDTH;
        case "height_m" -> HEIGHT;
        default -> e.pose()[pose.indexOf(n)];
      });
      default -> throw new IllegalStateException("column " + n + " of type " + v.getField().getType());
    }
  }
}
