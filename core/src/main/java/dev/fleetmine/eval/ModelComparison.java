package dev.fleetmine.eval;

import dev.fleetmine.eval.det3d.AveragePrecision;
import dev.fleetmine.eval.det3d.Det3dEvaluator;
import dev.fleetmine.eval.det3d.Det3dResult;
import dev.fleetmine.eval.det3d.DetectionOutcome;
import dev.fleetmine.eval.det3d.GtOutcome;
import dev.fleetmine.eval.det3d.Matching;
import dev.fleetmine.eval.det3d.ThresholdResult;
import dev.fleetmine.query.LakeQuery;
import dev.fleetmine.query.ScenarioLibrary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Compares a model with a baseline on the same ground truth, per slice and category, and flags
 * regressions only when a bootstrap over logs says the drop is not noise.
 *
 * <p>Both models are matched once per slice; a bootstrap replicate then reweights whole logs and
 * recomputes both APs from the same match decisions (matching is per sample, so it does not depend on
 * which logs were drawn). The interval is that of AP(model) - AP(baseline) over the replicates, the same
 * log draw used for both models, so that log-to-log difficulty cancels. Only logs where both models have
 * predictions are compared.
 */
public final class ModelComparison {
  private ModelComparison() {}

  /**
   * Fewer logs than this in a slice give no interval (verdict {@link Verdict#UNKNOWN}): resampling two or
   * three logs says nothing about the next log, and one log resamples to itself.
   */
  public static final int MIN_LOGS = 5;

  /** What the interval says. */
  public enum Verdict { REGRESSION, IMPROVEMENT, NO_CHANGE, UNKNOWN }

  /**
   * One slice and category.
   *
   * @param dimension  the slice's dimension
   * @param slice      the slice's name
   * @param category   the category
   * @param apBaseline baseline AP
   * @param ap         the model's AP
   * @param diff       AP - baseline AP, with its bootstrap interval
   */
  public record Delta(String dimension, String slice, String category, double apBaseline, double ap, Bootstrap.Interval diff) {
    public Verdict verdict() {
      if (Double.isNaN(diff.lo()) || Double.isNaN(diff.hi())) {
        return Verdict.UNKNOWN;
      }
      return diff.below(0) ? Verdict.REGRESSION : diff.above(0) ? Verdict.IMPROVEMENT : Verdict.NO_CHANGE;
    }
  }

  /**
   * A comparison.
   *
   * @param baseline   the baseline model
   * @param deltas     one per slice and category
   * @param replicates bootstrap replicates
   * @param level      confidence level
   */
  public record Result(String baseline, List<Delta> deltas, int replicates, double level) {
    /** The deltas flagged as regressions. */
    public List<Delta> regressions() {
      return deltas.stream().filter(d -> d.verdict() == Verdict.REGRESSION).toList();
    }
  }

  /** Compares {@code options.model()} against {@code baseline} on every slice of {@code options}. */
  public static Result compare(LakeQuery session, ScenarioLibrary library, ModelEvaluation.Options options, String baseline,
      int replicates, double level, long seed) {
    return compare(session, library, options, EvalData.load(session, options.model(), options.truth()), baseline, replicates,
        level, seed);
  }

  /** The same comparison with the model's data already loaded (so an evaluation and its comparison read it once). */
  public static Result compare(LakeQuery session, ScenarioLibrary library, ModelEvaluation.Options options, EvalData model,
      String baseline, int replicates, double level, long seed) {
    EvalData base = EvalData.load(session, baseline, options.truth());
    List<String> logs = model.logs().stream().filter(base.logs()::contains).sorted().toList();
    if (logs.isEmpty()) {
      throw new IllegalArgumentException("models " + options.model() + " and " + baseline + " have no log in common");
    }
    Map<String, Integer> logIndex = new HashMap<>();
    logs.forEach(l -> logIndex.put(l, logIndex.size()));
    Set<String> categories = new TreeSet<>();
    model.detections().forEach(d -> categories.add(d.category()));
    base.detections().forEach(d -> categories.add(d.category()));
    List<ModelEvaluation.Slice> slicesModel = ModelEvaluation.slices(session, library, model, options.slices());
    List<ModelEvaluation.Slice> slicesBase = ModelEvaluation.slices(session, library, base, options.slices());
    List<Delta> deltas = new ArrayList<>();
    for (int s = 0; s < slicesModel.size(); s++) {
      ModelEvaluation.Slice sm = slicesModel.get(s);
      if (sm.dimension().equals("log") && !logIndex.containsKey(sm.name())) {
        continue;
      }
      List<Ranked> a = ranked(model, sm, categories, logIndex, options.matching());
      List<Ranked> b = ranked(base, slicesBase.get(s), categories, logIndex, options.matching());
      int k = 0;
      for (String category : categories) {
        Ranked ra = a.get(k);
        Ranked rb = b.get(k++);
        int[] active = IntStream.range(0, logs.size()).filter(l -> ra.involves(l) || rb.involves(l)).toArray();
        int[] ones = new int[logs.size()];
        Arrays.fill(ones, 1);
        double apA = ra.ap(ones, options.matching());
        double apB = rb.ap(ones, options.matching());
        Bootstrap.Interval ci = active.length < MIN_LOGS
            ? new Bootstrap.Interval(apA - apB, Double.NaN, Double.NaN, level)
            : Bootstrap.overLogs(active.length, w -> {
              int[] full = new int[logs.size()];
              for (int i = 0; i < active.length; i++) {
                full[active[i]] = w[i];
              }
              return ra.ap(full, options.matching()) - rb.ap(full, options.matching());
            }, replicates, level, seed);
        deltas.add(new Delta(sm.dimension(), sm.name(), category, apB, apA, ci));
      }
    }
    return new Result(baseline, deltas, replicates, level);
  }

  /**
   * The match decisions of one category in one slice, per threshold setting: detections ranked by
   * score (ignored ones dropped) with their log and outcome, and counted ground truth per log.
   */
  record Ranked(List<int[]> logOfDet, List<boolean[]> tp, int[][] truthPerLog) {
    /** Whether log {@code l} has ground truth or detections here. */
    boolean involves(int l) {
      for (int t = 0; t < tp.size(); t++) {
        if (truthPerLog[t][l] > 0) {
          return true;
        }
        for (int d : logOfDet.get(t)) {
          if (d == l) {
            return true;
          }
        }
      }
      return false;
    }

    /** AP with logs weighted by how often a bootstrap replicate drew them; NaN without ground truth. */
    double ap(int[] weights, Matching matching) {
      double sum = 0;
      for (int t = 0; t < tp.size(); t++) {
        long positives = 0;
        for (int l = 0; l < weights.length; l++) {
          positives += (long) weights[l] * truthPerLog[t][l];
        }
        if (positives == 0) {
          return Double.NaN;
        }
        int[] logs = logOfDet.get(t);
        boolean[] hits = tp.get(t);
        double[] recall = new double[logs.length];
        double[] precision = new double[logs.length];
        int n = 0;
        double cumTp = 0;
        double cumFp = 0;
        for (int i = 0; i < logs.length; i++) {
          int w = logs[i] < 0 ? 0 : weights[logs[i]];
          if (w == 0) {
            continue;
          }
          if (hits[i]) {
            cumTp += w;
          } else {
            cumFp += w;
          }
          recall[n] = cumTp / positives;
          precision[n] = cumTp / (cumTp + cumFp);
          n++;
        }
        sum += AveragePrecision.of(matching, recall, precision, n, (int) Math.round(cumTp));
      }
      return sum / tp.size();
    }
  }

  private static List<Ranked> ranked(EvalData data, ModelEvaluation.Slice slice, Set<String> categories,
      Map<String, Integer> logIndex, Matching matching) {
    ModelEvaluation.Selected sel = ModelEvaluation.select(data, slice, categories);
    Det3dResult r = Det3dEvaluator.evaluate(sel.truth(), sel.detections(), matching);
    List<Ranked> out = new ArrayList<>();
    for (String category : categories) {
      List<int[]> logs = new ArrayList<>();
      List<boolean[]> tps = new ArrayList<>();
      int[][] truth = new int[r.thresholds().size()][logIndex.size()];
      for (int t = 0; t < r.thresholds().size(); t++) {
        ThresholdResult tr = r.thresholds().get(t);
        // the evaluator's own ranking (score, then its tie order), counted detections only
        int[] order = r.categories().contains(category) ? tr.category(category).curve().detections() : new int[0];
        int[] logOf = new int[order.length];
        boolean[] hit = new boolean[order.length];
        for (int i = 0; i < order.length; i++) {
          Integer li = logIndex.get(sel.detections().get(order[i]).sample().logId());
          logOf[i] = li == null ? -1 : li;
          hit[i] = tr.detection(order[i]).status() == DetectionOutcome.Status.TP;
        }
        for (int j = 0; j < tr.groundTruthCount(); j++) {
          Integer li = logIndex.get(sel.truth().get(j).sample().logId());
          if (li != null && sel.truth().get(j).category().equals(category) && tr.groundTruth(j).status() != GtOutcome.Status.IGNORED) {
            truth[t][li]++;
          }
        }
        logs.add(logOf);
        tps.add(hit);
      }
      out.add(new Ranked(logs, tps, truth));
    }
    return out;
  }
}
