package dev.fleetmine.ingest.waymo;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.fleetmine.ingest.waymo.proto.LaneCenter;
import dev.fleetmine.ingest.waymo.proto.LaneNeighbor;
import dev.fleetmine.ingest.waymo.proto.MapFeature;
import dev.fleetmine.ingest.waymo.proto.MapPoint;
import dev.fleetmine.ingest.waymo.proto.Scenario;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a scenario's static map features as the small JSON document described in docs/formats/waymo.md.
 *
 * <p>Coordinates stay in the Waymo frame, as the other importers keep their source maps in the source
 * frame; the document carries the log's origin so a reader can subtract it to get log-local positions.
 */
final class WaymoMap {
  /** Value of the document's {@code format} field; bump {@link #VERSION} on incompatible changes. */
  static final String FORMAT = "fleetmine-waymo-map";
  static final int VERSION = 1;

  private static final JsonFactory JSON = new JsonFactory();

  private WaymoMap() {}

  /** The map feature kind of {@code f} as named in the JSON document and the log metadata. */
  static String kind(MapFeature f) {
    return switch (f.getFeatureDataCase()) {
      case LANE -> "lanes";
      case ROAD_LINE -> "road_lines";
      case ROAD_EDGE -> "road_edges";
      case STOP_SIGN -> "stop_signs";
      case CROSSWALK -> "crosswalks";
      case SPEED_BUMP -> "speed_bumps";
      case DRIVEWAY -> "driveways";
      case FEATUREDATA_NOT_SET -> "unknown";
    };
  }

  /** Number of map features per kind (only kinds present), in name order. */
  static Map<String, Integer> counts(Scenario s) {
    Map<String, Integer> counts = new TreeMap<>();
    for (MapFeature f : s.getMapFeaturesList()) {
      counts.merge(kind(f), 1, Integer::sum);
    }
    return counts;
  }

  /** Writes the map of {@code s} to {@code target}; features of a kind this schema lacks are left out. */
  static void write(Scenario s, double[] origin, Path target) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(target.toFile(), JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("format", FORMAT);
      g.writeNumberField("version", VERSION);
      g.writeStringField("scenario_id", s.getScenarioId());
      g.writeStringField("frame", "waymo");
      g.writeFieldName("origin");
      g.writeArray(origin, 0, 3);
      for (String kind : List.of("lanes", "road_lines", "road_edges", "crosswalks", "speed_bumps", "driveways",
          "stop_signs")) {
        g.writeArrayFieldStart(kind);
        for (MapFeature f : s.getMapFeaturesList()) {
          if (kind(f).equals(kind)) {
            writeFeature(g, f);
          }
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    }
  }

  private static void writeFeature(JsonGenerator g, MapFeature f) throws IOException {
    g.writeStartObject();
    g.writeNumberField("id", f.getId());
    switch (f.getFeatureDataCase()) {
      case LANE -> writeLane(g, f.getLane());
      case ROAD_LINE -> {
        g.writeStringField("type", f.getRoadLine().getType().name());
        writePoints(g, "polyline", f.getRoadLine().getPolylineList());
      }
      case ROAD_EDGE -> {
        g.writeStringField("type", f.getRoadEdge().getType().name());
        writePoints(g, "polyline", f.getRoadEdge().getPolylineList());
      }
      case CROSSWALK -> writePoints(g, "polygon", f.getCrosswalk().getPolygonList());
      case SPEED_BUMP -> writePoints(g, "polygon", f.getSpeedBump().getPolygonList());
      case DRIVEWAY -> writePoints(g, "polygon", f.getDriveway().getPolygonList());
      case STOP_SIGN -> {
        writeIds(g, "lanes", f.getStopSign().getLaneList());
        g.writeFieldName("position");
        writePoint(g, f.getStopSign().getPosition());
      }
      case FEATUREDATA_NOT_SET -> { }
    }
    g.writeEndObject();
  }

  private static void writeLane(JsonGenerator g, LaneCenter lane) throws IOException {
    g.writeStringField("type", lane.getType().name());
    if (lane.hasSpeedLimitMph()) {
      g.writeNumberField("speed_limit_mph", lane.getSpeedLimitMph());
    } else {
      g.writeNullField("speed_limit_mph");
    }
    g.writeBooleanField("interpolating", lane.getInterpolating());
    writeIds(g, "entry_lanes", lane.getEntryLanesList());
    writeIds(g, "exit_lanes", lane.getExitLanesList());
    writeIds(g, "left_neighbors", lane.getLeftNeighborsList().stream().map(LaneNeighbor::getFeatureId).toList());
    writeIds(g, "right_neighbors", lane.getRightNeighborsList().stream().map(LaneNeighbor::getFeatureId).toList());
    writePoints(g, "polyline", lane.getPolylineList());
  }

  private static void writeIds(JsonGenerator g, String name, List<Long> ids) throws IOException {
    g.writeArrayFieldStart(name);
    for (long id : ids) {
      g.writeNumber(id);
    }
    g.writeEndArray();
  }

  private static void writePoints(JsonGenerator g, String name, List<MapPoint> points) throws IOException {
    g.writeArrayFieldStart(name);
    for (MapPoint p : points) {
      writePoint(g, p);
    }
    g.writeEndArray();
  }

  private static void writePoint(JsonGenerator g, MapPoint p) throws IOException {
    g.writeStartArray();
    g.writeNumber(p.getX());
    g.writeNumber(p.getY());
    g.writeNumber(p.getZ());
    g.writeEndArray();
  }
}
