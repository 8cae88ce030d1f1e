package dev.fleetmine.ingest.map;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Exact distances from log-local positions to a map's features, for the columns that RefAV-style
 * predicates threshold ({@code intersection_distance}, {@code crosswalk_distance},
 * {@code stop_sign_distance}; docs/schema.md#map-columns). Unlike the 0.5 m cells of {@link MapRaster},
 * these are computed for the position itself.
 *
 * <p>Distances beyond {@value #CAP_M} m are not computed (null): the predicates that read them use 1-10 m,
 * and the cap keeps the search to the features whose bounding box is that close.
 */
public final class MapDistances {
  /** Distances above this many metres are reported as unknown (null). */
  public static final double CAP_M = 20.0;
  /** A stop sign still counts when it is up to this far behind the position (RefAV: x > -1 m in the sign frame). */
  public static final double STOP_SIGN_BEHIND_M = 1.0;
  /** A stop sign counts when it is less than this far to either side of the heading (RefAV: 7 m). */
  public static final double STOP_SIGN_LATERAL_M = 7.0;

  private final List<Area> intersections;
  private final List<Area> crosswalks;
  private final List<Sign> signs;

  /** A log-local polygon with its bounding box. */
  private record Area(Polygon polygon, double minX, double minY, double maxX, double maxY) {
    Area(Polygon p) {
      this(p, p.minX(), p.minY(), p.maxX(), p.maxY());
    }

    /** A lower bound of the squared distance from (x, y) to the polygon: to its bounding box. */
    double boxDistanceSquared(double x, double y) {
      double dx = Math.max(0, Math.max(minX - x, x - maxX));
      double dy = Math.max(0, Math.max(minY - y, y - maxY));
      return dx * dx + dy * dy;
    }

    boolean contains(double x, double y) {
      return boxDistanceSquared(x, y) == 0 && polygon.contains(x, y);
    }
  }

  /** A log-local stop sign and the areas of the lanes it stops. */
  private record Sign(double x, double y, List<Area> lanes) {}

  /** The measures of {@code map} for a log whose origin in the map's frame is (originX, originY). */
  public MapDistances(VectorMap map, double originX, double originY) {
    Map<Long, Lane> byId = new HashMap<>();
    List<Area> inIntersection = new ArrayList<>();
    for (Lane lane : map.lanes()) {
      byId.put(lane.id(), lane);
      if (Boolean.TRUE.equals(lane.intersection())) {
        lane.pieces().forEach(p -> inIntersection.add(new Area(p.minus(originX, originY))));
      }
    }
    this.intersections = map.knowsIntersections() ? inIntersection : null;
    this.crosswalks = map.crosswalks().stream().map(p -> new Area(p.minus(originX, originY))).toList();
    List<Sign> s = new ArrayList<>();
    for (StopSign sign : map.stopSigns()) {
      List<Area> lanes = new ArrayList<>();
      for (long id : sign.lanes()) {
        Lane lane = byId.get(id);
        if (lane != null) {
          lane.pieces().forEach(p -> lanes.add(new Area(p.minus(originX, originY))));
        }
      }
      s.add(new Sign(sign.x() - originX, sign.y() - originY, lanes));
    }
    this.signs = s;
  }

  /**
   * Metres from (x, y) to the nearest intersection lane segment (0 inside one); null beyond the cap or
   * when the map does not mark intersections.
   */
  public Double intersection(double x, double y) {
    return intersections == null ? null : nearest(intersections, x, y);
  }

  /** Metres from (x, y) to the nearest pedestrian crossing (0 inside one); null beyond the cap. */
  public Double crosswalk(double x, double y) {
    return nearest(crosswalks, x, y);
  }

  /**
   * For a position (x, y) heading {@code yaw}: how far ahead along the heading the nearest stop sign is
   * that stops a lane containing the position, counting signs up to {@value #STOP_SIGN_BEHIND_M} m behind
   * and less than {@value #STOP_SIGN_LATERAL_M} m to either side; null when there is none up to the cap.
   */
  public Double stopSign(double x, double y, double yaw) {
    double cos = Math.cos(yaw);
    double sin = Math.sin(yaw);
    double best = Double.POSITIVE_INFINITY;
    for (Sign s : signs) {
      double ahead = (s.x - x) * cos + (s.y - y) * sin;
      double side = -(s.x - x) * sin + (s.y - y) * cos;
      if (ahead > -STOP_SIGN_BEHIND_M && ahead <= CAP_M && ahead < best && Math.abs(side) < STOP_SIGN_LATERAL_M
          && s.lanes.stream().anyMatch(a -> a.contains(x, y))) {
        best = ahead;
      }
    }
    return best == Double.POSITIVE_INFINITY ? null : best;
  }

  private static Double nearest(List<Area> areas, double x, double y) {
    double best = Double.POSITIVE_INFINITY;
    double bound = CAP_M * CAP_M;
    for (Area a : areas) {
      // only areas whose box is nearer than the cap and the best so far can change the answer
      if (a.boxDistanceSquared(x, y) <= Math.min(bound, best * best)) {
        best = Math.min(best, a.polygon.distance(x, y));
        if (best == 0) {
          break;
        }
      }
    }
    return best <= CAP_M ? best : null;
  }
}
