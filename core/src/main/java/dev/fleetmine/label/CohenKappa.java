package dev.fleetmine.label;

/**
 * Cohen's kappa of two raters' yes/no decisions on the same items: {@code (p_o - p_e) / (1 - p_e)} with
 * {@code p_o} the observed agreement and {@code p_e = p_yes(A) p_yes(B) + p_no(A) p_no(B)} the agreement
 * expected by chance from each rater's marginals. Computed from the integer counts as
 * {@code (n * agree - m) / (n^2 - m)}, {@code m = yesA * yesB + noA * noB}, so one division is the only
 * rounding. Undefined (NaN) when {@code p_e = 1}: no items, or both raters gave one and the same answer to
 * every item.
 *
 * @param items   number of items
 * @param bothYes items both said yes to
 * @param onlyA   items only A said yes to
 * @param onlyB   items only B said yes to
 * @param bothNo  items both said no to
 */
public record CohenKappa(long items, long bothYes, long onlyA, long onlyB, long bothNo) {
  public CohenKappa {
    if (bothYes < 0 || onlyA < 0 || onlyB < 0 || bothNo < 0 || items != bothYes + onlyA + onlyB + bothNo) {
      throw new IllegalArgumentException("inconsistent counts: items " + items + " != " + bothYes + " + " + onlyA + " + " + onlyB
          + " + " + bothNo);
    }
  }

  /** The kappa of two raters' decisions on the same items, item by item. */
  public static CohenKappa of(boolean[] a, boolean[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("raters decided on " + a.length + " and " + b.length + " items");
    }
    long yy = 0;
    long yn = 0;
    long ny = 0;
    long nn = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] && b[i]) {
        yy++;
      } else if (a[i]) {
        yn++;
      } else if (b[i]) {
        ny++;
      } else {
        nn++;
      }
    }
    return new CohenKappa(a.length, yy, yn, ny, nn);
  }

  /** Observed agreement, the fraction of items with the same answer. */
  public double observed() {
    return items == 0 ? Double.NaN : (double) (bothYes + bothNo) / items;
  }

  /** Kappa, NaN when undefined. */
  public double kappa() {
    long yesA = bothYes + onlyA;
    long yesB = bothYes + onlyB;
    long m = yesA * yesB + (items - yesA) * (items - yesB);
    long denominator = items * items - m;
    return denominator == 0 ? Double.NaN : (double) (items * (bothYes + bothNo) - m) / denominator;
  }
}
