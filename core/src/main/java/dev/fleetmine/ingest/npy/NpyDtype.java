package dev.fleetmine.ingest.npy;

import java.nio.ByteOrder;

/**
 * A numeric NumPy scalar type as written in an NPY header's {@code descr}, such as {@code <f8}.
 *
 * @param kind  {@code f} float, {@code i} signed integer, {@code u} unsigned integer, {@code b} boolean
 * @param size  bytes per element
 * @param order byte order of the elements
 */
public record NpyDtype(char kind, int size, ByteOrder order) {
  /** The dtypes this reader supports, for error messages. */
  public static final String SUPPORTED = "<f8 <f4 <i8 <i4 <i2 |i1 <u8 <u4 <u2 |u1 |b1 (or their big-endian '>' forms)";

  public NpyDtype {
    boolean ok = switch (kind) {
      case 'f' -> size == 4 || size == 8;
      case 'i', 'u' -> size == 1 || size == 2 || size == 4 || size == 8;
      case 'b' -> size == 1;
      default -> false;
    };
    if (!ok) {
      throw new IllegalArgumentException("unsupported dtype kind '" + kind + "' of size " + size);
    }
  }

  /**
   * Parses a simple {@code descr} string; returns null for anything else (strings, objects, complex,
   * structured, datetime), which the reader reports as unsupported.
   */
  static NpyDtype parse(String descr) {
    if (descr.length() < 3) {
      return null;
    }
    char endian = descr.charAt(0);
    ByteOrder order = switch (endian) {
      case '<', '|' -> ByteOrder.LITTLE_ENDIAN;
      case '>' -> ByteOrder.BIG_ENDIAN;
      case '=' -> ByteOrder.nativeOrder();
      default -> null;
    };
    char kind = descr.charAt(1);
    String digits = descr.substring(2);
    if (order == null || !digits.matches("[1248]")) {
      return null;
    }
    int size = Integer.parseInt(digits);
    boolean ok = switch (kind) {
      case 'f' -> size == 4 || size == 8;
      case 'i', 'u' -> true;
      case 'b' -> size == 1;
      default -> false;
    };
    return ok ? new NpyDtype(kind, size, order) : null;
  }

  /** The descr NumPy writes for this type, for example {@code <f8}. */
  public String descr() {
    char endian = size == 1 ? '|' : order == ByteOrder.BIG_ENDIAN ? '>' : '<';
    return "" + endian + kind + size;
  }

  public boolean isFloat() {
    return kind == 'f';
  }
}
