package dev.fleetmine.eval.det3d;

/**
 * Sutherland-Hodgman clipping of one convex quadrilateral by another and the shoelace area of the result.
 * Holds scratch buffers so the hot loop allocates nothing; one per thread.
 */
final class Clipper {
  // a quadrilateral clipped by four half-planes gains at most one vertex per plane: at most 8 vertices
  private double[] in = new double[2 * 9];
  private double[] out = new double[2 * 9];

  /**
   * Area of the intersection of quadrilateral A (corners {@code a[oa..oa+8)}, centred at the origin) and
   * quadrilateral B (corners {@code b[ob..ob+8)} shifted by {@code (dx, dy)}); both counter-clockwise.
   */
  double intersectionArea(double[] a, int oa, double[] b, int ob, double dx, double dy) {
    double[] src = in;
    double[] dst = out;
    System.arraycopy(a, oa, src, 0, 8);
    int n = 4;
    for (int e = 0; e < 4 && n >= 3; e++) {
      int e2 = (e + 1) & 3;
      double px = b[ob + 2 * e] + dx;
      double py = b[ob + 2 * e + 1] + dy;
      double ex = b[ob + 2 * e2] + dx - px;
      double ey = b[ob + 2 * e2 + 1] + dy - py;
      n = clipByEdge(src, n, dst, px, py, ex, ey);
      double[] t = src;
      src = dst;
      dst = t;
    }
    if (n < 3) {
      return 0;
    }
    double twice = 0;
    for (int k = 0; k < n; k++) {
      int k2 = k + 1 == n ? 0 : k + 1;
      twice += src[2 * k] * src[2 * k2 + 1] - src[2 * k2] * src[2 * k + 1];
    }
    return twice / 2;
  }

  /** Keeps the part of polygon {@code src} left of the directed line p + t*e; returns the vertex count. */
  private static int clipByEdge(double[] src, int n, double[] dst, double px, double py, double ex, double ey) {
    int m = 0;
    double sx = src[2 * (n - 1)];
    double sy = src[2 * (n - 1) + 1];
    double sc = ex * (sy - py) - ey * (sx - px);
    for (int k = 0; k < n; k++) {
      double vx = src[2 * k];
      double vy = src[2 * k + 1];
      double vc = ex * (vy - py) - ey * (vx - px);
      boolean vIn = vc >= 0;
      if (vIn != (sc >= 0)) {
        double t = sc / (sc - vc);
        dst[2 * m] = sx + t * (vx - sx);
        dst[2 * m + 1] = sy + t * (vy - sy);
        m++;
      }
      if (vIn) {
        dst[2 * m] = vx;
        dst[2 * m + 1] = vy;
        m++;
      }
      sx = vx;
      sy = vy;
      sc = vc;
    }
    return m;
  }
}
