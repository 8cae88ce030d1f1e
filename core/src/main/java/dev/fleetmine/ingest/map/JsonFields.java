package dev.fleetmine.ingest.map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetmine.ingest.IngestException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed access to the fields of a parsed map document: every accessor takes the JSON path of the node
 * it reads (for example {@code lane_segments.38109167.left_lane_boundary[2].x}) and throws an
 * {@link IngestException} naming the file and that path when the field is missing or of the wrong type.
 */
record JsonFields(Path file) {
  /** A field that must be present and not null; {@code expected} describes it for the message. */
  JsonNode field(JsonNode parent, String name, String path, String expected) {
    JsonNode n = parent.get(name);
    if (n == null || n.isNull()) {
      throw fail(join(path, name), "is missing; expected " + expected);
    }
    return n;
  }

  /** A required JSON object. */
  JsonNode object(JsonNode parent, String name, String path, String expected) {
    JsonNode n = field(parent, name, path, expected);
    if (!n.isObject()) {
      throw fail(join(path, name), "is " + kind(n) + "; expected " + expected);
    }
    return n;
  }

  /** Reads one point, as {x, y}, from the node at {@code path}; the format's own shape (object or array). */
  interface PointReader {
    double[] read(JsonNode point, String path);
  }

  /**
   * A polyline field of at least {@code min} points, as [x, y] pairs; {@code expected} describes the
   * format's points for messages and {@code reader} reads one.
   */
  double[][] points(JsonNode parent, String name, String path, int min, String expected, PointReader reader) {
    if (!parent.isObject()) {
      throw fail(path, "is not an object; expected a map feature");
    }
    JsonNode arr = array(parent, name, path, "an array of " + expected + " points");
    String at = join(path, name);
    if (arr.size() < min) {
      throw fail(at, "has " + arr.size() + " points; expected at least " + min);
    }
    double[][] pts = new double[arr.size()][];
    for (int i = 0; i < arr.size(); i++) {
      pts[i] = reader.read(arr.get(i), at + "[" + i + "]");
    }
    return pts;
  }

  /** A required JSON array. */
  JsonNode array(JsonNode parent, String name, String path, String expected) {
    JsonNode n = field(parent, name, path, expected);
    if (!n.isArray()) {
      throw fail(join(path, name), "is " + kind(n) + "; expected " + expected);
    }
    return n;
  }

  /** A required integral number (map feature ids). */
  long id(JsonNode parent, String name, String path) {
    JsonNode n = field(parent, name, path, "an integer");
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw fail(join(path, name), "is " + kind(n) + "; expected an integer");
    }
    return n.longValue();
  }

  /** A required array of integers (map feature ids). */
  List<Long> ids(JsonNode parent, String name, String path) {
    JsonNode arr = array(parent, name, path, "an array of ids");
    List<Long> out = new ArrayList<>(arr.size());
    for (int i = 0; i < arr.size(); i++) {
      JsonNode n = arr.get(i);
      if (!n.isIntegralNumber() || !n.canConvertToLong()) {
        throw fail(join(path, name) + "[" + i + "]", "is " + kind(n) + "; expected an integer");
      }
      out.add(n.longValue());
    }
    return out;
  }

  /** An optional integer (AV2's {@code left_neighbor_id}): empty when absent or null, else the one id. */
  List<Long> optionalId(JsonNode parent, String name, String path) {
    JsonNode n = parent.get(name);
    return n == null || n.isNull() ? List.of() : List.of(id(parent, name, path));
  }

  /** An optional array of integers: empty when absent (documents written before the field existed). */
  List<Long> optionalIds(JsonNode parent, String name, String path) {
    return parent.has(name) ? ids(parent, name, path) : List.of();
  }

  /** A required string. */
  String text(JsonNode parent, String name, String path) {
    JsonNode n = field(parent, name, path, "a string");
    if (!n.isTextual()) {
      throw fail(join(path, name), "is " + kind(n) + "; expected a string");
    }
    return n.textValue();
  }

  /** A required boolean. */
  boolean bool(JsonNode parent, String name, String path) {
    JsonNode n = field(parent, name, path, "true or false");
    if (!n.isBoolean()) {
      throw fail(join(path, name), "is " + kind(n) + "; expected true or false");
    }
    return n.booleanValue();
  }

  /** A required number. */
  double number(JsonNode n, String path) {
    if (n == null || n.isNull()) {
      throw fail(path, "is missing; expected a number");
    }
    if (!n.isNumber()) {
      throw fail(path, "is " + kind(n) + "; expected a number");
    }
    return n.doubleValue();
  }

  IngestException fail(String path, String message) {
    return new IngestException(file, path, message);
  }

  static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static String kind(JsonNode n) {
    return switch (n.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "the string \"" + n.textValue() + "\"";
      case NUMBER -> "the number " + n.asText();
      case BOOLEAN -> n.asText();
      default -> n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
