package dev.fleetmine.synth;

import dev.fleetmine.ingest.Category;
import dev.fleetmine.ingest.EgoSample;
import dev.fleetmine.ingest.EventSample;
import dev.fleetmine.ingest.LogInfo;
import dev.fleetmine.ingest.LogSink;
import dev.fleetmine.ingest.ObjectSample;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A {@link LogSink} in front of another that also writes what simulated 3D detectors would output for
 * the ground truth passing through it: one model per {@link Version}, stored beside the ground truth
 * ({@code source} = the version's model name) so that evaluation, comparison and failure mining can be
 * exercised on a fleet of any size.
 *
 * <p>Each ground-truth box is detected with a probability that falls with distance ({@code exp(-(d /
 * range)^2)}, per category), displaced by Gaussian noise proportional to its size and growing with
 * distance, with noisy
 * size and heading, scored by how good the box is plus noise; each frame also gets Poisson-distributed
 * false positives scattered within 60 m of ego. Detections are untracked (no track id), like a
 * single-frame detector's. Deterministic: the same seed and log give the same boxes.
 *
 * <p>The two {@link #DEFAULT_VERSIONS} tell a typical release story: {@code sim-det@v2} localizes vehicles
 * better than {@code sim-det@v1} but sees pedestrians and cyclists less far.
 */
public final class SimulatedDetector implements LogSink {
  /**
   * One simulated model.
   *
   * @param model          its source name
   * @param vehicleRange   distance (m) where a vehicle's detection probability has fallen to 1/e
   * @param vruRange       the same for pedestrians and cyclists
   * @param noiseAt50m     standard deviation of the position error at 50 m, as a fraction of the box's footprint
   *                       size sqrt(length * width) (growing linearly from a third of it at 0 m)
   * @param falsePerFrame  mean false positives per frame
   */
  public record Version(String model, double vehicleRange, double vruRange, double noiseAt50m, double falsePerFrame) {
    public Version {
      Objects.requireNonNull(model, "model is null");
    }
  }

  /** The release story: v2 localizes vehicles better, sees vulnerable road users less far. */
  public static final List<Version> DEFAULT_VERSIONS = List.of(
      new Version("sim-det@v1", 70, 45, 0.12, 0.5),
      new Version("sim-det@v2", 75, 25, 0.06, 0.5));

  private final LogSink out;
  private final List<Version> versions;
  private final long seed;
  private SplittableRandom rng;
  private EgoSample ego;

  /** Wraps {@code out}, adding the boxes of each version. */
  public SimulatedDetector(LogSink out, List<Version> versions, long seed) {
    this.out = Objects.requireNonNull(out, "out is null");
    this.versions = List.copyOf(versions);
    this.seed = seed;
  }

  @Override
  public void beginLog(LogInfo log) {
    rng = new SplittableRandom(seed ^ log.logId().hashCode() * 0x9E3779B97F4A7C15L);
    out.beginLog(log);
  }

  @Override
  public void ego(EgoSample sample) {
    out.ego(sample);
    ego = sample;
    for (Version v : versions) {
      int n = poisson(v.falsePerFrame());
      for (int i = 0; i < n; i++) {
        double r = 5 + 55 * rng.nextDouble();
        double a = 2 * Math.PI * rng.nextDouble();
        Category c = rng.nextDouble() < 0.7 ? Category.CAR : Category.PEDESTRIAN;
        boolean car = c == Category.CAR;
        out.object(new ObjectSample(sample.tsNs(), v.model(), null, c, c.sqlName(), sample.x() + r * Math.cos(a),
            sample.y() + r * Math.sin(a), car ? 0.8 : 0.9, car ? 4.5 : 0.6, car ? 1.9 : 0.6, car ? 1.6 : 1.8,
            2 * Math.PI * rng.nextDouble(), Double.NaN, Double.NaN, 1 / (1 + Math.exp(-(-1 + 0.7 * rng.nextGaussian())))));
      }
    }
  }

  @Override
  public void object(ObjectSample gt) {
    out.object(gt);
    if (!gt.source().equals(ObjectSample.GROUND_TRUTH) || ego == null || ego.tsNs() != gt.tsNs()) {
      return;
    }
    double d = Math.hypot(gt.x() - ego.x(), gt.y() - ego.y());
    boolean vru = gt.category() == Category.PEDESTRIAN || gt.category() == Category.CYCLIST;
    for (Version v : versions) {
      double range = vru ? v.vruRange() : v.vehicleRange();
      if (rng.nextDouble() >= Math.exp(-(d / range) * (d / range))) {
        continue;
      }
      double size = Math.sqrt(gt.length() * gt.width());
      double sigma = size * v.noiseAt50m() * (1 + 2 * Math.min(d, 100) / 50) / 3;
      double dx = sigma * rng.nextGaussian();
      double dy = sigma * rng.nextGaussian();
      double error = Math.hypot(dx, dy);
      // a logistic score: confident for good, near boxes, never exactly tied
      double score = 1 / (1 + Math.exp(-(3 - 4 * error / size - 0.04 * d + 0.7 * rng.nextGaussian())));
      out.object(new ObjectSample(gt.tsNs(), v.model(), null, gt.category(), gt.rawLabel(), gt.x() + dx, gt.y() + dy, gt.z(),
          gt.length() * (1 + 0.05 * rng.nextGaussian()), gt.width() * (1 + 0.05 * rng.nextGaussian()), gt.height(),
          gt.yaw() + 0.05 * rng.nextGaussian(), Double.NaN, Double.NaN, score));
    }
  }

  @Override
  public void event(EventSample sample) {
    out.event(sample);
  }

  @Override
  public void endLog() {
    out.endLog();
    ego = null;
  }

  private int poisson(double mean) {
    double l = Math.exp(-mean);
    int k = 0;
    double p = rng.nextDouble();
    while (p > l) {
      k++;
      p *= rng.nextDouble();
    }
    return k;
  }

  /** The model names of {@code versions}, in order. */
  public static List<String> models(List<Version> versions) {
    return versions.stream().map(Version::model).toList();
  }
}
