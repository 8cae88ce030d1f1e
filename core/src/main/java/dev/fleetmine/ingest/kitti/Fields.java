package dev.fleetmine.ingest.kitti;

import dev.fleetmine.ingest.IngestException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** Strict parsing of the numeric fields of KITTI's text files, with errors that name file, line and field. */
final class Fields {
  // Double.parseDouble also accepts "NaN", "Infinity", hex floats and a trailing 'd' or 'f'; KITTI never
  // writes those, so they mean a corrupt line.
  private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d{1,9}");

  private Fields() {}

  /** All lines of a text file; a missing file is reported with {@code what} it was expected to be. */
  static List<String> lines(Path file, String what) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IngestException(file, "", what + " does not exist");
    } catch (IOException e) {
      throw new IngestException(file, "", "cannot read " + what + ": " + e.getMessage(), e);
    }
  }

  /** Splits a line and checks the field count against the expected field names. */
  static String[] split(Path file, int lineNo, String line, String separator, List<String> names) {
    String[] f = line.strip().split(separator, -1);
    if (f.length != names.size()) {
      throw new IngestException(file, "line " + lineNo, "expected " + names.size() + " fields ("
          + String.join(" ", names) + "), got " + f.length);
    }
    for (int i = 0; i < f.length; i++) {
      f[i] = f[i].strip();
    }
    return f;
  }

  /** A finite decimal number. */
  static double number(Path file, int lineNo, String field, String token) {
    if (!DECIMAL.matcher(token).matches()) {
      throw new IngestException(file, "line " + lineNo + ", field " + field,
          "expected a decimal number, got '" + token + "'");
    }
    return Double.parseDouble(token);
  }

  /** A decimal integer. */
  static int integer(Path file, int lineNo, String field, String token) {
    if (!INTEGER.matcher(token).matches()) {
      throw new IngestException(file, "line " + lineNo + ", field " + field, "expected an integer, got '" + token + "'");
    }
    return Integer.parseInt(token);
  }

  /** A non-negative frame number. */
  static int frame(Path file, int lineNo, String token) {
    int f = integer(file, lineNo, "frame", token);
    if (f < 0) {
      throw new IngestException(file, "line " + lineNo + ", field frame", "expected a frame number >= 0, got " + f);
    }
    return f;
  }
}
