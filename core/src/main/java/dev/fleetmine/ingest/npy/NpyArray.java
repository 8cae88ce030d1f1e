package dev.fleetmine.ingest.npy;

import static java.util.Objects.requireNonNull;

import dev.fleetmine.ingest.IngestException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * An n-dimensional numeric array read from an NPY file. Immutable: the element bytes are held in a
 * read-only buffer. Element access is by C-order (row-major) index whatever the file's order, so
 * callers never see {@code fortran_order}.
 */
public final class NpyArray {
  private final Path file;
  private final NpyDtype dtype;
  private final int[] shape;
  private final boolean fortranOrder;
  private final ByteBuffer data;
  private final long size;

  NpyArray(Path file, NpyDtype dtype, int[] shape, boolean fortranOrder, ByteBuffer data) {
    this.file = requireNonNull(file, "file is null");
    this.dtype = requireNonNull(dtype, "dtype is null");
    this.shape = shape.clone();
    this.fortranOrder = fortranOrder;
    this.data = data.asReadOnlyBuffer().order(dtype.order());
    this.size = elementCount(shape);
  }

  static long elementCount(int[] shape) {
    long n = 1;
    for (int d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  /** The file this array was read from, for error messages. */
  public Path file() {
    return file;
  }

  public NpyDtype dtype() {
    return dtype;
  }

  /** The dimensions; empty for a 0-d scalar. */
  public List<Integer> shape() {
    return Arrays.stream(shape).boxed().toList();
  }

  public int rank() {
    return shape.length;
  }

  /** Extent of dimension {@code d}. */
  public int dim(int d) {
    return shape[d];
  }

  /** Number of elements. */
  public long size() {
    return size;
  }

  public boolean fortranOrder() {
    return fortranOrder;
  }

  /** The shape as NumPy prints it, for example {@code (1200, 3)}. */
  public String shapeString() {
    return shapeString(shape);
  }

  static String shapeString(int[] shape) {
    if (shape.length == 1) {
      return "(" + shape[0] + ",)";
    }
    return IntStream.of(shape).mapToObj(Integer::toString).collect(Collectors.joining(", ", "(", ")"));
  }

  /** Element at the given C-order (row-major) flat index, converted to double. */
  public double getDouble(long index) {
    int byteOffset = Math.toIntExact(storageIndex(index) * dtype.size());
    return switch (dtype.kind()) {
      case 'f' -> dtype.size() == 8 ? data.getDouble(byteOffset) : data.getFloat(byteOffset);
      case 'b' -> data.get(byteOffset) != 0 ? 1 : 0;
      case 'u' -> dtype.size() == 8 ? unsignedLongToDouble(data.getLong(byteOffset)) : integer(byteOffset);
      default -> integer(byteOffset);
    };
  }

  /** Element at the given C-order flat index as a long; floats must hold an exact integer. */
  public long getLong(long index) {
    if (dtype.isFloat()) {
      double v = getDouble(index);
      if (v != Math.rint(v) || Math.abs(v) > 0x1p53) {
        throw new IngestException(file, "element " + index, "expected an integer, got " + v);
      }
      return (long) v;
    }
    return integer(Math.toIntExact(storageIndex(index) * dtype.size()));
  }

  /** Element {@code [row, col]} of a 2-d array, converted to double. */
  public double getDouble(int row, int col) {
    return getDouble((long) row * shape[1] + col);
  }

  /** All elements in C order, converted to double. */
  public double[] toDoubleArray() {
    double[] out = new double[Math.toIntExact(size)];
    for (int i = 0; i < out.length; i++) {
      out[i] = getDouble(i);
    }
    return out;
  }

  /**
   * Checks the shape; {@code -1} in {@code expected} matches any extent. Throws naming the file and
   * both shapes, since a wrong shape means the file is not the array the caller thinks it is.
   */
  public NpyArray requireShape(int... expected) {
    boolean ok = expected.length == shape.length;
    for (int d = 0; ok && d < expected.length; d++) {
      ok = expected[d] == -1 || expected[d] == shape[d];
    }
    if (!ok) {
      String want = shapeString(expected).replace("-1", "n");
      throw new IngestException(file, "shape", "expected an array of shape " + want + ", got " + shapeString());
    }
    return this;
  }

  /** Maps a C-order flat index to the position in the stored (C or Fortran order) element sequence. */
  private long storageIndex(long index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("index " + index + " outside array of shape " + shapeString()
          + " in " + file);
    }
    if (!fortranOrder || shape.length < 2) {
      return index;
    }
    long rest = index;
    // Decompose the C-order index into per-dimension coordinates (last dimension fastest) and
    // recompose them with Fortran strides (first dimension fastest).
    long[] coords = new long[shape.length];
    for (int d = shape.length - 1; d >= 0; d--) {
      coords[d] = rest % shape[d];
      rest /= shape[d];
    }
    long storage = 0;
    long stride = 1;
    for (int d = 0; d < shape.length; d++) {
      storage += coords[d] * stride;
      stride *= shape[d];
    }
    return storage;
  }

  private long integer(int byteOffset) {
    boolean unsigned = dtype.kind() == 'u';
    return switch (dtype.size()) {
      case 1 -> unsigned ? Byte.toUnsignedLong(data.get(byteOffset)) : data.get(byteOffset);
      case 2 -> unsigned ? Short.toUnsignedLong(data.getShort(byteOffset)) : data.getShort(byteOffset);
      case 4 -> unsigned ? Integer.toUnsignedLong(data.getInt(byteOffset)) : data.getInt(byteOffset);
      default -> {
        long v = data.getLong(byteOffset);
        if (unsigned && v < 0) {
          throw new IngestException(file, "element at byte " + byteOffset, "expected a uint64 that fits a signed"
              + " long, got " + Long.toUnsignedString(v));
        }
        yield v;
      }
    };
  }

  private static double unsignedLongToDouble(long v) {
    return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
  }

  @Override
  public String toString() {
    return "NpyArray[" + file + ", " + dtype.descr() + ", " + shapeString() + (fortranOrder ? ", fortran" : "") + "]";
  }
}
