package dev.fleetmine.eval.coco;

/** Box IoU exactly as pycocotools computes it (common/maskApi.c, {@code bbIou}). */
final class BoxIou {
  private BoxIou() {}

  /** maskApi.c bbIou for one pair, in its arithmetic order; a crowd box divides by the detection's area. */
  static double bbIou(double dx, double dy, double dw, double dh, double gx, double gy, double gw, double gh,
      boolean crowd) {
    double ga = gw * gh;
    double da = dw * dh;
    double w = Math.min(dw + dx, gw + gx) - Math.max(dx, gx);
    if (w <= 0) {
      return 0;
    }
    double h = Math.min(dh + dy, gh + gy) - Math.max(dy, gy);
    if (h <= 0) {
      return 0;
    }
    double i = w * h;
    double u = crowd ? da : da + ga - i;
    return i / u;
  }
}
