package dev.fleetmine.eval.det3d;

/**
 * Overlap of two {@link Box3d}s: exact bird's-eye-view IoU of the rotated footprints (Sutherland-Hodgman
 * clip of one rectangle by the other, shoelace area) and 3D IoU (footprint intersection times vertical
 * overlap over the union volume). The evaluator computes the same values through the same code.
 */
public final class BoxGeometry {
  private BoxGeometry() {}

  /** IoU of the two footprints in the ground plane, in [0, 1]. */
  public static double bevIou(Box3d a, Box3d b) {
    return arrays(a).bevIou(0, arrays(b), 0, new Clipper());
  }

  /** 3D IoU: {@code bevIntersection * zOverlap / (volA + volB - bevIntersection * zOverlap)}, in [0, 1]. */
  public static double iou3d(Box3d a, Box3d b) {
    return arrays(a).iou3d(0, arrays(b), 0, new Clipper());
  }

  /** Area of the intersection of the two footprints, square metres. */
  public static double bevIntersectionArea(Box3d a, Box3d b) {
    return arrays(a).bevIntersection(0, arrays(b), 0, new Clipper());
  }

  /** Distance between the centres in the ground plane (x, y), metres: nuScenes' {@code center_distance}. */
  public static double centreDistance(Box3d a, Box3d b) {
    return arrays(a).centreDistance(0, arrays(b), 0);
  }

  private static BoxArrays arrays(Box3d b) {
    return BoxArrays.of(1, i -> b);
  }
}
