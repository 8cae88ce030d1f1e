package dev.fleetmine.label;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A reproducible random sample of a label version's frames for review. The frames are the batch's, in
 * batch order (clip by clip, by timestamp); the sample is the first {@code k} draws of a Fisher-Yates shuffle
 * driven by {@code new SplittableRandom(seed)}, so the same batch, size and seed always give the same frames,
 * and a larger sample with the same seed begins with the smaller one.
 */
public final class AuditSample {
  private AuditSample() {}

  /**
   * One sampled frame.
   *
   * @param rank  1 for the first draw
   * @param clip  the clip id
   * @param logId log
   * @param tsNs  frame
   * @param boxes the version's boxes at that frame
   */
  public record Item(int rank, String clip, String logId, long tsNs, long boxes) {}

  /** Parses {@code 20} (frames) or {@code 10%} (of the frames, rounded up); the result is at least 1. */
  public static int size(String spec, int frames) {
    String s = spec.trim();
    try {
      if (s.endsWith("%")) {
        double pct = Double.parseDouble(s.substring(0, s.length() - 1));
        if (pct > 0 && pct <= 100) {
          return Math.max(1, (int) Math.ceil(pct / 100 * frames - 1e-9));
        }
      } else {
        int n = Integer.parseInt(s);
        if (n >= 1) {
          return n;
        }
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new IllegalArgumentException("--sample '" + spec + "': expected a number of frames >= 1 or a percentage in (0, 100]");
  }

  /** The first {@code k} frames (all when {@code k} is larger) drawn with {@code seed}, in draw order. */
  public static List<Item> draw(LabelBatch batch, List<Cuboid> boxes, int k, long seed) {
    List<String[]> frames = new ArrayList<>();
    List<Long> ts = new ArrayList<>();
    for (LabelBatch.BatchClip c : batch.clips()) {
      for (long t : c.frames()) {
        frames.add(new String[] {c.clip().id(), c.clip().logId()});
        ts.add(t);
      }
    }
    Map<String, Long> counts = new HashMap<>();
    boxes.forEach(b -> counts.merge(b.logId() + "@" + b.tsNs(), 1L, Long::sum));
    int n = frames.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    int take = Math.min(k, n);
    List<Item> out = new ArrayList<>(take);
    for (int i = 0; i < take; i++) {
      int j = i + random.nextInt(n - i);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
      int f = order[i];
      out.add(new Item(i + 1, frames.get(f)[0], frames.get(f)[1], ts.get(f), counts.getOrDefault(frames.get(f)[1] + "@" + ts.get(f), 0L)));
    }
    return out;
  }
}
