package dev.fleetmine.synth;

/** Separating-axis test for two oriented rectangles in the ground plane. */
final class Boxes {
  private Boxes() {}

  /** Whether boxes (centre, yaw, length, width) overlap by more than 5 cm. */
  static boolean overlap(double x1, double y1, double yaw1, double l1, double w1,
      double x2, double y2, double yaw2, double l2, double w2) {
    double[] axes = {yaw1, yaw1 + Math.PI / 2, yaw2, yaw2 + Math.PI / 2};
    double dx = x2 - x1;
    double dy = y2 - y1;
    for (double ax : axes) {
      double cx = Math.cos(ax);
      double cy = Math.sin(ax);
      double r1 = extent(yaw1, l1, w1, cx, cy);
      double r2 = extent(yaw2, l2, w2, cx, cy);
      if (Math.abs(dx * cx + dy * cy) >= r1 + r2 - 0.05) {
        return false;
      }
    }
    return true;
  }

  private static double extent(double yaw, double l, double w, double cx, double cy) {
    double c = Math.cos(yaw);
    double s = Math.sin(yaw);
    return l / 2 * Math.abs(c * cx + s * cy) + w / 2 * Math.abs(-s * cx + c * cy);
  }
}
