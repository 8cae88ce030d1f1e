package dev.fleetmine.ingest.av2;

/**
 * A rigid transform as Argoverse 2 stores poses: a unit quaternion rotation followed by a translation,
 * so that {@code p_target = R(q) p_source + t}. {@code city_SE3_egovehicle} maps ego-frame points to
 * the city frame; an annotation's cuboid pose maps box-frame points to the ego frame.
 *
 * @param qw quaternion scalar part
 * @param qx quaternion x
 * @param qy quaternion y
 * @param qz quaternion z
 * @param tx translation x, metres
 * @param ty translation y, metres
 * @param tz translation z, metres
 */
record Se3(double qw, double qx, double qy, double qz, double tx, double ty, double tz) {
  /** No rotation, no translation: the pose of a frame in itself. */
  static final Se3 IDENTITY = new Se3(1, 0, 0, 0, 0, 0, 0);
  /** Below this angle between quaternions sin(theta) underflows the slerp weights; linear is then exact. */
  private static final double LINEAR_BELOW = 1e-9;

  /** The same transform with its quaternion scaled to unit length. */
  Se3 normalized() {
    double n = Math.sqrt(qw * qw + qx * qx + qy * qy + qz * qz);
    return new Se3(qw / n, qx / n, qy / n, qz / n, tx, ty, tz);
  }

  /** Length of the quaternion, 1 for a valid rotation. */
  double quaternionNorm() {
    return Math.sqrt(qw * qw + qx * qx + qy * qy + qz * qz);
  }

  /** Applies the transform to a point: {@code R p + t}. */
  double[] apply(double x, double y, double z) {
    double[] r = rotate(x, y, z);
    return new double[] {r[0] + tx, r[1] + ty, r[2] + tz};
  }

  /** Rotates a vector by the quaternion: {@code v + 2w (u x v) + 2 u x (u x v)} with {@code u = (qx, qy, qz)}. */
  double[] rotate(double x, double y, double z) {
    double cx = qy * z - qz * y;
    double cy = qz * x - qx * z;
    double cz = qx * y - qy * x;
    double ccx = qy * cz - qz * cy;
    double ccy = qz * cx - qx * cz;
    double ccz = qx * cy - qy * cx;
    return new double[] {x + 2 * (qw * cx + ccx), y + 2 * (qw * cy + ccy), z + 2 * (qw * cz + ccz)};
  }

  /** {@code this ∘ inner}: first {@code inner}, then this (Hamilton product of the rotations). */
  Se3 compose(Se3 inner) {
    double w = qw * inner.qw - qx * inner.qx - qy * inner.qy - qz * inner.qz;
    double x = qw * inner.qx + qx * inner.qw + qy * inner.qz - qz * inner.qy;
    double y = qw * inner.qy - qx * inner.qz + qy * inner.qw + qz * inner.qx;
    double z = qw * inner.qz + qx * inner.qy - qy * inner.qx + qz * inner.qw;
    double[] t = apply(inner.tx, inner.ty, inner.tz);
    return new Se3(w, x, y, z, t[0], t[1], t[2]);
  }

  /** Heading of the transformed x axis in the target's ground plane, counter-clockwise from +x, radians. */
  double yaw() {
    return Math.atan2(2 * (qw * qz + qx * qy), 1 - 2 * (qy * qy + qz * qz));
  }

  /** Interpolates at {@code f} in [0, 1]: translation linearly, rotation by spherical linear interpolation. */
  static Se3 interpolate(Se3 a, Se3 b, double f) {
    double bw = b.qw;
    double bx = b.qx;
    double by = b.qy;
    double bz = b.qz;
    if (a.qw * bw + a.qx * bx + a.qy * by + a.qz * bz < 0) { // q and -q are the same rotation: go the short way
      bw = -bw;
      bx = -bx;
      by = -by;
      bz = -bz;
    }
    // theta from the chord lengths, not acos(dot): acos loses half the digits for nearby rotations
    double diff = Math.sqrt(sq(bw - a.qw) + sq(bx - a.qx) + sq(by - a.qy) + sq(bz - a.qz));
    double sum = Math.sqrt(sq(bw + a.qw) + sq(bx + a.qx) + sq(by + a.qy) + sq(bz + a.qz));
    double theta = 2 * Math.atan2(diff, sum);
    double wa = 1 - f;
    double wb = f;
    if (theta > LINEAR_BELOW) {
      double s = Math.sin(theta);
      wa = Math.sin((1 - f) * theta) / s;
      wb = Math.sin(f * theta) / s;
    }
    return new Se3(wa * a.qw + wb * bw, wa * a.qx + wb * bx, wa * a.qy + wb * by, wa * a.qz + wb * bz,
        a.tx + f * (b.tx - a.tx), a.ty + f * (b.ty - a.ty), a.tz + f * (b.tz - a.tz)).normalized();
  }

  private static double sq(double v) {
    return v * v;
  }
}
