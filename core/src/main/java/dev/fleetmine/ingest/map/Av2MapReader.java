package dev.fleetmine.ingest.map;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an Argoverse 2 vector map ({@code log_map_archive_*.json}, sensor and motion-forecasting
 * datasets): objects {@code lane_segments}, {@code pedestrian_crossings} and {@code drivable_areas}, each
 * keyed by feature id, with points as {@code {"x", "y", "z"}} objects in the city frame.
 */
final class Av2MapReader {
  private final JsonFields json;

  Av2MapReader(JsonFields json) {
    this.json = json;
  }

  /** The map of a parsed AV2 document. */
  VectorMap read(JsonNode root) {
    List<Lane> lanes = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : features(root, "lane_segments", "lane segments")) {
      lanes.add(lane(e.getValue(), "lane_segments." + e.getKey()));
    }
    List<Polygon> crosswalks = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : features(root, "pedestrian_crossings", "crossings")) {
      String path = "pedestrian_crossings." + e.getKey();
      crosswalks.add(Polygon.band(points(e.getValue(), "edge1", path, 2), points(e.getValue(), "edge2", path, 2)));
    }
    List<Polygon> drivable = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : features(root, "drivable_areas", "drivable areas")) {
      drivable.add(Polygon.of(points(e.getValue(), "area_boundary", "drivable_areas." + e.getKey(), 3)));
    }
    return new VectorMap("av2", lanes, crosswalks, drivable, true);
  }

  /** The entries of a top-level object of features keyed by id. */
  private Set<Map.Entry<String, JsonNode>> features(JsonNode root, String name, String what) {
    return json.object(root, name, "", "an object of " + what + " by id").properties();
  }

  /**
   * One lane segment: its polygon runs along the left boundary and back along the right one; its
   * neighbours are {@code left_neighbor_id} and {@code right_neighbor_id} (null or absent: none).
   */
  private Lane lane(JsonNode n, String path) {
    if (!n.isObject()) {
      throw json.fail(path, "is not an object; expected a lane segment");
    }
    long id = json.id(n, "id", path);
    boolean intersection = json.bool(n, "is_intersection", path);
    String type = json.text(n, "lane_type", path);
    double[][] left = points(n, "left_lane_boundary", path, 2);
    double[][] right = points(n, "right_lane_boundary", path, 2);
    return new Lane(id, type, intersection, List.of(Polygon.band(left, right)),
        json.optionalId(n, "left_neighbor_id", path), json.optionalId(n, "right_neighbor_id", path));
  }

  /** A polyline of at least {@code min} {x, y, z} points, as [x, y] pairs. */
  private double[][] points(JsonNode parent, String name, String path, int min) {
    return json.points(parent, name, path, min, "{\"x\", \"y\", \"z\"}", (p, pp) -> {
      if (!p.isObject()) {
        throw json.fail(pp, "is not an object; expected a point {\"x\", \"y\", \"z\"}");
      }
      return new double[] {json.number(p.get("x"), pp + ".x"), json.number(p.get("y"), pp + ".y")};
    });
  }
}
