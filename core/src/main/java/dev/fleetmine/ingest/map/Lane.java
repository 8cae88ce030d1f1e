package dev.fleetmine.ingest.map;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One lane segment of a map: the area it covers and what the lake records of it.
 *
 * @param id           the map's lane id (AV2 lane segment id, Waymo map feature id)
 * @param type         normalized lane type: VEHICLE, BIKE, BUS (AV2 names; Waymo types are mapped onto them)
 * @param intersection whether the segment lies in an intersection, or null when the map does not say
 * @param pieces       polygons whose union is the lane's area (one for AV2; one per centreline segment
 *                     for Waymo, whose lanes are centrelines without boundaries)
 */
public record Lane(long id, String type, Boolean intersection, List<Polygon> pieces) {
  public Lane {
    requireNonNull(type, "type is null");
    pieces = List.copyOf(pieces);
  }
}
