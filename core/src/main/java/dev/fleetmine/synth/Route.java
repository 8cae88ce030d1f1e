package dev.fleetmine.synth;

import java.util.Arrays;

/**
 * The ego lane centre line of one log: straight segments and circular arcs joined with continuous
 * heading, parametrized by arc length s. The world pose of anything at (s, d) is
 * {@code route(s) + d * leftNormal(s)}. Segments are appended as the ego drives (see {@link RoutePlanner}).
 */
final class Route {
  private double[] s0 = new double[32];
  private double[] len = new double[32];
  private double[] x0 = new double[32];
  private double[] y0 = new double[32];
  private double[] h0 = new double[32];
  private double[] cos0 = new double[32];
  private double[] sin0 = new double[32];
  private double[] k = new double[32];
  private double[] vTurn = new double[32];
  private int n;
  private final double speedLimit;

  Route(double speedLimit) {
    this.speedLimit = speedLimit;
  }

  int segments() {
    return n;
  }

  double end() {
    return n == 0 ? 0 : s0[n - 1] + len[n - 1];
  }

  double start(int seg) {
    return s0[seg];
  }

  double endOf(int seg) {
    return s0[seg] + len[seg];
  }

  double curvature(int seg) {
    return k[seg];
  }

  /** Appends a segment of {@code length} metres with curvature {@code curvature} (1/m, positive turns left). */
  void add(double length, double curvature, double turnSpeed) {
    if (n == s0.length) {
      grow();
    }
    double x = 0;
    double y = 0;
    double h = 0;
    double s = 0;
    if (n > 0) {
      Pose p = new Pose();
      s = end();
      pose(s, 0, p, n - 1);
      x = p.x;
      y = p.y;
      h = p.h;
    }
    s0[n] = s;
    len[n] = length;
    x0[n] = x;
    y0[n] = y;
    h0[n] = h;
    cos0[n] = Math.cos(h);
    sin0[n] = Math.sin(h);
    k[n] = curvature;
    vTurn[n] = curvature == 0 ? speedLimit : Math.min(speedLimit, turnSpeed);
    n++;
  }

  private void grow() {
    int m = n * 2;
    s0 = Arrays.copyOf(s0, m);
    len = Arrays.copyOf(len, m);
    x0 = Arrays.copyOf(x0, m);
    y0 = Arrays.copyOf(y0, m);
    h0 = Arrays.copyOf(h0, m);
    cos0 = Arrays.copyOf(cos0, m);
    sin0 = Arrays.copyOf(sin0, m);
    k = Arrays.copyOf(k, m);
    vTurn = Arrays.copyOf(vTurn, m);
  }

  /** The segment containing s, searching from {@code hint} (positions move little between calls). */
  int find(double s, int hint) {
    int i = Math.min(Math.max(hint, 0), n - 1);
    while (i > 0 && s < s0[i]) {
      i--;
    }
    while (i < n - 1 && s >= s0[i + 1]) {
      i++;
    }
    return i;
  }

  /** World pose of (s, d); before the start or past the end the first/last segment is extended. */
  void pose(double s, double d, Pose out, int hint) {
    int i = find(s, hint);
    double u = s - s0[i];
    double x;
    double y;
    double h;
    double c;
    double sn;
    double kk = k[i];
    if (kk == 0 || u > len[i]) {
      if (kk != 0) {
        // past the end of a final arc: continue straight along its end heading
        h = h0[i] + kk * len[i];
        c = Math.cos(h);
        sn = Math.sin(h);
        x = x0[i] + (Math.sin(h) - sin0[i]) / kk + (u - len[i]) * c;
        y = y0[i] - (Math.cos(h) - cos0[i]) / kk + (u - len[i]) * sn;
        kk = 0;
      } else {
        h = h0[i];
        c = cos0[i];
        sn = sin0[i];
        x = x0[i] + u * c;
        y = y0[i] + u * sn;
      }
    } else {
      h = h0[i] + kk * u;
      c = Math.cos(h);
      sn = Math.sin(h);
      x = x0[i] + (sn - sin0[i]) / kk;
      y = y0[i] - (c - cos0[i]) / kk;
    }
    out.x = x - d * sn;
    out.y = y + d * c;
    out.h = h;
    out.k = kk;
    out.cos = c;
    out.sin = sn;
    out.seg = i;
  }

  /**
   * Path speed the curve profile allows at s when moving in {@code dir}: the turn speed of any arc within
   * reach, relaxed by a comfortable deceleration over the distance to it.
   */
  double allowedSpeed(double s, int dir, int hint, double decel) {
    int i = find(s, hint);
    double v = vTurn[i];
    double reach = speedLimit * speedLimit / (2 * decel);
    if (dir > 0) {
      for (int j = i + 1; j < n && s0[j] - s < reach; j++) {
        if (k[j] != 0) {
          v = Math.min(v, Math.sqrt(vTurn[j] * vTurn[j] + 2 * decel * (s0[j] - s)));
        }
      }
    } else {
      for (int j = i - 1; j >= 0 && s - (s0[j] + len[j]) < reach; j--) {
        if (k[j] != 0) {
          double dist = s - (s0[j] + len[j]);
          v = Math.min(v, Math.sqrt(vTurn[j] * vTurn[j] + 2 * decel * dist));
        }
      }
    }
    return v;
  }

  /** Distance from s to the start of the next arc ahead (0 on an arc, infinite when none is known). */
  double straightAhead(double s) {
    int i = find(s, n - 1);
    if (k[i] != 0 && s < s0[i] + len[i]) {
      return 0;
    }
    for (int j = i + 1; j < n; j++) {
      if (k[j] != 0) {
        return s0[j] - s;
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  /** Distance from s back to the end of the previous arc (0 on an arc, infinite when none). */
  double straightBehind(double s) {
    int i = find(s, n - 1);
    if (k[i] != 0 && s < s0[i] + len[i]) {
      return 0;
    }
    for (int j = i - 1; j >= 0; j--) {
      if (k[j] != 0) {
        return s - (s0[j] + len[j]);
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  /** Whether s lies on a straight segment at least {@code margin} from its ends. */
  boolean onStraight(double s, double margin, int hint) {
    int i = find(s, hint);
    return k[i] == 0 && s - s0[i] >= margin && s0[i] + len[i] - s >= margin;
  }
}
