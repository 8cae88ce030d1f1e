package dev.fleetmine.label;

import dev.fleetmine.eval.det3d.BoxGeometry;
import dev.fleetmine.query.ClipRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Agreement between label versions of one batch (different annotators), for each pair of versions.
 *
 * <p>Boxes: per frame of the batch and per category, the two versions' boxes are matched greedily by
 * bird's-eye-view IoU ({@link BoxGeometry#bevIou}, rotated footprints): all pairs with IoU at least the
 * threshold (default 0.5), highest IoU first (ties: A's box order, then B's), each box matched at most once.
 * Agreement is {@code 2 matched / (boxes A + boxes B)} (1 when both drew every box alike, 0 when no box
 * matched; NaN when neither drew any), mean IoU is over the matched pairs; both overall and per category.
 *
 * <p>Scenario tags: every (clip of the batch, tag either version used anywhere) is an item each version
 * says yes or no to; agreement is {@link CohenKappa} over all items, and per tag.
 */
public final class Consensus {
  /** The default IoU threshold for two boxes to be the same object. */
  public static final double DEFAULT_THRESHOLD = 0.5;

  private Consensus() {}

  /** Box agreement of one category (or all). */
  public record BoxAgreement(long boxesA, long boxesB, long matched, double iouSum) {
    /** {@code 2 matched / (A + B)}; NaN when both are empty. */
    public double agreement() {
      return boxesA + boxesB == 0 ? Double.NaN : 2.0 * matched / (boxesA + boxesB);
    }

    /** Mean BEV IoU of the matched pairs; NaN when none matched. */
    public double meanIou() {
      return matched == 0 ? Double.NaN : iouSum / matched;
    }

    BoxAgreement plus(BoxAgreement o) {
      return new BoxAgreement(boxesA + o.boxesA, boxesB + o.boxesB, matched + o.matched, iouSum + o.iouSum);
    }
  }

  /**
   * Agreement of two versions.
   *
   * @param a          the first version's name
   * @param b          the second
   * @param boxes      over all categories
   * @param categories per category (sorted)
   * @param tags       Cohen's kappa over all (clip, tag) items
   * @param tagKappas  per tag (sorted)
   */
  public record PairAgreement(String a, String b, BoxAgreement boxes, Map<String, BoxAgreement> categories, CohenKappa tags,
      Map<String, CohenKappa> tagKappas) {
    public PairAgreement {
      categories = java.util.Collections.unmodifiableMap(new TreeMap<>(categories));
      tagKappas = java.util.Collections.unmodifiableMap(new TreeMap<>(tagKappas));
    }
  }

  /** One version to compare: its name (for example {@code v2}), boxes and tags. */
  public record Labels(String name, List<Cuboid> boxes, List<ClipTag> tags) {}

  /** Agreement of every pair of {@code versions} (in the order given: (0,1), (0,2), ..., (1,2), ...). */
  public static List<PairAgreement> compare(LabelBatch batch, List<Labels> versions, double threshold) {
    if (versions.size() < 2) {
      throw new IllegalArgumentException("consensus needs two or more label versions, got " + versions.size());
    }
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("IoU threshold must be in (0, 1], got " + threshold);
    }
    List<PairAgreement> out = new ArrayList<>();
    for (int i = 0; i < versions.size(); i++) {
      for (int j = i + 1; j < versions.size(); j++) {
        out.add(pair(batch, versions.get(i), versions.get(j), threshold));
      }
    }
    return out;
  }

  static PairAgreement pair(LabelBatch batch, Labels a, Labels b, double threshold) {
    Map<String, List<Cuboid>> byKeyA = group(a.boxes());
    Map<String, List<Cuboid>> byKeyB = group(b.boxes());
    Set<String> keys = new TreeSet<>(byKeyA.keySet());
    keys.addAll(byKeyB.keySet());
    Map<String, BoxAgreement> categories = new TreeMap<>();
    for (String key : keys) {
      String category = key.substring(key.lastIndexOf('\u0000') + 1);
      BoxAgreement m = match(byKeyA.getOrDefault(key, List.of()), byKeyB.getOrDefault(key, List.of()), threshold);
      categories.merge(category, m, BoxAgreement::plus);
    }
    BoxAgreement all = categories.values().stream().reduce(new BoxAgreement(0, 0, 0, 0), BoxAgreement::plus);

    Set<String> vocabulary = new TreeSet<>();
    a.tags().forEach(t -> vocabulary.add(t.tag()));
    b.tags().forEach(t -> vocabulary.add(t.tag()));
    Set<String> yesA = new java.util.HashSet<>();
    a.tags().forEach(t -> yesA.add(t.clip().id() + "\u0000" + t.tag()));
    Set<String> yesB = new java.util.HashSet<>();
    b.tags().forEach(t -> yesB.add(t.clip().id() + "\u0000" + t.tag()));
    List<ClipRef> clips = batch.refs();
    Map<String, CohenKappa> perTag = new LinkedHashMap<>();
    boolean[] allA = new boolean[clips.size() * vocabulary.size()];
    boolean[] allB = new boolean[allA.length];
    int k = 0;
    for (String tag : vocabulary) {
      boolean[] ta = new boolean[clips.size()];
      boolean[] tb = new boolean[clips.size()];
      for (int c = 0; c < clips.size(); c++) {
        String item = clips.get(c).id() + "\u0000" + tag;
        ta[c] = yesA.contains(item);
        tb[c] = yesB.contains(item);
        allA[k] = ta[c];
        allB[k++] = tb[c];
      }
      perTag.put(tag, CohenKappa.of(ta, tb));
    }
    return new PairAgreement(a.name(), b.name(), all, categories, CohenKappa.of(allA, allB), perTag);
  }

  /** Boxes by frame and category. */
  private static Map<String, List<Cuboid>> group(List<Cuboid> boxes) {
    Map<String, List<Cuboid>> out = new HashMap<>();
    for (Cuboid c : boxes) {
      out.computeIfAbsent(c.logId() + "\u0000" + c.tsNs() + "\u0000" + c.category(), x -> new ArrayList<>()).add(c);
    }
    return out;
  }

  /** Greedy matching of one frame's boxes of one category. */
  static BoxAgreement match(List<Cuboid> a, List<Cuboid> b, double threshold) {
    List<double[]> pairs = new ArrayList<>(); // iou, i, j
    for (int i = 0; i < a.size(); i++) {
      var ba = a.get(i).box3d();
      for (int j = 0; j < b.size(); j++) {
        double iou = BoxGeometry.bevIou(ba, b.get(j).box3d());
        if (iou >= threshold) {
          pairs.add(new double[] {iou, i, j});
        }
      }
    }
    pairs.sort(Comparator.<double[]>comparingDouble(p -> -p[0]).thenComparingDouble(p -> p[1]).thenComparingDouble(p -> p[2]));
    boolean[] usedA = new boolean[a.size()];
    boolean[] usedB = new boolean[b.size()];
    long matched = 0;
    double sum = 0;
    for (double[] p : pairs) {
      int i = (int) p[1];
      int j = (int) p[2];
      if (!usedA[i] && !usedB[j]) {
        usedA[i] = true;
        usedB[j] = true;
        matched++;
        sum += p[0];
      }
    }
    return new BoxAgreement(a.size(), b.size(), matched, sum);
  }
}
