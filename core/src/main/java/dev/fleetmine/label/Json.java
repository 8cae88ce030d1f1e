package dev.fleetmine.label;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/** Typed access to fields of annotation JSON, each miss reported as a problem naming the JSON path. */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final Path file;
  private final Parsed out;

  Json(Path file, Parsed out) {
    this.file = file;
    this.out = out;
  }

  /** Parses the bytes; a syntax error becomes a problem with its line and column, and null is returned. */
  JsonNode parse(byte[] bytes) {
    try {
      return MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      out.problem(file, loc == null ? "JSON" : "line " + loc.getLineNr() + " column " + loc.getColumnNr(),
          "not valid JSON: " + e.getOriginalMessage());
      return null;
    } catch (IOException e) {
      out.problem(file, "JSON", "cannot read: " + e.getMessage());
      return null;
    }
  }

  void problem(String path, String what) {
    out.problem(file, path, what);
  }

  /** The object at {@code parent.field}, or null after a problem (missing or not an object). */
  JsonNode object(JsonNode parent, String path, String field, boolean required) {
    JsonNode v = parent.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        problem(path + "." + field, "missing; expected an object");
      }
      return null;
    }
    if (!v.isObject()) {
      problem(path + "." + field, "wrong type: expected an object, got " + type(v));
      return null;
    }
    return v;
  }

  /** True when {@code v} (found at {@code path}) is an object; else a problem is reported and false returned. */
  boolean isObject(JsonNode v, String path) {
    if (v.isObject()) {
      return true;
    }
    problem(path, "wrong type: expected an object, got " + type(v));
    return false;
  }

  JsonNode array(JsonNode parent, String path, String field, boolean required) {
    JsonNode v = parent.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        problem(path + "." + field, "missing; expected an array");
      }
      return null;
    }
    if (!v.isArray()) {
      problem(path + "." + field, "wrong type: expected an array, got " + type(v));
      return null;
    }
    return v;
  }

  String text(JsonNode parent, String path, String field, boolean required) {
    JsonNode v = parent.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        problem(path + "." + field, "missing; expected a string");
      }
      return null;
    }
    if (!v.isTextual()) {
      problem(path + "." + field, "wrong type: expected a string, got " + type(v));
      return null;
    }
    return v.asText();
  }

  /** An integer field, or null after a problem. */
  Long integer(JsonNode parent, String path, String field, boolean required) {
    JsonNode v = parent.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        problem(path + "." + field, "missing; expected an integer");
      }
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      problem(path + "." + field, "wrong type: expected an integer, got " + type(v));
      return null;
    }
    return v.asLong();
  }

  /** A number field (NaN after a problem, so that callers can go on looking for more problems). */
  double number(JsonNode parent, String path, String field) {
    JsonNode v = parent.get(field);
    if (v == null || v.isNull()) {
      problem(path + "." + field, "missing; expected a number");
      return Double.NaN;
    }
    return number(v, path + "." + field);
  }

  double number(JsonNode v, String path) {
    if (!v.isNumber()) {
      problem(path, "wrong type: expected a number, got " + type(v));
      return Double.NaN;
    }
    return v.asDouble();
  }

  static String type(JsonNode v) {
    return switch (v.getNodeType()) {
      case STRING -> "a string (" + abbreviate(v.asText()) + ")";
      case NUMBER -> "a number (" + v.asText() + ")";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NULL -> "null";
      default -> v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static String abbreviate(String s) {
    return "'" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'";
  }
}
