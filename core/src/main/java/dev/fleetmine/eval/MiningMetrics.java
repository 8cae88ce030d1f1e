package dev.fleetmine.eval;

import dev.fleetmine.query.Clip;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores mined clips against ground truth at the levels of the Argoverse 2 scenario-mining benchmark
 * (RefAV): whether a log contains the scenario (log balanced accuracy), when it happens (timestamp F1 and
 * balanced accuracy), which objects it is about (referred-object F1 per timestamp), plus clip-level
 * precision and recall (a clip counts when it overlaps a truth occurrence, one-to-one).
 *
 * @param clipPrecision       matched clips / clips
 * @param clipRecall          matched truth occurrences / truth occurrences
 * @param timestampF1         F1 of "scenario happening" over every ego timestamp
 * @param timestampBalancedAccuracy (TPR + TNR) / 2 over every ego timestamp
 * @param referredPrecision   answer objects that the truth refers to / answer objects, summed over timestamps
 * @param referredRecall      truth objects among the answer objects / truth objects, summed over timestamps
 * @param referredF1          F1 of referred track ids, summed over timestamps (answer objects only: context
 *                            objects of a query with a {@code refer} clause are not scored)
 * @param logBalancedAccuracy (TPR + TNR) / 2 over logs
 * @param clips               number of mined clips
 * @param truths              number of truth occurrences
 */
public record MiningMetrics(double clipPrecision, double clipRecall, double timestampF1,
    double timestampBalancedAccuracy, double referredPrecision, double referredRecall, double referredF1, double logBalancedAccuracy, int clips, int truths) {

  /**
   * Computes the metrics.
   *
   * @param clips      mined clips (their matches are the predicted timestamps and objects)
   * @param truth      truth occurrences of the same scenario
   * @param timestamps every ego timestamp per log in scope (the universe for negatives)
   */
  public static MiningMetrics of(List<Clip> clips, List<TruthInstance> truth, Map<String, long[]> timestamps) {
    Map<String, Set<Long>> predTs = new HashMap<>();
    Map<String, Map<Long, Set<String>>> predRefs = new HashMap<>();
    for (Clip c : clips) {
      for (Clip.Match m : c.matches()) {
        predTs.computeIfAbsent(c.logId(), k -> new HashSet<>()).add(m.tsNs());
        predRefs.computeIfAbsent(c.logId(), k -> new HashMap<>()).computeIfAbsent(m.tsNs(), k -> new HashSet<>())
            .addAll(m.trackIds());
      }
    }
    long tp = 0;
    long fp = 0;
    long fn = 0;
    long tn = 0;
    long refTp = 0;
    long refFp = 0;
    long refFn = 0;
    int logTp = 0;
    int logFp = 0;
    int logFn = 0;
    int logTn = 0;
    for (Map.Entry<String, long[]> log : timestamps.entrySet()) {
      List<TruthInstance> inLog = truth.stream().filter(t -> t.logId().equals(log.getKey())).toList();
      Set<Long> pred = predTs.getOrDefault(log.getKey(), Set.of());
      Map<Long, Set<String>> refs = predRefs.getOrDefault(log.getKey(), Map.of());
      for (long ts : log.getValue()) {
        Set<String> truthIds = new HashSet<>();
        boolean actual = false;
        for (TruthInstance t : inLog) {
          if (ts >= t.startNs() && ts <= t.endNs()) {
            actual = true;
            truthIds.addAll(t.trackIds());
          }
        }
        boolean predicted = pred.contains(ts);
        if (actual && predicted) {
          tp++;
        } else if (predicted) {
          fp++;
        } else if (actual) {
          fn++;
        } else {
          tn++;
        }
        Set<String> p = refs.getOrDefault(ts, Set.of());
        for (String id : p) {
          if (truthIds.contains(id)) {
            refTp++;
          } else {
            refFp++;
          }
        }
        for (String id : truthIds) {
          if (!p.contains(id)) {
            refFn++;
          }
        }
      }
      boolean logActual = !inLog.isEmpty();
      boolean logPredicted = !pred.isEmpty();
      if (logActual && logPredicted) {
        logTp++;
      } else if (logPredicted) {
        logFp++;
      } else if (logActual) {
        logFn++;
      } else {
        logTn++;
      }
    }
    int matched = matchClips(clips, truth);
    return new MiningMetrics(ratio(matched, clips.size()), ratio(matchTruth(clips, truth), truth.size()),
        f1(tp, fp, fn), balanced(tp, fp, fn, tn), ratio(refTp, refTp + refFp), ratio(refTp, refTp + refFn),
        f1(refTp, refFp, refFn), balanced(logTp, logFp, logFn, logTn),
        clips.size(), truth.size());
  }

  /** Clips matched one-to-one to overlapping truth occurrences, largest overlap first. */
  private static int matchClips(List<Clip> clips, List<TruthInstance> truth) {
    record Pair(int clip, int truth, long overlap) {}
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < clips.size(); i++) {
      Clip c = clips.get(i);
      for (int j = 0; j < truth.size(); j++) {
        TruthInstance t = truth.get(j);
        long overlap = Math.min(c.endNs(), t.endNs()) - Math.max(c.startNs(), t.startNs());
        if (t.logId().equals(c.logId()) && overlap >= 0) {
          pairs.add(new Pair(i, j, overlap));
        }
      }
    }
    pairs.sort(Comparator.comparingLong(Pair::overlap).reversed());
    Set<Integer> usedClips = new HashSet<>();
    Set<Integer> usedTruth = new HashSet<>();
    for (Pair p : pairs) {
      if (!usedClips.contains(p.clip()) && !usedTruth.contains(p.truth())) {
        usedClips.add(p.clip());
        usedTruth.add(p.truth());
      }
    }
    return usedClips.size();
  }

  /** Truth occurrences overlapped by at least one clip (several occurrences may share a merged clip). */
  private static int matchTruth(List<Clip> clips, List<TruthInstance> truth) {
    int found = 0;
    for (TruthInstance t : truth) {
      boolean hit = clips.stream().anyMatch(c -> c.logId().equals(t.logId())
          && Math.min(c.endNs(), t.endNs()) >= Math.max(c.startNs(), t.startNs()));
      found += hit ? 1 : 0;
    }
    return found;
  }

  private static double ratio(long a, long b) {
    return b == 0 ? 1.0 : (double) a / b;
  }

  static double f1(long tp, long fp, long fn) {
    return tp + fp + fn == 0 ? 1.0 : 2.0 * tp / (2.0 * tp + fp + fn);
  }

  static double balanced(long tp, long fp, long fn, long tn) {
    boolean hasPos = tp + fn > 0;
    boolean hasNeg = tn + fp > 0;
    double tpr = hasPos ? (double) tp / (tp + fn) : 1.0;
    double tnr = hasNeg ? (double) tn / (tn + fp) : 1.0;
    return (tpr + tnr) / 2;
  }
}
