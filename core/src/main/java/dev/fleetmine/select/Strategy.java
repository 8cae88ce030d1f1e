package dev.fleetmine.select;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed strategy spec: comma-separated terms {@code NAME[:VARIANT][=WEIGHT]}, e.g.
 * {@code uncertainty:entropy}, {@code uncertainty:margin=0.6,rarity=0.4}, {@code diversity},
 * {@code uncertainty=0.7,diversity}. Scored terms (uncertainty, rarity, disagreement) are min-max
 * normalized over the candidates and summed with their weights (default 1); {@code diversity} is not a
 * score but a final k-center greedy stage over the best-scored candidates (its weight is ignored).
 *
 * @param terms the terms in the order written
 */
public record Strategy(List<Term> terms) {
  /** The term names, as the message of an unknown name lists them. */
  public static final String VALID = "uncertainty[:entropy|margin|least-confidence], diversity, rarity, disagreement";

  public Strategy {
    terms = List.copyOf(terms);
    if (terms.isEmpty()) {
      throw new IllegalArgumentException("empty strategy; valid terms: " + VALID);
    }
  }

  /**
   * One term.
   *
   * @param name    uncertainty, diversity, rarity or disagreement
   * @param measure the uncertainty measure (uncertainty only)
   * @param weight  the weight of the normalized score
   */
  public record Term(String name, Uncertainty.Measure measure, double weight) {
    /** The key of the term in {@link Selection.Item#components()}. */
    public String key() {
      return measure == null ? name : name + ":" + measure.spec();
    }
  }

  public static Strategy parse(String spec) {
    List<Term> terms = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String raw : spec.split(",")) {
      String part = raw.trim();
      if (part.isEmpty()) {
        throw new IllegalArgumentException("strategy '" + spec + "' has an empty term; valid terms: " + VALID);
      }
      double weight = 1;
      int eq = part.indexOf('=');
      if (eq >= 0) {
        try {
          weight = Double.parseDouble(part.substring(eq + 1).trim());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("strategy term '" + part + "': the weight after '=' must be a number");
        }
        if (!(weight > 0) || Double.isInfinite(weight)) {
          throw new IllegalArgumentException("strategy term '" + part + "': the weight must be > 0");
        }
        part = part.substring(0, eq).trim();
      }
      int colon = part.indexOf(':');
      String name = (colon < 0 ? part : part.substring(0, colon)).toLowerCase(Locale.ROOT);
      String variant = colon < 0 ? null : part.substring(colon + 1);
      Uncertainty.Measure measure = null;
      switch (name) {
        case "uncertainty" -> measure = variant == null ? Uncertainty.Measure.ENTROPY : Uncertainty.Measure.parse(variant);
        case "diversity", "rarity", "disagreement" -> {
          if (variant != null) {
            throw new IllegalArgumentException("strategy term '" + part + "': " + name + " takes no ':" + variant + "'");
          }
        }
        default -> throw new IllegalArgumentException("unknown strategy '" + name + "'; valid: " + VALID);
      }
      if (!seen.add(name)) {
        throw new IllegalArgumentException("strategy '" + spec + "' names " + name + " twice");
      }
      terms.add(new Term(name, measure, weight));
    }
    return new Strategy(terms);
  }

  public Optional<Term> term(String name) {
    return terms.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  public boolean has(String name) {
    return term(name).isPresent();
  }

  /** The scored terms (all but diversity). */
  public List<Term> scored() {
    return terms.stream().filter(t -> !t.name().equals("diversity")).toList();
  }
}
