package dev.fleetmine.eval.det3d;

/** Which overlap {@link Matching.Kitti} thresholds. */
public enum IouKind {
  /** Footprint IoU in the ground plane ({@link BoxGeometry#bevIou}). */
  BEV,
  /** Volume IoU ({@link BoxGeometry#iou3d}). */
  IOU_3D
}
