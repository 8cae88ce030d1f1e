package dev.fleetmine.ingest.kitti;

/**
 * A 3-d affine map {@code p -> A p + t}, held as a 3x4 row-major matrix {@code [A | t]} the way KITTI
 * calibration files write it. KITTI's matrices are only nearly rigid, so the inverse is the general one.
 */
record Affine3(double[] m) {
  Affine3 {
    if (m.length != 12) {
      throw new IllegalArgumentException("an affine map needs 12 values, got " + m.length);
    }
    m = m.clone();
  }

  /** A pure linear map from a 3x3 row-major matrix. */
  static Affine3 linear(double[] a) {
    return new Affine3(new double[] {a[0], a[1], a[2], 0, a[3], a[4], a[5], 0, a[6], a[7], a[8], 0});
  }

  /** Rotation {@code Rz(yaw) * Ry(pitch) * Rx(roll)} followed by a translation (KITTI devkit order). */
  static Affine3 pose(double roll, double pitch, double yaw, double tx, double ty, double tz) {
    double cr = Math.cos(roll);
    double sr = Math.sin(roll);
    double cp = Math.cos(pitch);
    double sp = Math.sin(pitch);
    double cy = Math.cos(yaw);
    double sy = Math.sin(yaw);
    return new Affine3(new double[] {
        cy * cp, cy * sp * sr - sy * cr, cy * sp * cr + sy * sr, tx,
        sy * cp, sy * sp * sr + cy * cr, sy * sp * cr - cy * sr, ty,
        -sp, cp * sr, cp * cr, tz});
  }

  /** Applies the map to a point. */
  double[] apply(double x, double y, double z) {
    return new double[] {
        m[0] * x + m[1] * y + m[2] * z + m[3],
        m[4] * x + m[5] * y + m[6] * z + m[7],
        m[8] * x + m[9] * y + m[10] * z + m[11]};
  }

  /** Applies only the linear part, for directions. */
  double[] applyLinear(double x, double y, double z) {
    return new double[] {
        m[0] * x + m[1] * y + m[2] * z,
        m[4] * x + m[5] * y + m[6] * z,
        m[8] * x + m[9] * y + m[10] * z};
  }

  /** {@code this ∘ other}: first {@code other}, then this. */
  Affine3 compose(Affine3 other) {
    double[] o = other.m;
    double[] r = new double[12];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 4; j++) {
        double v = j == 3 ? m[i * 4 + 3] : 0;
        for (int k = 0; k < 3; k++) {
          v += m[i * 4 + k] * o[k * 4 + j];
        }
        r[i * 4 + j] = v;
      }
    }
    return new Affine3(r);
  }

  /** The inverse map; throws if the linear part is singular. */
  Affine3 inverse() {
    double a = m[0];
    double b = m[1];
    double c = m[2];
    double d = m[4];
    double e = m[5];
    double f = m[6];
    double g = m[8];
    double h = m[9];
    double i = m[10];
    double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
    if (!(Math.abs(det) > 1e-12)) {
      throw new IllegalArgumentException("matrix is singular (determinant " + det + ")");
    }
    double[] inv = {
        (e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det,
        (f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det,
        (d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det};
    double[] t = {m[3], m[7], m[11]};
    double[] r = new double[12];
    for (int row = 0; row < 3; row++) {
      r[row * 4] = inv[row * 3];
      r[row * 4 + 1] = inv[row * 3 + 1];
      r[row * 4 + 2] = inv[row * 3 + 2];
      r[row * 4 + 3] = -(inv[row * 3] * t[0] + inv[row * 3 + 1] * t[1] + inv[row * 3 + 2] * t[2]);
    }
    return new Affine3(r);
  }
}
