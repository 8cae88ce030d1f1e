package dev.fleetmine.ingest.comma2k19;

/**
 * A local east-north-up tangent frame on the WGS84 ellipsoid, anchored at an ECEF point.
 *
 * <p>ENU is a rotation of ECEF about the anchor, not a translation, which is why the lake records the
 * anchor in metadata instead of as {@code origin_x/y/z}.
 *
 * @param originX anchor ECEF x, metres
 * @param originY anchor ECEF y, metres
 * @param originZ anchor ECEF z, metres
 * @param latDeg  geodetic latitude of the anchor, degrees
 * @param lonDeg  longitude of the anchor, degrees
 * @param heightM ellipsoidal height of the anchor, metres
 */
record LocalEnu(double originX, double originY, double originZ, double latDeg, double lonDeg, double heightM) {
  private static final double A = 6378137.0;
  private static final double F = 1 / 298.257223563;
  private static final double E2 = F * (2 - F);

  /** The ENU frame whose origin is the given ECEF point. */
  static LocalEnu at(double x, double y, double z) {
    double lon = Math.atan2(y, x);
    double p = Math.hypot(x, y);
    // Fixed-point iteration on latitude; converges to well below a micrometre in a few steps for
    // points near the Earth's surface.
    double lat = Math.atan2(z, p * (1 - E2));
    double h = 0;
    for (int i = 0; i < 10; i++) {
      double sin = Math.sin(lat);
      double n = A / Math.sqrt(1 - E2 * sin * sin);
      h = p / Math.cos(lat) - n;
      lat = Math.atan2(z, p * (1 - E2 * n / (n + h)));
    }
    return new LocalEnu(x, y, z, Math.toDegrees(lat), Math.toDegrees(lon), h);
  }

  /** Rotates an ECEF vector (a difference or a direction, not a point) into ENU. */
  double[] rotate(double dx, double dy, double dz) {
    double lat = Math.toRadians(latDeg);
    double lon = Math.toRadians(lonDeg);
    double sLat = Math.sin(lat);
    double cLat = Math.cos(lat);
    double sLon = Math.sin(lon);
    double cLon = Math.cos(lon);
    return new double[] {
        -sLon * dx + cLon * dy,
        -sLat * cLon * dx - sLat * sLon * dy + cLat * dz,
        cLat * cLon * dx + cLat * sLon * dy + sLat * dz};
  }

  /** An ECEF point in this frame. */
  double[] toEnu(double x, double y, double z) {
    return rotate(x - originX, y - originY, z - originZ);
  }

  /**
   * Heading in ENU (counter-clockwise from east) of the body x axis for a unit quaternion
   * {@code (w, x, y, z)} that rotates body vectors into ECEF.
   */
  double yawOf(double qw, double qx, double qy, double qz) {
    // First column of the rotation matrix: the body x axis expressed in ECEF.
    double ax = 1 - 2 * (qy * qy + qz * qz);
    double ay = 2 * (qx * qy + qw * qz);
    double az = 2 * (qx * qz - qw * qy);
    double[] enu = rotate(ax, ay, az);
    return Math.atan2(enu[1], enu[0]);
  }
}
