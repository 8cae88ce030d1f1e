package dev.fleetmine.ingest.map;

import java.util.Arrays;

/**
 * A simple closed polygon in the plane (the last vertex connects to the first), with its bounding box.
 *
 * @param xs vertex x coordinates, metres
 * @param ys vertex y coordinates, same length as xs
 */
public record Polygon(double[] xs, double[] ys) {
  public Polygon {
    if (xs.length != ys.length) {
      throw new IllegalArgumentException(xs.length + " x but " + ys.length + " y coordinates");
    }
    if (xs.length < 3) {
      throw new IllegalArgumentException("a polygon needs at least 3 vertices, got " + xs.length);
    }
    xs = xs.clone();
    ys = ys.clone();
  }

  @Override
  public double[] xs() {
    return xs.clone();
  }

  @Override
  public double[] ys() {
    return ys.clone();
  }

  public int size() {
    return xs.length;
  }

  public double minX() {
    return Arrays.stream(xs).min().orElseThrow();
  }

  public double maxX() {
    return Arrays.stream(xs).max().orElseThrow();
  }

  public double minY() {
    return Arrays.stream(ys).min().orElseThrow();
  }

  public double maxY() {
    return Arrays.stream(ys).max().orElseThrow();
  }

  /** This polygon moved by (-dx, -dy): from the source frame to the log-local frame. */
  public Polygon minus(double dx, double dy) {
    double[] x = new double[xs.length];
    double[] y = new double[ys.length];
    for (int i = 0; i < xs.length; i++) {
      x[i] = xs[i] - dx;
      y[i] = ys[i] - dy;
    }
    return new Polygon(x, y);
  }

  /** True when (x, y) is inside by the even-odd rule (points on an edge may fall either way). */
  public boolean contains(double x, double y) {
    boolean inside = false;
    for (int i = 0, j = xs.length - 1; i < xs.length; j = i++) {
      if ((ys[i] > y) != (ys[j] > y) && x < xs[i] + (y - ys[i]) * (xs[j] - xs[i]) / (ys[j] - ys[i])) {
        inside = !inside;
      }
    }
    return inside;
  }

  /**
   * The Euclidean distance from (x, y) to this polygon's area: 0 inside (by {@link #contains}), else the
   * distance to the nearest point of the nearest edge.
   */
  public double distance(double x, double y) {
    if (contains(x, y)) {
      return 0;
    }
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0, j = xs.length - 1; i < xs.length; j = i++) {
      best = Math.min(best, segmentDistanceSquared(x, y, xs[j], ys[j], xs[i], ys[i]));
    }
    return Math.sqrt(best);
  }

  /** Squared distance from (px, py) to the segment (ax, ay)-(bx, by) (squared: the hot loop takes one root). */
  static double segmentDistanceSquared(double px, double py, double ax, double ay, double bx, double by) {
    double dx = bx - ax;
    double dy = by - ay;
    double len2 = dx * dx + dy * dy;
    double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
    double ex = px - (ax + t * dx);
    double ey = py - (ay + t * dy);
    return ex * ex + ey * ey;
  }

  /**
   * The x coordinates where the horizontal line at {@code y} crosses the edges, sorted: consecutive pairs
   * bound the inside spans (the same half-open rule as {@link #contains}).
   */
  double[] crossings(double y) {
    double[] out = new double[xs.length];
    int n = 0;
    for (int i = 0, j = xs.length - 1; i < xs.length; j = i++) {
      if ((ys[i] > y) != (ys[j] > y)) {
        out[n++] = xs[i] + (y - ys[i]) * (xs[j] - xs[i]) / (ys[j] - ys[i]);
      }
    }
    double[] c = Arrays.copyOf(out, n);
    Arrays.sort(c);
    return c;
  }

  /** A polygon from a ring of [x, y] points. */
  static Polygon of(double[][] ring) {
    return band(ring, new double[0][]);
  }

  /** A polygon from a ring of points followed by a second ring reversed (lane or crosswalk edges). */
  static Polygon band(double[][] first, double[][] second) {
    int n = first.length + second.length;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < first.length; i++) {
      x[i] = first[i][0];
      y[i] = first[i][1];
    }
    for (int i = 0; i < second.length; i++) {
      x[first.length + i] = second[second.length - 1 - i][0];
      y[first.length + i] = second[second.length - 1 - i][1];
    }
    return new Polygon(x, y);
  }
}
