package dev.fleetmine.ingest.map;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the map document the Waymo importer writes ({@code "format": "fleetmine-waymo-map"}, version 1;
 * docs/formats/waymo.md). Waymo lanes are centrelines without boundaries, so a lane's area is
 * approximated by rectangles {@value #LANE_HALF_WIDTH_M} m either side of each centreline segment
 * ({@value #BIKE_HALF_WIDTH_M} m for bike lanes); the drivable area is the union of the lanes and
 * driveways (the format has road edges only as open polylines); intersections are not marked. A stop
 * sign stops the lanes it controls and the lanes entering them (from {@code entry_lanes} and
 * {@code exit_lanes}): Waymo's controlled lanes begin at the stop line.
 */
final class WaymoMapReader {
  static final String FORMAT = "fleetmine-waymo-map";
  static final double LANE_HALF_WIDTH_M = 1.75;
  static final double BIKE_HALF_WIDTH_M = 0.75;

  private final JsonFields json;

  WaymoMapReader(JsonFields json) {
    this.json = json;
  }

  /** The map of a parsed document whose {@code format} is {@value #FORMAT}. */
  VectorMap read(JsonNode root) {
    long version = json.id(root, "version", "");
    if (version != 1) {
      throw json.fail("version", "is " + version + "; expected 1");
    }
    List<Lane> lanes = new ArrayList<>();
    List<Polygon> drivable = new ArrayList<>();
    Map<Long, Set<Long>> entering = new HashMap<>();
    JsonNode arr = json.array(root, "lanes", "", "an array of lanes");
    for (int i = 0; i < arr.size(); i++) {
      String path = "lanes[" + i + "]";
      JsonNode n = arr.get(i);
      String type = laneType(json.text(n, "type", path));
      double half = type.equals("BIKE") ? BIKE_HALF_WIDTH_M : LANE_HALF_WIDTH_M;
      // left_neighbors/right_neighbors came in after version 1's first documents: absent reads as none
      Lane lane = new Lane(json.id(n, "id", path), type, null, corridor(points(n, "polyline", path, 1), half),
          json.optionalIds(n, "left_neighbors", path), json.optionalIds(n, "right_neighbors", path));
      lanes.add(lane);
      drivable.addAll(lane.pieces());
      // the lane graph both ways: a lane's entry lanes enter it, and it enters its exit lanes
      entering.computeIfAbsent(lane.id(), k -> new TreeSet<>()).addAll(json.ids(n, "entry_lanes", path));
      for (long exit : json.ids(n, "exit_lanes", path)) {
        entering.computeIfAbsent(exit, k -> new TreeSet<>()).add(lane.id());
      }
    }
    List<Polygon> crosswalks = polygons(root, "crosswalks");
    drivable.addAll(polygons(root, "driveways"));
    return new VectorMap("waymo", lanes, crosswalks, drivable, false, stopSigns(root, entering));
  }

  /** The stop signs, each stopping the lanes it controls and the lanes entering those. */
  private List<StopSign> stopSigns(JsonNode root, Map<Long, Set<Long>> entering) {
    List<StopSign> signs = new ArrayList<>();
    JsonNode arr = json.array(root, "stop_signs", "", "an array of stop signs");
    for (int i = 0; i < arr.size(); i++) {
      String path = "stop_signs[" + i + "]";
      JsonNode n = arr.get(i);
      Set<Long> stopped = new TreeSet<>();
      for (long controlled : json.ids(n, "lanes", path)) {
        stopped.add(controlled);
        stopped.addAll(entering.getOrDefault(controlled, Set.of()));
      }
      double[] at = point(json.field(n, "position", path, "[x, y, z]"), path + ".position");
      signs.add(new StopSign(json.id(n, "id", path), at[0], at[1], List.copyOf(stopped)));
    }
    return signs;
  }

  /** Waymo's LaneCenter.LaneType onto the AV2 names the lake uses. */
  static String laneType(String waymo) {
    return switch (waymo) {
      case "TYPE_FREEWAY", "TYPE_SURFACE_STREET" -> "VEHICLE";
      case "TYPE_BIKE_LANE" -> "BIKE";
      default -> waymo.startsWith("TYPE_") ? waymo.substring(5) : waymo;
    };
  }

  /** One rectangle per centreline segment, {@code half} metres either side of it. */
  static List<Polygon> corridor(double[][] line, double half) {
    List<Polygon> pieces = new ArrayList<>();
    for (int i = 1; i < line.length; i++) {
      double dx = line[i][0] - line[i - 1][0];
      double dy = line[i][1] - line[i - 1][1];
      double len = Math.hypot(dx, dy);
      if (len == 0) {
        continue;
      }
      double nx = -dy / len * half;
      double ny = dx / len * half;
      pieces.add(new Polygon(
          new double[] {line[i - 1][0] + nx, line[i][0] + nx, line[i][0] - nx, line[i - 1][0] - nx},
          new double[] {line[i - 1][1] + ny, line[i][1] + ny, line[i][1] - ny, line[i - 1][1] - ny}));
    }
    return pieces;
  }

  private List<Polygon> polygons(JsonNode root, String name) {
    List<Polygon> out = new ArrayList<>();
    JsonNode arr = json.array(root, name, "", "an array of " + name);
    for (int i = 0; i < arr.size(); i++) {
      out.add(Polygon.of(points(arr.get(i), "polygon", name + "[" + i + "]", 3)));
    }
    return out;
  }

  /** A list of at least {@code min} [x, y, z] points, as [x, y] pairs. */
  private double[][] points(JsonNode parent, String name, String path, int min) {
    return json.points(parent, name, path, min, "[x, y, z]", this::point);
  }

  /** One [x, y, z] point as [x, y]. */
  private double[] point(JsonNode p, String path) {
    if (!p.isArray() || p.size() < 2) {
      throw json.fail(path, "is not a point; expected [x, y, z]");
    }
    return new double[] {json.number(p.get(0), path + "[0]"), json.number(p.get(1), path + "[1]")};
  }
}
