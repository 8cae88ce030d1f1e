package dev.fleetmine.ingest.map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetmine.ingest.IngestException;
import java.io.IOException;
import java.nio.file.Path;

/** Reads a log's map file, recognizing its format from the document's top-level fields. */
public final class MapFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MapFiles() {}

  /**
   * The map in {@code file}: a Waymo importer map when its {@code format} is {@code fleetmine-waymo-map},
   * an Argoverse 2 map when it has {@code lane_segments}.
   *
   * @throws IngestException when the file cannot be read, is not JSON, or a field is missing or mistyped
   */
  public static VectorMap read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new IngestException(file, where, "is not valid JSON (truncated file?): " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IngestException(file, "", "cannot read the map file: " + e.getMessage(), e);
    }
    JsonFields fields = new JsonFields(file);
    if (root == null || root.isMissingNode() || !root.isObject()) {
      throw fields.fail("", "is not a JSON object; expected a map document");
    }
    if (root.has("format") && WaymoMapReader.FORMAT.equals(root.get("format").asText())) {
      return new WaymoMapReader(fields).read(root);
    }
    if (root.has("lane_segments")) {
      return new Av2MapReader(fields).read(root);
    }
    throw fields.fail("", "is neither an Argoverse 2 map (no lane_segments) nor a " + WaymoMapReader.FORMAT
        + " document (no format field)");
  }
}
