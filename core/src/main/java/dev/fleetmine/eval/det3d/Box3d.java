package dev.fleetmine.eval.det3d;

/**
 * An upright 3D box: its centre, its size and its heading about +z.
 *
 * @param x      centre x in metres
 * @param y      centre y in metres
 * @param z      centre z in metres (the box spans {@code z +- height/2})
 * @param length extent along the heading, metres, {@code > 0}
 * @param width  extent across the heading, metres, {@code > 0}
 * @param height vertical extent, metres, {@code > 0}
 * @param yaw    heading in radians, counter-clockwise from +x
 */
public record Box3d(double x, double y, double z, double length, double width, double height, double yaw) {
  public Box3d {
    finite("x", x);
    finite("y", y);
    finite("z", z);
    finite("yaw", yaw);
    positive("length", length);
    positive("width", width);
    positive("height", height);
  }

  private static void finite(String field, double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("Box3d." + field + " must be finite, got " + v);
    }
  }

  private static void positive(String field, double v) {
    if (!(v > 0) || v == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("Box3d." + field + " must be a finite number > 0, got " + v);
    }
  }

  /** Footprint area, {@code length * width}. */
  public double bevArea() {
    return length * width;
  }

  /** Volume, {@code length * width * height}. */
  public double volume() {
    return length * width * height;
  }
}
