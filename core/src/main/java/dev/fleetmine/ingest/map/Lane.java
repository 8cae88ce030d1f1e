package dev.fleetmine.ingest.map;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One lane segment of a map: the area it covers, what the lake records of it, and its lane-change
 * neighbours.
 *
 * @param id             the map's lane id (AV2 lane segment id, Waymo map feature id)
 * @param type           normalized lane type: VEHICLE, BIKE, BUS (AV2 names; Waymo types are mapped onto them)
 * @param intersection   whether the segment lies in an intersection, or null when the map does not say
 * @param pieces         polygons whose union is the lane's area (one for AV2; one per centreline segment
 *                       for Waymo, whose lanes are centrelines without boundaries)
 * @param leftNeighbors  ids of the lanes beside it on its left, in its direction of travel (AV2: at most
 *                       one, {@code left_neighbor_id}; Waymo: {@code left_neighbors}, each along part of it)
 * @param rightNeighbors ids of the lanes beside it on its right
 */
public record Lane(long id, String type, Boolean intersection, List<Polygon> pieces, List<Long> leftNeighbors,
    List<Long> rightNeighbors) {
  public Lane {
    requireNonNull(type, "type is null");
    pieces = List.copyOf(pieces);
    leftNeighbors = List.copyOf(leftNeighbors);
    rightNeighbors = List.copyOf(rightNeighbors);
  }

  /** A lane without neighbours. */
  public Lane(long id, String type, Boolean intersection, List<Polygon> pieces) {
    this(id, type, intersection, pieces, List.of(), List.of());
  }
}
