package dev.fleetmine.ingest.map;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.List;

/**
 * The parts of a log's road map that the lake uses, in the source's original frame.
 *
 * @param format             map format: {@code av2} or {@code waymo}
 * @param lanes              lane segments, sorted by id (the raster's overlap rule relies on it)
 * @param crosswalks         pedestrian crossing areas
 * @param drivable           drivable area polygons (the road surface, lanes and intersections included)
 * @param knowsIntersections false when the format does not mark intersections (in_intersection is then NULL)
 * @param stopSigns          stop signs with the lanes they stop (empty for formats without them: AV2)
 */
public record VectorMap(String format, List<Lane> lanes, List<Polygon> crosswalks, List<Polygon> drivable,
    boolean knowsIntersections, List<StopSign> stopSigns) {
  public VectorMap {
    requireNonNull(format, "format is null");
    lanes = lanes.stream().sorted(Comparator.comparingLong(Lane::id)).toList();
    crosswalks = List.copyOf(crosswalks);
    drivable = List.copyOf(drivable);
    stopSigns = List.copyOf(stopSigns);
  }

  /** A map without stop signs. */
  public VectorMap(String format, List<Lane> lanes, List<Polygon> crosswalks, List<Polygon> drivable,
      boolean knowsIntersections) {
    this(format, lanes, crosswalks, drivable, knowsIntersections, List.of());
  }
}
