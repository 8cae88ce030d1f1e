package dev.fleetmine.ingest.kitti;

/**
 * One 3D box as KITTI writes it, in rectified camera coordinates, before any conversion.
 *
 * @param frame     frame number (10 Hz)
 * @param trackId   track id, or -1 for untracked detections and DontCare regions
 * @param type      the KITTI class name (Car, Van, Pedestrian, ..., DontCare)
 * @param height    box height h, metres
 * @param width     box width w, metres
 * @param length    box length l, metres
 * @param x         bottom-centre x (right), metres
 * @param y         bottom-centre y (down), metres
 * @param z         bottom-centre z (forward), metres
 * @param rotationY rotation about the camera y axis, radians
 * @param score     detection score, or NaN for ground truth
 * @param line      1-based line in the source file, for errors
 */
record KittiBox(int frame, int trackId, String type, double height, double width, double length,
    double x, double y, double z, double rotationY, double score, int line) {
  static final String DONT_CARE = "DontCare";

  boolean isDontCare() {
    return DONT_CARE.equals(type);
  }
}
