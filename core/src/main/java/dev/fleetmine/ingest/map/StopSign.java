package dev.fleetmine.ingest.map;

import java.util.List;

/**
 * A stop sign of a map, in the source's original frame.
 *
 * @param id    the map's feature id
 * @param x     sign position x, metres
 * @param y     sign position y, metres
 * @param lanes ids of the lanes whose traffic it stops: the lanes the map says it controls and the lanes
 *              that enter them (Waymo's controlled lanes start at the stop line, so a vehicle waiting at
 *              the sign is still on an entering lane)
 */
public record StopSign(long id, double x, double y, List<Long> lanes) {
  public StopSign {
    lanes = List.copyOf(lanes);
  }
}
