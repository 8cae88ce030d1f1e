package dev.fleetmine.label;

/**
 * The bird's-eye-view image frame of one Label Studio task: a square image of {@code sizePx} pixels
 * covering {@code sizePx * metresPerPx} metres, axis-aligned with the lake's frame of the log, its top-left
 * corner at {@code (xMin, yMax)}; image right is +x, image up is +y. A box becomes a Label Studio rotated
 * rectangle: its length along the rectangle's width, its width along the rectangle's height, and Label
 * Studio's {@code x, y} (the top-left corner before rotation), {@code width, height} in percent of the image
 * size and {@code rotation} in degrees clockwise on screen about that corner, so {@code rotation = -yaw}.
 *
 * @param xMin        x of the image's left edge, metres
 * @param yMax        y of the image's top edge, metres
 * @param metresPerPx resolution
 * @param sizePx      width and height of the image, pixels
 */
public record BevFrame(double xMin, double yMax, double metresPerPx, int sizePx) {
  /** Half the side of the default window, metres. */
  public static final double HALF_SIZE_M = 80;
  /** The default resolution. */
  public static final double METRES_PER_PX = 0.1;

  /** The default window of a frame: 160 m x 160 m at 0.1 m/px centred on the ego position. */
  public static BevFrame around(double egoX, double egoY) {
    return new BevFrame(egoX - HALF_SIZE_M, egoY + HALF_SIZE_M, METRES_PER_PX, (int) Math.round(2 * HALF_SIZE_M / METRES_PER_PX));
  }

  /** A Label Studio rectangle: {@code x, y, width, height} in percent, {@code rotation} in degrees [0, 360). */
  public record Rect(double x, double y, double width, double height, double rotation) {}

  /** The rectangle of a box's footprint. */
  public Rect toRect(double cx, double cy, double length, double width, double yaw) {
    double u = (cx - xMin) / metresPerPx;
    double v = (yMax - cy) / metresPerPx;
    double w = length / metresPerPx;
    double h = width / metresPerPx;
    double phi = -yaw;
    double c = Math.cos(phi);
    double s = Math.sin(phi);
    double tlu = u - w / 2 * c + h / 2 * s;
    double tlv = v - w / 2 * s - h / 2 * c;
    double deg = Math.toDegrees(phi) % 360;
    if (deg < 0) {
      deg += 360;
    }
    if (deg >= 360) { // -1e-15 + 360 rounds to 360
      deg -= 360;
    }
    deg += 0.0; // -0.0 as 0.0
    double pct = 100.0 / sizePx;
    return new Rect(tlu * pct, tlv * pct, w * pct, h * pct, deg);
  }

  /** The footprint {@code [cx, cy, length, width, yaw]} (yaw in (-pi, pi]) of a rectangle. */
  public double[] fromRect(Rect r) {
    double px = sizePx / 100.0;
    double tlu = r.x() * px;
    double tlv = r.y() * px;
    double w = r.width() * px;
    double h = r.height() * px;
    double phi = Math.toRadians(r.rotation());
    double c = Math.cos(phi);
    double s = Math.sin(phi);
    double u = tlu + w / 2 * c - h / 2 * s;
    double v = tlv + w / 2 * s + h / 2 * c;
    double yaw = -phi;
    yaw = Math.IEEEremainder(yaw, 2 * Math.PI);
    if (yaw <= -Math.PI) {
      yaw += 2 * Math.PI;
    }
    return new double[] {xMin + u * metresPerPx, yMax - v * metresPerPx, w * metresPerPx, h * metresPerPx, yaw};
  }
}
