package dev.fleetmine.ingest.npy;

import dev.fleetmine.ingest.IngestException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A strict reader of NumPy's NPY format (versions 1.0, 2.0 and 3.0) for numeric arrays.
 *
 * <p>The header is a Python dict literal with exactly the keys {@code descr}, {@code fortran_order} and
 * {@code shape}; the data must be exactly as long as the shape says. Anything else (a pickled object
 * array, a structured dtype, a truncated or over-long file) is an {@link IngestException} naming the file
 * and what was expected, because a silently misread array would poison every derived value.
 */
public final class NpyReader {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  private NpyReader() {}

  /** Reads a whole NPY file. */
  public static NpyArray read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IngestException(file, "", "file does not exist; expected an NPY array here");
    } catch (IOException e) {
      throw new IngestException(file, "", "cannot read: " + e.getMessage(), e);
    }
    return parse(file, bytes);
  }

  /** Parses NPY bytes; {@code file} names the source in errors. */
  public static NpyArray parse(Path file, byte[] bytes) {
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 10 || !startsWithMagic(bytes)) {
      throw new IngestException(file, "magic", "not an NPY file: expected the bytes \\x93NUMPY at offset 0");
    }
    int major = bytes[6] & 0xff;
    int minor = bytes[7] & 0xff;
    int headerLength;
    int headerStart;
    if (major == 1) {
      headerLength = buf.getShort(8) & 0xffff;
      headerStart = 10;
    } else if (major == 2 || major == 3) {
      if (bytes.length < 12) {
        throw new IngestException(file, "header", "truncated: file ends inside the header length");
      }
      headerLength = buf.getInt(8);
      headerStart = 12;
    } else {
      throw new IngestException(file, "version", "unsupported NPY version " + major + "." + minor
          + "; expected 1.0, 2.0 or 3.0");
    }
    if (headerLength < 0 || (long) headerStart + headerLength > bytes.length) {
      throw new IngestException(file, "header", "truncated: header of " + headerLength + " bytes, but the file has "
          + (bytes.length - headerStart) + " bytes after the header length");
    }
    String header = new String(bytes, headerStart, headerLength,
        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    Map<String, Object> dict = new HeaderParser(file, header).parseHeader();
    return build(file, dict, buf, headerStart + headerLength);
  }

  private static boolean startsWithMagic(byte[] bytes) {
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  /** Checks the header dict's keys and types and slices out exactly the data it describes. */
  private static NpyArray build(Path file, Map<String, Object> dict, ByteBuffer buf, int dataStart) {
    if (!dict.keySet().equals(Set.of("descr", "fortran_order", "shape"))) {
      throw new IngestException(file, "header", "expected exactly the keys descr, fortran_order, shape; got "
          + dict.keySet());
    }
    if (!(dict.get("descr") instanceof String descr)) {
      throw new IngestException(file, "header: descr", "expected a dtype string such as '<f8', got "
          + dict.get("descr") + " (structured arrays are not supported)");
    }
    NpyDtype dtype = NpyDtype.parse(descr);
    if (dtype == null) {
      throw new IngestException(file, "header: descr", "unsupported dtype '" + descr + "'; expected one of "
          + NpyDtype.SUPPORTED);
    }
    if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
      throw new IngestException(file, "header: fortran_order", "expected True or False, got "
          + dict.get("fortran_order"));
    }
    if (!(dict.get("shape") instanceof int[] shape)) {
      throw new IngestException(file, "header: shape", "expected a tuple of integers, got " + dict.get("shape"));
    }
    long expected;
    try {
      expected = Math.multiplyExact(NpyArray.elementCount(shape), dtype.size());
    } catch (ArithmeticException e) {
      throw new IngestException(file, "header: shape", "shape " + NpyArray.shapeString(shape) + " is too large");
    }
    long actual = buf.capacity() - (long) dataStart;
    if (actual != expected) {
      throw new IngestException(file, "data", (actual < expected ? "truncated: " : "trailing bytes: ")
          + "shape " + NpyArray.shapeString(shape) + " of " + descr + " needs " + expected
          + " data bytes, the file has " + actual);
    }
    ByteBuffer data = buf.slice(dataStart, (int) expected);
    return new NpyArray(file, dtype, shape, fortran, data);
  }

  /** Recursive-descent parser of the header's Python literal: a dict of strings, booleans and int tuples. */
  private static final class HeaderParser {
    private final Path file;
    private final String s;
    private int pos;

    HeaderParser(Path file, String s) {
      this.file = file;
      this.s = s;
    }

    Map<String, Object> parseHeader() {
      Map<String, Object> dict = new LinkedHashMap<>();
      skipSpace();
      expect('{');
      skipSpace();
      while (peek() != '}') {
        String key = string();
        skipSpace();
        expect(':');
        skipSpace();
        if (dict.put(key, value()) != null) {
          throw error("key '" + key + "' appears twice");
        }
        skipSpace();
        if (peek() == ',') {
          pos++;
          skipSpace();
        } else if (peek() != '}') {
          throw error("expected ',' or '}'");
        }
      }
      pos++;
      // NumPy pads the header with spaces and ends it with a newline; nothing else may follow.
      skipSpace();
      if (pos != s.length()) {
        throw error("unexpected text after the header dict");
      }
      return dict;
    }

    private Object value() {
      char c = peek();
      if (c == '\'' || c == '"') {
        return string();
      }
      if (c == '(') {
        return tuple();
      }
      if (s.startsWith("True", pos)) {
        pos += 4;
        return Boolean.TRUE;
      }
      if (s.startsWith("False", pos)) {
        pos += 5;
        return Boolean.FALSE;
      }
      throw error("expected a string, a tuple, True or False");
    }

    private int[] tuple() {
      expect('(');
      List<Integer> dims = new ArrayList<>();
      skipSpace();
      while (peek() != ')') {
        int start = pos;
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
          pos++;
        }
        if (start == pos) {
          throw error("expected a non-negative integer in the shape tuple");
        }
        try {
          dims.add(Integer.parseInt(s.substring(start, pos)));
        } catch (NumberFormatException e) {
          throw error("dimension " + s.substring(start, pos) + " is too large");
        }
        skipSpace();
        if (peek() == ',') {
          pos++;
          skipSpace();
        } else if (peek() != ')') {
          throw error("expected ',' or ')' in the shape tuple");
        }
      }
      pos++;
      return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    private String string() {
      char quote = peek();
      if (quote != '\'' && quote != '"') {
        throw error("expected a quoted string");
      }
      int end = s.indexOf(quote, pos + 1);
      if (end < 0) {
        throw error("unterminated string");
      }
      String v = s.substring(pos + 1, end);
      pos = end + 1;
      return v;
    }

    private char peek() {
      if (pos >= s.length()) {
        throw error("header ends early");
      }
      return s.charAt(pos);
    }

    private void expect(char c) {
      if (peek() != c) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    private void skipSpace() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    private IngestException error(String what) {
      return new IngestException(file, "header at character " + pos, what + " in the header dict " + s.strip());
    }
  }
}
