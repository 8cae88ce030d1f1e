package dev.fleetmine.label;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetmine.lake.CurationStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One status change of a batch, written once as {@code batches/<batch>/events/<seq>.json} (append-only:
 * events are never changed or removed; the batch's status is derived from them).
 *
 * @param seq    1, 2, ... in the order they happened (the file name, zero-padded)
 * @param type   what happened
 * @param at     when
 * @param detail what it was about (format, version, annotator, QA figures, ...), in insertion order
 */
public record BatchEvent(int seq, Type type, Instant at, Map<String, String> detail) {
  /** The kinds of events; all but {@link #AUDIT} move the batch's status. */
  public enum Type {
    CREATED, EXPORTED, IMPORTED, QA, AUDIT;

    public String jsonName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Type parse(String s, Path file) {
      for (Type t : values()) {
        if (t.jsonName().equals(s)) {
          return t;
        }
      }
      throw new IllegalArgumentException(file + ": 'type': unknown event type '" + s + "'");
    }
  }

  public BatchEvent {
    requireNonNull(type, "type is null");
    requireNonNull(at, "at is null");
    detail = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(detail));
  }

  /** The event's file name: {@code 000007.json}. */
  public static String fileName(int seq) {
    return String.format(java.util.Locale.ROOT, "%06d.json", seq);
  }

  public ObjectNode toJson() {
    ObjectNode o = CurationStore.json().createObjectNode();
    o.put("seq", seq);
    o.put("type", type.jsonName());
    o.put("at", at.toString());
    ObjectNode d = o.putObject("detail");
    detail.forEach(d::put);
    return o;
  }

  public static BatchEvent fromJson(JsonNode o, Path file) {
    Map<String, String> detail = new LinkedHashMap<>();
    o.path("detail").fields().forEachRemaining(e -> detail.put(e.getKey(), e.getValue().asText()));
    return new BatchEvent(o.path("seq").asInt(), Type.parse(o.path("type").asText(), file), Instant.parse(o.path("at").asText()),
        detail);
  }

  /** A one-line description: {@code exported (openlabel)}, {@code imported v2 (alice)}, {@code qa (...)}. */
  public String describe() {
    return switch (type) {
      case CREATED -> "created";
      case EXPORTED -> "exported (" + detail.getOrDefault("format", "?") + ")";
      case IMPORTED -> "imported " + detail.getOrDefault("version", "?") + " (" + detail.getOrDefault("annotator", "?") + ")";
      case QA -> "qa (" + detail.getOrDefault("result", "?") + ")";
      case AUDIT -> "audit (" + detail.getOrDefault("version", "?") + ", " + detail.getOrDefault("sample", "?") + " frames)";
    };
  }
}
