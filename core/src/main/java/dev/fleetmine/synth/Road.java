package dev.fleetmine.synth;

import java.util.SplittableRandom;

/**
 * The cross-section of one log's road, as lateral offsets d (metres, positive left) from the ego lane
 * centre, which is the route's reference line: same-direction lanes (index 0 next to the centre line),
 * oncoming lanes, and on urban roads a bike lane and a 3 m sidewalk on each side.
 */
final class Road {
  static final double LANE_WIDTH = 3.5;
  static final double BIKE_WIDTH = 1.5;
  static final double SIDEWALK_WIDTH = 3.0;

  final RoadKind kind;
  final int lanesPerDirection;
  final int egoIndex;
  final Lane[] lanes;
  final Lane egoLane;
  final Lane[] same;
  final Lane[] oncoming;
  final Lane bikeSame;
  final Lane bikeOncoming;
  /** Offset of the right curb (sidewalk starts beyond it) and of the left curb. */
  final double rightCurb;
  final double leftCurb;

  Road(RoadKind kind, SplittableRandom rng) {
    this.kind = kind;
    this.lanesPerDirection = 2 + rng.nextInt(2);
    int n = lanesPerDirection;
    // urban: the ego keeps to the inner lane, from which left turns are legal; highway: any lane
    this.egoIndex = kind == RoadKind.URBAN ? 0 : rng.nextInt(n);
    double median = kind == RoadKind.URBAN ? 0 : 4.0;
    double innerEdge = (egoIndex + 0.5) * LANE_WIDTH + median;
    boolean urban = kind == RoadKind.URBAN;
    lanes = new Lane[2 * n + (urban ? 2 : 0)];
    same = new Lane[n];
    oncoming = new Lane[n];
    for (int j = 0; j < n; j++) {
      same[j] = lanes[j] = new Lane(j, (egoIndex - j) * LANE_WIDTH, 1, false, false);
      oncoming[j] = lanes[n + j] = new Lane(n + j, innerEdge + (j + 0.5) * LANE_WIDTH, -1, false, false);
    }
    double rightEdge = -(n - egoIndex - 0.5) * LANE_WIDTH;
    double leftEdge = innerEdge + n * LANE_WIDTH;
    if (urban) {
      bikeSame = lanes[2 * n] = new Lane(2 * n, rightEdge - BIKE_WIDTH / 2, 1, true, false);
      bikeOncoming = lanes[2 * n + 1] = new Lane(2 * n + 1, leftEdge + BIKE_WIDTH / 2, -1, true, false);
      rightCurb = rightEdge - BIKE_WIDTH;
      leftCurb = leftEdge + BIKE_WIDTH;
    } else {
      bikeSame = null;
      bikeOncoming = null;
      rightCurb = rightEdge;
      leftCurb = leftEdge;
    }
    egoLane = same[egoIndex];
    egoLane.egoLane = true;
  }

  boolean urban() {
    return kind == RoadKind.URBAN;
  }

  double speedLimit() {
    return kind.speedLimit;
  }

  /** Lanes adjacent to the ego lane in the ego's direction. */
  Lane[] egoNeighbours() {
    if (egoIndex == 0) {
      return new Lane[] {same[1]};
    }
    if (egoIndex == lanesPerDirection - 1) {
      return new Lane[] {same[egoIndex - 1]};
    }
    return new Lane[] {same[egoIndex - 1], same[egoIndex + 1]};
  }
}
