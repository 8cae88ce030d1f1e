package dev.fleetmine.select;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Uncertainty of a clip from its detections' confidences. Each detection's score is read as the model's
 * probability {@code p} that the object is real (see {@link ScoreScale}); its uncertainty is one of
 * {@link Measure}, each 0 for a certain detection ({@code p} = 0 or 1) and 1 at {@code p} = 0.5. A clip's
 * uncertainty is the <b>mean</b> over all the model's detections in the clip's time range (every frame,
 * every category); a clip without detections scores 0 (nothing to be unsure about).
 */
public final class Uncertainty {
  private Uncertainty() {}

  /** Per-detection uncertainty of a binary "real object" probability. */
  public enum Measure {
    /** Binary entropy in bits: {@code -p log2 p - (1-p) log2 (1-p)}. */
    ENTROPY("entropy"),
    /** One minus the margin between the two outcomes: {@code 1 - |p - (1-p)|}. */
    MARGIN("margin"),
    /** Least confidence, scaled to [0, 1]: {@code 2 (1 - max(p, 1-p))}. */
    LEAST_CONFIDENCE("least-confidence");

    private final String spec;

    Measure(String spec) {
      this.spec = spec;
    }

    /** The name used in strategy specs. */
    public String spec() {
      return spec;
    }

    /** The uncertainty of one detection of probability {@code p} in [0, 1]. */
    public double of(double p) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("probability must be in [0, 1], got " + p);
      }
      return switch (this) {
        case ENTROPY -> -(xlog2x(p) + xlog2x(1 - p));
        case MARGIN -> 1 - Math.abs(2 * p - 1);
        case LEAST_CONFIDENCE -> 2 * (1 - Math.max(p, 1 - p));
      };
    }

    /** By spec name; the message lists the valid ones. */
    public static Measure parse(String name) {
      return Arrays.stream(values()).filter(m -> m.spec.equals(name.toLowerCase(Locale.ROOT))).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("unknown uncertainty measure '" + name + "'; valid: "
              + Arrays.stream(values()).map(Measure::spec).collect(Collectors.joining(", "))));
    }
  }

  /** How raw detection scores become probabilities. */
  public enum ScoreScale {
    /** Scores already are probabilities in [0, 1]. */
    PROBABILITY,
    /** Scores are logits (e.g. PointRCNN as KITTI ships it): {@code p = 1 / (1 + exp(-score))}. */
    LOGIT;

    /** The probability of a raw score. */
    public double probability(double score) {
      return this == PROBABILITY ? score : 1 / (1 + Math.exp(-score));
    }

    /** {@link #PROBABILITY} when every score lies in [0, 1], else {@link #LOGIT}. */
    public static ScoreScale detect(double[] scores) {
      for (double s : scores) {
        if (!(s >= 0 && s <= 1)) {
          return LOGIT;
        }
      }
      return PROBABILITY;
    }

    public static ScoreScale parse(String name) {
      return switch (name.toLowerCase(Locale.ROOT)) {
        case "probability" -> PROBABILITY;
        case "logit" -> LOGIT;
        default -> throw new IllegalArgumentException("unknown score scale '" + name + "'; valid: auto, probability, logit");
      };
    }
  }

  /** The clip's uncertainty: the mean of {@code measure} over its detections' raw scores (0 when none). */
  public static double clip(double[] rawScores, ScoreScale scale, Measure measure) {
    if (rawScores.length == 0) {
      return 0;
    }
    double sum = 0;
    for (double s : rawScores) {
      sum += measure.of(scale.probability(s));
    }
    return sum / rawScores.length;
  }

  /** {@link #clip} of every clip. */
  public static double[] clips(List<double[]> rawScores, ScoreScale scale, Measure measure) {
    double[] out = new double[rawScores.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = clip(rawScores.get(i), scale, measure);
    }
    return out;
  }

  private static double xlog2x(double x) {
    return x <= 0 ? 0 : x * Math.log(x) / Math.log(2);
  }
}
