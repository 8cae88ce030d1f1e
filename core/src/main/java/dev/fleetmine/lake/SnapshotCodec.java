package dev.fleetmine.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/** Reads and writes snapshot JSON files (format documented in docs/schema.md#lake-layout). */
final class SnapshotCodec {
  static final int FORMAT_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private SnapshotCodec() {}

  static byte[] encode(Snapshot s) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format_version", FORMAT_VERSION);
    root.put("version", s.version());
    root.put("committed_at", s.committedAt());
    root.put("operation", s.operation());
    ObjectNode logs = root.putObject("logs");
    for (LogEntry e : s.entries()) {
      ObjectNode log = logs.putObject(e.logId());
      ObjectNode files = log.putObject("files");
      for (Table t : Table.values()) {
        files.put(t.tableName(), e.file(t));
      }
      if (e.mapFile() != null) {
        log.put("map", e.mapFile());
      }
      if (e.schema() != null) {
        log.put("schema", e.schema());
      }
    }
    ObjectNode tags = root.putObject("tags");
    s.tags().forEach(tags::put);
    ObjectNode forecasts = root.putObject("forecasts");
    s.forecasts().forEach(forecasts::put);
    ObjectNode boxes2d = root.putObject("boxes2d");
    s.boxes2d().forEach(boxes2d::put);
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (IOException e) {
      throw new LakeException("cannot encode snapshot " + s.version(), e);
    }
  }

  static Snapshot decode(byte[] bytes, String where) {
    try {
      JsonNode root = JSON.readTree(bytes);
      int format = root.path("format_version").asInt(-1);
      if (format != FORMAT_VERSION) {
        throw new LakeException(where + ": format_version " + format + " is not supported (expected "
            + FORMAT_VERSION + "); was this lake written by a newer Fleetmine?");
      }
      TreeMap<String, LogEntry> logs = new TreeMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = root.path("logs").fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> log = it.next();
        EnumMap<Table, String> files = new EnumMap<>(Table.class);
        for (Table t : Table.values()) {
          JsonNode f = log.getValue().path("files").path(t.tableName());
          if (!f.isTextual()) {
            throw new LakeException(where + ": log " + log.getKey() + " lacks files." + t.tableName());
          }
          files.put(t, f.asText());
        }
        JsonNode map = log.getValue().get("map");
        JsonNode schema = log.getValue().get("schema");
        logs.put(log.getKey(), new LogEntry(log.getKey(), files, map == null ? null : map.asText(),
            schema == null ? null : schema.asText()));
      }
      TreeMap<String, String> tags = new TreeMap<>();
      root.path("tags").fields().forEachRemaining(t -> tags.put(t.getKey(), t.getValue().asText()));
      // snapshots written before the forecasts table existed have no such field: no forecasts
      TreeMap<String, String> forecasts = new TreeMap<>();
      root.path("forecasts").fields().forEachRemaining(f -> forecasts.put(f.getKey(), f.getValue().asText()));
      // likewise boxes2d: absent in older snapshots means no 2D boxes
      TreeMap<String, String> boxes2d = new TreeMap<>();
      root.path("boxes2d").fields().forEachRemaining(b -> boxes2d.put(b.getKey(), b.getValue().asText()));
      return new Snapshot(root.path("version").asLong(), root.path("committed_at").asLong(),
          root.path("operation").asText(), logs, tags, forecasts, boxes2d);
    } catch (IOException e) {
      throw new LakeException(where + ": not a readable snapshot: " + e.getMessage(), e);
    }
  }
}
