package dev.fleetmine.bench;

import dev.fleetmine.eval.det3d.Box3d;
import dev.fleetmine.eval.det3d.Detection;
import dev.fleetmine.eval.det3d.GroundTruth;
import dev.fleetmine.eval.det3d.SampleKey;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic 3D-detection data for {@link Det3dBench}: samples of about ten objects (Car, Pedestrian,
 * Cyclist) on an 80 m square, 5 % flagged ignore; most objects get a noisy detection scored by how good it
 * is, the rest of the detections are hallucinations. Scores have three decimals, so ties occur.
 */
record Det3dData(List<GroundTruth> gts, List<Detection> dets) {
  private static final String[] CATS = {"Car", "Pedestrian", "Cyclist"};
  private static final double[][] SIZES = {{4.5, 1.9, 1.6}, {0.8, 0.8, 1.8}, {1.8, 0.7, 1.7}};

  /** About {@code detections} detections and as many objects over {@code detections / 10} samples. */
  static Det3dData generate(int detections, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int samples = Math.max(1, detections / 10);
    List<GroundTruth> gts = new ArrayList<>(detections);
    List<Detection> dets = new ArrayList<>(detections);
    for (int s = 0; s < samples; s++) {
      SampleKey key = new SampleKey("log-" + (s / 1000), 1_000_000_000L + s % 1000 * 100_000_000L);
      int objects = 7 + rnd.nextInt(7);
      for (int o = 0; o < objects; o++) {
        double u = rnd.nextDouble();
        int c = u < 0.6 ? 0 : u < 0.85 ? 1 : 2;
        Box3d box = new Box3d(rnd.nextDouble(-40, 40), rnd.nextDouble(-40, 40), rnd.nextDouble(-0.2, 0.2),
            SIZES[c][0] * rnd.nextDouble(0.85, 1.15), SIZES[c][1] * rnd.nextDouble(0.85, 1.15),
            SIZES[c][2] * rnd.nextDouble(0.9, 1.1), rnd.nextDouble(-Math.PI, Math.PI));
        gts.add(new GroundTruth(key, CATS[c], box, "t" + o, rnd.nextDouble() < 0.05));
        if (rnd.nextDouble() < 0.85) {
          double err = rnd.nextDouble() * rnd.nextDouble() * 1.5; // mostly small, sometimes over a metre
          double dir = rnd.nextDouble(-Math.PI, Math.PI);
          Box3d d = new Box3d(box.x() + err * Math.cos(dir), box.y() + err * Math.sin(dir),
              box.z() + rnd.nextDouble(-0.3, 0.3), box.length() * rnd.nextDouble(0.9, 1.1),
              box.width() * rnd.nextDouble(0.9, 1.1), box.height() * rnd.nextDouble(0.9, 1.1),
              box.yaw() + rnd.nextDouble(-0.15, 0.15) + (rnd.nextDouble() < 0.05 ? Math.PI : 0));
          double score = Math.round(1000 * Math.min(1, Math.max(0, 0.95 - err * 0.4 - rnd.nextDouble(0.3)))) / 1000.0;
          dets.add(new Detection(key, rnd.nextDouble() < 0.03 ? CATS[(c + 1) % 3] : CATS[c], d, score));
        }
      }
    }
    // hallucinations up to the requested count, in random samples, scored low on average
    while (dets.size() < detections) {
      int s = rnd.nextInt(samples);
      SampleKey key = new SampleKey("log-" + (s / 1000), 1_000_000_000L + s % 1000 * 100_000_000L);
      int c = rnd.nextInt(3);
      Box3d box = new Box3d(rnd.nextDouble(-40, 40), rnd.nextDouble(-40, 40), 0, SIZES[c][0], SIZES[c][1],
          SIZES[c][2], rnd.nextDouble(-Math.PI, Math.PI));
      dets.add(new Detection(key, CATS[c], box, Math.round(1000 * rnd.nextDouble(0.6)) / 1000.0));
    }
    return new Det3dData(gts, dets);
  }
}
