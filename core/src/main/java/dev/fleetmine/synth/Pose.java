package dev.fleetmine.synth;

/** Scratch output of a route lookup: world position, heading and curvature; reused to avoid allocation. */
final class Pose {
  double x;
  double y;
  double h;
  double k;
  double cos;
  double sin;
  int seg;
}
