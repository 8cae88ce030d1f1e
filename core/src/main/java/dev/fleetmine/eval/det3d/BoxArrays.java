package dev.fleetmine.eval.det3d;

import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Boxes as primitive columns with what every overlap test needs precomputed: corner offsets from the
 * centre, the bounding radius, area, vertical span and volume. {@link BoxGeometry} and the evaluator both go
 * through here, so a pair's IoU is the same bits whichever path computes it.
 */
final class BoxArrays {
  final int size;
  final double[] x;
  final double[] y;
  /** Four corners per box, counter-clockwise, as (dx, dy) from the centre: 8 doubles per box. */
  final double[] corners;
  final double[] radius;
  final double[] area;
  final double[] zLow;
  final double[] zHigh;
  final double[] volume;

  private BoxArrays(int size) {
    this.size = size;
    x = new double[size];
    y = new double[size];
    corners = new double[size * 8];
    radius = new double[size];
    area = new double[size];
    zLow = new double[size];
    zHigh = new double[size];
    volume = new double[size];
  }

  /** Columns of {@code n} boxes read through {@code box}. */
  static BoxArrays of(int n, IntFunction<Box3d> box) {
    BoxArrays a = new BoxArrays(n);
    for (int i = 0; i < n; i++) {
      a.set(i, box.apply(i));
    }
    return a;
  }

  /** Columns of the boxes of a list of records. */
  static <T> BoxArrays of(List<T> items, Function<T, Box3d> box) {
    return of(items.size(), i -> box.apply(items.get(i)));
  }

  private void set(int i, Box3d b) {
    x[i] = b.x();
    y[i] = b.y();
    double c = Math.cos(b.yaw());
    double s = Math.sin(b.yaw());
    double hl = b.length() / 2;
    double hw = b.width() / 2;
    // box frame (+-hl, +-hw) in counter-clockwise order: front-right, front-left, rear-left, rear-right
    double[] fx = {hl, hl, -hl, -hl};
    double[] fy = {-hw, hw, hw, -hw};
    for (int k = 0; k < 4; k++) {
      corners[8 * i + 2 * k] = c * fx[k] - s * fy[k];
      corners[8 * i + 2 * k + 1] = s * fx[k] + c * fy[k];
    }
    radius[i] = 0.5 * Math.sqrt(b.length() * b.length() + b.width() * b.width());
    area[i] = b.length() * b.width();
    zLow[i] = b.z() - b.height() / 2;
    zHigh[i] = b.z() + b.height() / 2;
    volume[i] = area[i] * b.height();
  }

  /** Bird's-eye-view IoU of box {@code i} here and box {@code j} of {@code o}. */
  double bevIou(int i, BoxArrays o, int j, Clipper clip) {
    double inter = bevIntersection(i, o, j, clip);
    if (inter <= 0) {
      return 0;
    }
    return Math.min(1.0, inter / (area[i] + o.area[j] - inter));
  }

  /** 3D IoU: footprint intersection times vertical overlap over the union volume. */
  double iou3d(int i, BoxArrays o, int j, Clipper clip) {
    double dz = Math.min(zHigh[i], o.zHigh[j]) - Math.max(zLow[i], o.zLow[j]);
    if (dz <= 0) {
      return 0;
    }
    double inter = bevIntersection(i, o, j, clip);
    if (inter <= 0) {
      return 0;
    }
    double vol = inter * dz;
    return Math.min(1.0, vol / (volume[i] + o.volume[j] - vol));
  }

  /** Footprint intersection area, clamped to [0, smaller area]. */
  double bevIntersection(int i, BoxArrays o, int j, Clipper clip) {
    // work relative to box i's centre: far-from-origin city coordinates would otherwise cost precision
    double dx = o.x[j] - x[i];
    double dy = o.y[j] - y[i];
    double r = radius[i] + o.radius[j];
    if (dx * dx + dy * dy >= r * r) {
      return 0; // bounding circles apart: the footprints cannot overlap
    }
    double inter = clip.intersectionArea(corners, 8 * i, o.corners, 8 * j, dx, dy);
    return Math.max(0, Math.min(inter, Math.min(area[i], o.area[j])));
  }

  /** Centre distance in the ground plane, {@code sqrt(dx^2 + dy^2)} as nuScenes' center_distance. */
  double centreDistance(int i, BoxArrays o, int j) {
    double dx = x[i] - o.x[j];
    double dy = y[i] - o.y[j];
    return Math.sqrt(dx * dx + dy * dy);
  }
}
