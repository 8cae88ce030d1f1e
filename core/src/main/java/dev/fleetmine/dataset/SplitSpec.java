package dev.fleetmine.dataset;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How a version is split: named fractions, the grouping that keeps related clips together, whether
 * groups are stratified by scenario tag, what the fractions weigh, and the seed that breaks ties.
 *
 * @param fractions split names and their target fractions of the members' weight, in the order given (sum 1)
 * @param seed      tie-breaking seed: the same seed on the same members gives the same split
 * @param groupBy   {@code log}, {@code location} or {@code time:<N>h} (log and N-hour bucket of the clip start)
 * @param stratify  whether groups are assigned per scenario-tag stratum (see {@link Splitter})
 * @param weight    what the fractions are fractions of: frames or clips; null (a manifest written before
 *                  weights existed, when splits balanced clips) reads as {@link Weight#CLIPS}
 */
public record SplitSpec(List<Fraction> fractions, long seed, String groupBy, boolean stratify, Weight weight) {
  /** One split and its target fraction. */
  public record Fraction(String name, double fraction) {}

  /** What a split's fraction measures. */
  public enum Weight {
    /** Ego frames (COCO: images) of the members: the share of training examples, the default. */
    FRAMES,
    /** Members (clips), whatever their length. */
    CLIPS;

    /** Parses frames or clips (any case). */
    public static Weight parse(String s) {
      return switch (s.strip().toLowerCase(Locale.ROOT)) {
        case "frames" -> FRAMES;
        case "clips" -> CLIPS;
        default -> throw new IllegalArgumentException("split weight '" + s + "': expected frames or clips");
      };
    }

    /** frames or clips. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A frame-weighted split (the default weight). */
  public SplitSpec(List<Fraction> fractions, long seed, String groupBy, boolean stratify) {
    this(fractions, seed, groupBy, stratify, Weight.FRAMES);
  }

  public SplitSpec {
    requireNonNull(groupBy, "groupBy is null");
    weight = weight == null ? Weight.CLIPS : weight;
    fractions = List.copyOf(fractions);
    if (fractions.isEmpty()) {
      throw new IllegalArgumentException("split fractions: expected at least one NAME=FRACTION");
    }
    Set<String> names = new LinkedHashSet<>();
    double sum = 0;
    for (Fraction f : fractions) {
      dev.fleetmine.lake.CurationStore.checkName("split", f.name());
      if (!names.add(f.name())) {
        throw new IllegalArgumentException("split fractions: split '" + f.name() + "' is given twice");
      }
      if (!(f.fraction() >= 0 && f.fraction() <= 1)) {
        throw new IllegalArgumentException("split fractions: " + f.name() + "=" + f.fraction()
            + " is not a fraction in [0, 1]");
      }
      sum += f.fraction();
    }
    if (Math.abs(sum - 1) > 1e-6) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "split fractions: they sum to %.6f, expected 1 (for example train=0.8,val=0.1,test=0.1)", sum));
    }
    groupHours(groupBy);
  }

  /** Parses {@code train=0.8,val=0.1,test=0.1}. */
  public static List<Fraction> parseFractions(String text) {
    List<Fraction> out = new ArrayList<>();
    for (String part : text.split(",")) {
      String p = part.strip();
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("split fractions '" + text + "': '" + p
            + "' is not NAME=FRACTION (for example train=0.8,val=0.1,test=0.1)");
      }
      try {
        out.add(new Fraction(p.substring(0, eq).strip(), Double.parseDouble(p.substring(eq + 1).strip())));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("split fractions '" + text + "': '" + p.substring(eq + 1)
            + "' (split " + p.substring(0, eq) + ") is not a number", e);
      }
    }
    return out;
  }

  /** The bucket width in hours of a {@code time:<N>h} grouping; 0 for {@code log} and {@code location}. */
  public static double groupHours(String groupBy) {
    if (groupBy.equals("log") || groupBy.equals("location")) {
      return 0;
    }
    if (groupBy.startsWith("time:") && groupBy.endsWith("h")) {
      try {
        double h = Double.parseDouble(groupBy.substring(5, groupBy.length() - 1));
        if (h > 0 && Double.isFinite(h)) {
          return h;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException("group-by '" + groupBy + "': expected log, location or time:<HOURS>h (for example time:1h)");
  }

  /** The split names in the order given. */
  public List<String> names() {
    return fractions.stream().map(Fraction::name).toList();
  }

  /** The spec as one line, e.g. {@code train=0.8,val=0.2 seed=7 group-by=log stratify=tag weight=frames}. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    for (Fraction f : fractions) {
      sb.append(sb.isEmpty() ? "" : ",").append(f.name()).append('=').append(f.fraction());
    }
    return sb + " seed=" + seed + " group-by=" + groupBy + (stratify ? " stratify=tag" : "") + " weight=" + weight.id();
  }
}
