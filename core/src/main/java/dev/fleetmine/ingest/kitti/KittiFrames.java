package dev.fleetmine.ingest.kitti;

import dev.fleetmine.ingest.Category;
import dev.fleetmine.ingest.EgoSample;
import dev.fleetmine.ingest.IngestException;
import dev.fleetmine.ingest.ObjectSample;

/**
 * Maps a sequence's boxes to its log's frame: rectified camera to velodyne with the calibration, then,
 * when oxts poses are known, velodyne to IMU to the log-local Mercator frame of the box's frame. Shared
 * by the importer and {@link KittiDetectionReader}, so a model's boxes land where an ingest puts them.
 *
 * @param calib the sequence's calibration
 * @param oxts  the sequence's poses, or null when the ego pose is unknown (boxes stay in the velodyne frame)
 */
record KittiFrames(KittiCalib calib, KittiOxts oxts) {
  /** KITTI tracking runs at 10 Hz. */
  static final long FRAME_NS = 100_000_000L;

  static KittiFrames egoOnly(KittiCalib calib) {
    return new KittiFrames(calib, null);
  }

  /** Frames with oxts poses; {@code boxes} names where boxes up to {@code maxFrame} came from, for the error. */
  static KittiFrames world(KittiCalib calib, KittiOxts oxts, int maxFrame, String boxes) {
    calib.requireImuFromVelo();
    if (maxFrame >= oxts.frames()) {
      throw new IngestException(oxts.file(), "line " + (maxFrame + 1), "missing: boxes go up to frame " + maxFrame
          + " (" + boxes + ") but the oxts file has only " + oxts.frames() + " lines, one per frame");
    }
    return new KittiFrames(calib, oxts);
  }

  /** The ego state at a frame: zeros without oxts, else the IMU pose, heading and speed. */
  EgoSample ego(int frame) {
    long ts = frame * FRAME_NS;
    if (oxts == null) {
      return new EgoSample(ts, 0, 0, 0, 0, Double.NaN);
    }
    double[] p = oxts.poses().get(frame).apply(0, 0, 0);
    return new EgoSample(ts, p[0], p[1], p[2], oxts.yaws()[frame], oxts.speeds()[frame]);
  }

  /** One box as a lake object: centre (not bottom) and heading in the log's frame. */
  ObjectSample object(KittiBox b, String source, String trackId) {
    // KITTI gives the bottom centre and camera y points down, so the centre is h/2 "up" (-y).
    double[] c = calib.veloFromCam().apply(b.x(), b.y() - b.height() / 2, b.z());
    // The heading is the box's x axis rotated by rotation_y about camera y: (cos ry, 0, -sin ry).
    double[] d = calib.veloFromCam().applyLinear(Math.cos(b.rotationY()), 0, -Math.sin(b.rotationY()));
    if (oxts != null) {
      Affine3 logFromVelo = oxts.poses().get(b.frame()).compose(calib.imuFromVelo());
      c = logFromVelo.apply(c[0], c[1], c[2]);
      d = logFromVelo.applyLinear(d[0], d[1], d[2]);
    }
    double yaw = Math.atan2(d[1], d[0]);
    return new ObjectSample(b.frame() * FRAME_NS, source, trackId, Category.fromKitti(b.type()), b.type(),
        c[0], c[1], c[2], b.length(), b.width(), b.height(), yaw, Double.NaN, Double.NaN, b.score());
  }
}
