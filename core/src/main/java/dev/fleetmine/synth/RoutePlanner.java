package dev.fleetmine.synth;

import java.util.SplittableRandom;

/**
 * Lays out the route block by block ahead of the ego. Urban blocks are straights of 120-250 m ending in
 * a straight-through intersection or a 90 degree right turn (radius 25-30 m); a left turn (radius 28-32 m)
 * is laid only when the left-turn scenario asks for one. Highway blocks are 0.6-1.5 km straights joined
 * by gentle curves (radius 0.8-2 km). While a scenario is pending, urban straights are long (450-550 m)
 * so the scenario plays out away from turns.
 */
final class RoutePlanner {
  private final Route route;
  private final RoadKind kind;
  private final SplittableRandom rng;
  private boolean longBlocks;
  private boolean leftTurnRequested;
  private double leftArcStart = Double.NaN;
  private double leftArcEnd = Double.NaN;
  private double leftRadius = Double.NaN;

  RoutePlanner(Route route, RoadKind kind, SplittableRandom rng) {
    this.route = route;
    this.kind = kind;
    this.rng = rng;
    route.add(kind == RoadKind.URBAN ? 400 : 1200, 0, 0);
  }

  /** Extends the route until it reaches s. */
  void ensure(double s) {
    while (route.end() < s) {
      if (kind == RoadKind.HIGHWAY) {
        addHighwayBlock();
      } else if (leftTurnRequested && Double.isNaN(leftArcStart)) {
        addLeftTurnBlock();
      } else {
        addUrbanBlock();
      }
    }
  }

  private void addHighwayBlock() {
    double radius = uniform(800, 2000);
    double angle = uniform(0.08, 0.3);
    double sign = rng.nextBoolean() ? 1 : -1;
    route.add(radius * angle, sign / radius, kind.turnSpeed(radius));
    route.add(uniform(600, 1500), 0, 0);
  }

  private void addUrbanBlock() {
    if (longBlocks) {
      route.add(uniform(450, 550), 0, 0);
      return;
    }
    if (rng.nextBoolean()) {
      double radius = uniform(25, 30);
      route.add(radius * Math.PI / 2, -1 / radius, kind.turnSpeed(radius));
    }
    route.add(uniform(120, 250), 0, 0);
  }

  private void addLeftTurnBlock() {
    route.add(uniform(260, 320), 0, 0);
    leftRadius = uniform(28, 32);
    leftArcStart = route.end();
    route.add(leftRadius * Math.PI / 2, 1 / leftRadius, kind.turnSpeed(leftRadius));
    leftArcEnd = route.end();
    route.add(uniform(200, 260), 0, 0);
    leftTurnRequested = false;
  }

  /** While true, new urban blocks are long straights without turns. */
  void longBlocks(boolean on) {
    longBlocks = on;
  }

  /** Asks for the next block to end in a left turn. */
  void requestLeftTurn() {
    leftTurnRequested = true;
  }

  /** Forgets the laid left turn once its scenario is over (or abandoned). */
  void clearLeftTurn() {
    leftTurnRequested = false;
    leftArcStart = Double.NaN;
    leftArcEnd = Double.NaN;
    leftRadius = Double.NaN;
  }

  double leftArcStart() {
    return leftArcStart;
  }

  double leftArcEnd() {
    return leftArcEnd;
  }

  double leftRadius() {
    return leftRadius;
  }

  private double uniform(double lo, double hi) {
    return lo + (hi - lo) * rng.nextDouble();
  }
}
