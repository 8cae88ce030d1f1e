package dev.fleetmine.label;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** QA runs on a batch's label versions, each recorded as an event: consensus ({@code qa}) and audit samples ({@code audit}). */
public final class LabelQa {
  private LabelQa() {}

  /** Consensus of versions {@code versions} (two or more) of {@code batch}; records a {@code qa} event. */
  public static List<Consensus.PairAgreement> consensus(LabelStore store, String batch, List<Integer> versions, double threshold) {
    LabelBatch b = store.batch(batch);
    if (versions.size() < 2 || versions.stream().distinct().count() != versions.size()) {
      throw new IllegalArgumentException("--versions: expected two or more different label versions, got " + versions);
    }
    List<Consensus.Labels> labels = new ArrayList<>();
    for (int v : versions) {
      labels.add(new Consensus.Labels("v" + v, store.cuboids(batch, v), store.tags(batch, v)));
    }
    List<Consensus.PairAgreement> pairs = Consensus.compare(b, labels, threshold);
    Map<String, String> detail = new LinkedHashMap<>();
    detail.put("versions", String.join(",", versions.stream().map(v -> "v" + v).toList()));
    detail.put("threshold", Double.toString(threshold));
    detail.put("result", summary(pairs));
    for (Consensus.PairAgreement p : pairs) {
      String k = p.a() + "-" + p.b();
      detail.put(k + ".agreement", Double.toString(p.boxes().agreement()));
      detail.put(k + ".mean_iou", Double.toString(p.boxes().meanIou()));
      detail.put(k + ".kappa", Double.toString(p.tags().kappa()));
    }
    store.appendEvent(batch, BatchEvent.Type.QA, detail);
    return pairs;
  }

  /** A short summary: {@code v1-v2 boxes 0.934 iou 0.912 kappa 0.800}. */
  static String summary(List<Consensus.PairAgreement> pairs) {
    List<String> parts = new ArrayList<>();
    for (Consensus.PairAgreement p : pairs) {
      parts.add(String.format(Locale.ROOT, "%s-%s boxes %s iou %s kappa %s", p.a(), p.b(), fmt(p.boxes().agreement()),
          fmt(p.boxes().meanIou()), fmt(p.tags().kappa())));
    }
    return String.join("; ", parts);
  }

  /** Three decimals, {@code n/a} for NaN. */
  public static String fmt(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
  }

  /** An audit sample of version {@code version}; records an {@code audit} event with the sampled frames. */
  public static List<AuditSample.Item> audit(LabelStore store, String batch, int version, String sampleSpec, long seed) {
    LabelBatch b = store.batch(batch);
    List<Cuboid> boxes = store.cuboids(batch, version);
    int k = AuditSample.size(sampleSpec, b.frameCount());
    List<AuditSample.Item> items = AuditSample.draw(b, boxes, k, seed);
    Map<String, String> detail = new LinkedHashMap<>();
    detail.put("version", "v" + version);
    detail.put("sample", Integer.toString(items.size()));
    detail.put("seed", Long.toString(seed));
    detail.put("frames", String.join(",", items.stream().map(i -> i.logId() + "@" + i.tsNs()).toList()));
    store.appendEvent(batch, BatchEvent.Type.AUDIT, detail);
    return items;
  }
}
