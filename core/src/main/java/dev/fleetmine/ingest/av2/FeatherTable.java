package dev.fleetmine.ingest.av2;

import dev.fleetmine.ingest.IngestException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;
import java.util.stream.LongStream;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An Arrow IPC file (Argoverse 2 ".feather", usually LZ4-frame compressed) read whole into typed
 * columns. Only the columns a reader asks for are read; each is checked for presence, type, nulls
 * and (for floats) finiteness, so later code can index the arrays without further checks.
 */
final class FeatherTable {
  /** The value kinds readers ask for; floats of any precision are widened to double. */
  enum Kind {
    INT64("a signed 64-bit integer (Arrow Int64)"),
    FLOAT("a floating-point number (Arrow Float16/32/64)"),
    STRING("a string (Arrow Utf8)");

    private final String expected;

    Kind(String expected) {
      this.expected = expected;
    }
  }

  /** One requested column. */
  record Spec(String name, Kind kind) {}

  private final Path file;
  private final int rows;
  private final Map<String, Object> columns;

  private FeatherTable(Path file, int rows, Map<String, Object> columns) {
    this.file = file;
    this.rows = rows;
    this.columns = columns;
  }

  /** Reads the requested columns of {@code file}; throws {@link IngestException} on any defect. */
  static FeatherTable read(Path file, List<Spec> specs) {
    if (!Files.isRegularFile(file)) {
      throw new IngestException(file, "", "file is missing; expected an Arrow IPC (feather) file");
    }
    try (BufferAllocator allocator = new RootAllocator();
        FileChannel channel = FileChannel.open(file);
        ArrowFileReader reader = new ArrowFileReader(channel, allocator, CommonsCompressionFactory.INSTANCE)) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      checkSchema(file, root.getSchema(), specs);
      List<Builder> builders = specs.stream().map(Builder::new).toList();
      int rows = 0;
      while (reader.loadNextBatch()) {
        for (Builder b : builders) {
          b.append(file, root.getVector(b.spec.name()), root.getRowCount(), rows);
        }
        rows += root.getRowCount();
      }
      Map<String, Object> columns = new HashMap<>();
      builders.forEach(b -> columns.put(b.spec.name(), b.build()));
      return new FeatherTable(file, rows, columns);
    } catch (IngestException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // Arrow reports a cut-off footer or batch as IOException, IndexOutOfBounds or IllegalArgument alike
      throw new IngestException(file, "", "cannot read the Arrow IPC file (truncated or corrupt?): " + e, e);
    }
  }

  /** Rows in the file. */
  int rows() {
    return rows;
  }

  Path file() {
    return file;
  }

  long[] longs(String name) {
    return (long[]) columns.get(name);
  }

  double[] doubles(String name) {
    return (double[]) columns.get(name);
  }

  String[] strings(String name) {
    return (String[]) columns.get(name);
  }

  private static void checkSchema(Path file, Schema schema, List<Spec> specs) {
    for (Spec spec : specs) {
      Field field = schema.getFields().stream().filter(f -> f.getName().equals(spec.name())).findFirst()
          .orElseThrow(() -> new IngestException(file, "column " + spec.name(),
              "missing; expected " + spec.kind().expected + " (columns present: " + names(schema) + ")"));
      if (field.getDictionary() != null || !matches(field.getType(), spec.kind())) {
        throw new IngestException(file, "column " + spec.name(), "has type " + field.getType()
            + (field.getDictionary() != null ? " (dictionary-encoded)" : "") + "; expected " + spec.kind().expected);
      }
    }
  }

  private static boolean matches(ArrowType type, Kind kind) {
    return switch (kind) {
      case INT64 -> type instanceof ArrowType.Int i && i.getBitWidth() == 64 && i.getIsSigned();
      case FLOAT -> type instanceof ArrowType.FloatingPoint;
      case STRING -> type instanceof ArrowType.Utf8 || type instanceof ArrowType.LargeUtf8;
    };
  }

  private static String names(Schema schema) {
    return String.join(", ", schema.getFields().stream().map(Field::getName).toList());
  }

  /** Accumulates one column over record batches. */
  private static final class Builder {
    private final Spec spec;
    private final LongStream.Builder longs = LongStream.builder();
    private final DoubleStream.Builder doubles = DoubleStream.builder();
    private final List<String> strings = new ArrayList<>();

    Builder(Spec spec) {
      this.spec = spec;
    }

    void append(Path file, FieldVector vector, int count, int firstRow) {
      for (int i = 0; i < count; i++) {
        if (vector.isNull(i)) {
          throw new IngestException(file, "record " + (firstRow + i) + " column " + spec.name(),
              "is null; expected " + spec.kind().expected);
        }
        switch (spec.kind()) {
          case INT64 -> longs.add(((BigIntVector) vector).get(i));
          case FLOAT -> {
            double v = ((FloatingPointVector) vector).getValueAsDouble(i);
            if (!Double.isFinite(v)) {
              throw new IngestException(file, "record " + (firstRow + i) + " column " + spec.name(),
                  "is " + v + "; expected a finite number");
            }
            doubles.add(v);
          }
          case STRING -> strings.add(vector.getObject(i).toString());
        }
      }
    }

    Object build() {
      return switch (spec.kind()) {
        case INT64 -> longs.build().toArray();
        case FLOAT -> doubles.build().toArray();
        case STRING -> strings.toArray(String[]::new);
      };
    }
  }
}
