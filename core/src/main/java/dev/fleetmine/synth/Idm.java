package dev.fleetmine.synth;

/** The intelligent driver model (Treiber, Hennecke, Helbing 2000) with the parameters every driver shares. */
final class Idm {
  /** Standstill gap, metres. */
  static final double S0 = 2.0;
  /** Comfortable deceleration, m/s^2. */
  static final double B = 2.0;

  private Idm() {}

  /** Acceleration on a free road. */
  static double free(double v, double v0, double aMax) {
    double r = v / v0;
    double r2 = r * r;
    return aMax * (1 - r2 * r2);
  }

  /** Acceleration behind a leader at bumper gap {@code gap} moving at {@code vLead} (0 for an obstacle). */
  static double follow(double v, double v0, double aMax, double headway, double gap, double vLead) {
    double r = v / v0;
    double r2 = r * r;
    double sStar = S0 + Math.max(0, v * headway + v * (v - vLead) / (2 * Math.sqrt(aMax * B)));
    double q = sStar / Math.max(gap, 0.05);
    return aMax * (1 - r2 * r2 - q * q);
  }
}
