package dev.fleetmine.select;

import dev.fleetmine.eval.det3d.Box3d;
import dev.fleetmine.eval.det3d.BoxGeometry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Disagreement between two models' detections on the same clip. Per frame, the two models' boxes of the
 * same category are matched greedily by bird's-eye-view IoU (highest first, each box at most once, pairs
 * with IoU 0 not matched); the frame's disagreement is {@code 1 - 2 * sum(matched IoU) / (|A| + |B|)}:
 * 0 when both saw the same boxes exactly, 1 when no box of one overlaps a box of the other (including when
 * only one model saw anything). The clip's disagreement is the mean over its frames where at least one
 * model detected something; 0 when neither did.
 */
public final class Disagreement {
  private Disagreement() {}

  /** One detection of one model in one frame. */
  public record Box(long tsNs, String category, Box3d box) {}

  /** The clip's disagreement between detections {@code a} and {@code b}. */
  public static double clip(List<Box> a, List<Box> b) {
    Map<Long, List<List<Box>>> frames = new TreeMap<>();
    for (Box x : a) {
      frames.computeIfAbsent(x.tsNs(), t -> List.of(new ArrayList<>(), new ArrayList<>())).get(0).add(x);
    }
    for (Box x : b) {
      frames.computeIfAbsent(x.tsNs(), t -> List.of(new ArrayList<>(), new ArrayList<>())).get(1).add(x);
    }
    if (frames.isEmpty()) {
      return 0;
    }
    double sum = 0;
    for (List<List<Box>> f : frames.values()) {
      sum += frame(f.get(0), f.get(1));
    }
    return sum / frames.size();
  }

  /** One frame's disagreement (at least one box in a or b). */
  static double frame(List<Box> a, List<Box> b) {
    record Pair(int i, int j, double iou) {}
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      for (int j = 0; j < b.size(); j++) {
        if (a.get(i).category().equals(b.get(j).category())) {
          double iou = BoxGeometry.bevIou(a.get(i).box(), b.get(j).box());
          if (iou > 0) {
            pairs.add(new Pair(i, j, iou));
          }
        }
      }
    }
    pairs.sort((x, y) -> x.iou() != y.iou() ? Double.compare(y.iou(), x.iou())
        : x.i() != y.i() ? Integer.compare(x.i(), y.i()) : Integer.compare(x.j(), y.j()));
    boolean[] usedA = new boolean[a.size()];
    boolean[] usedB = new boolean[b.size()];
    double matched = 0;
    for (Pair p : pairs) {
      if (!usedA[p.i()] && !usedB[p.j()]) {
        usedA[p.i()] = true;
        usedB[p.j()] = true;
        matched += p.iou();
      }
    }
    return 1 - 2 * matched / (a.size() + b.size());
  }
}
