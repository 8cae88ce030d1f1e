package dev.fleetmine.eval;

import dev.fleetmine.eval.det3d.Box3d;
import dev.fleetmine.eval.det3d.CategoryAp;
import dev.fleetmine.eval.det3d.Det3dEvaluator;
import dev.fleetmine.eval.det3d.Det3dResult;
import dev.fleetmine.eval.det3d.Detection;
import dev.fleetmine.eval.det3d.DetectionOutcome;
import dev.fleetmine.eval.det3d.GroundTruth;
import dev.fleetmine.eval.det3d.GtOutcome;
import dev.fleetmine.eval.det3d.Matching;
import dev.fleetmine.eval.det3d.SampleKey;
import dev.fleetmine.eval.det3d.ThresholdResult;
import dev.fleetmine.query.Clip;
import dev.fleetmine.query.LakeQuery;
import dev.fleetmine.query.ScenarioLibrary;
import dev.fleetmine.query.ScenarioSearch;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoublePredicate;

/**
 * Evaluates one model's 3D detections against the lake's ground truth, per slice and per category, and
 * turns its mistakes into failure clips.
 *
 * <p>Only categories the model predicts are evaluated (a car detector is not charged for trucks); the
 * samples are the frames of logs where the model has predictions ({@link EvalData}). Slice {@code all}
 * always comes first. Misses and false alarms of slice {@code all} become clips ({@link FailureClips})
 * named {@code fn:MODEL} and {@code fp:MODEL}, ready to be stored as tags for selection.
 */
public final class ModelEvaluation {
  private ModelEvaluation() {}

  /**
   * What to evaluate.
   *
   * @param model    the model's source name in the lake (e.g. {@code pointrcnn} or {@code det@v2})
   * @param truth    the ground truth's source, normally {@code gt}
   * @param matching how detections match ground truth (KITTI IoU, nuScenes centre distance)
   * @param slices   how to slice, besides {@code all} and per category
   */
  public record Options(String model, String truth, Matching matching, List<SliceBy> slices) {
    public Options {
      slices = List.copyOf(slices);
    }
  }

  /**
   * One category of one slice.
   *
   * @param category      the category
   * @param ap            average precision (KITTI R40 or nuScenes), averaged over thresholds for nuScenes
   * @param truth         counted ground truth
   * @param tp            matched detections
   * @param fp            unmatched detections
   * @param fn            missed ground truth
   * @param recall        recall grid of the interpolated curve
   * @param precision     interpolated precision at each recall grid value
   */
  public record CategoryResult(String category, double ap, int truth, int tp, int fp, int fn, double[] recall,
      double[] precision) {}

  /**
   * The result of one slice.
   *
   * @param dimension  what the slice cuts by: all, log, distance, scenario, query
   * @param name       the slice's name within its dimension
   * @param samples    samples (frames with objects) in the slice
   * @param categories one result per evaluated category, sorted
   * @param meanAp     mean AP over categories with ground truth in the slice (NaN when none)
   */
  public record SliceResult(String dimension, String name, int samples, List<CategoryResult> categories, double meanAp) {}

  /**
   * A full evaluation.
   *
   * @param options    what was evaluated
   * @param logs       logs evaluated
   * @param skipped    logs with ground truth but no prediction of the model
   * @param slices     results, slice {@code all} first
   * @param missed     clips of missed ground truth (slice all)
   * @param falseAlarms clips of false detections (slice all)
   * @param slicing    how each slice selects its data, for comparisons and bootstrap
   * @param byScenario per scenario tag of the lake, how many missed and false-alarm clips overlap its clips
   * @param outcomes   every box's fate in slice all (first threshold setting), to open each mistake
   */
  public record Result(Options options, List<String> logs, List<String> skipped, List<SliceResult> slices, List<Clip> missed,
      List<Clip> falseAlarms, List<Slice> slicing, List<ScenarioFailures> byScenario, List<Outcome> outcomes) {}

  /**
   * What happened to one box: a detection (TP, FP, IGNORED) or a ground-truth object (MATCHED, MISSED,
   * IGNORED).
   *
   * @param kind     {@code detection} or {@code truth}
   * @param logId    the log
   * @param tsNs     the timestamp
   * @param category the category
   * @param trackId  the box's track id (ground truth; NULL for untracked detections)
   * @param score    the detection's score (NaN for ground truth)
   * @param status   the fate
   * @param other    the matched (or, for a false positive, nearest) box's track id, or null
   * @param affinity IoU or centre distance to {@code other} (NaN when none)
   * @param x        box centre in the log-local frame (and y)
   */
  public record Outcome(String kind, String logId, long tsNs, String category, String trackId, double score, String status,
      String other, double affinity, double x, double y) {}

  /**
   * Failure clips that overlap a scenario's clips (same log, overlapping time): where the model fails.
   *
   * @param scenario    the scenario tag
   * @param missed      missed-object clips overlapping it
   * @param falseAlarms false-detection clips overlapping it
   */
  public record ScenarioFailures(String scenario, int missed, int falseAlarms) {}

  /** A slice's selection: samples kept (null: all) and the distance band objects must lie in (null: any). */
  public record Slice(String dimension, String name, BitSet samples, DoublePredicate distance) {}

  /** Evaluates {@code options.model()} on the session's snapshot. */
  public static Result evaluate(LakeQuery session, ScenarioLibrary library, Options options) {
    return evaluate(session, library, options, EvalData.load(session, options.model(), options.truth()));
  }

  /** {@link #evaluate(LakeQuery, ScenarioLibrary, Options)} on data already loaded (shared with a comparison). */
  public static Result evaluate(LakeQuery session, ScenarioLibrary library, Options options, EvalData data) {
    List<Slice> slices = slices(session, library, data, options.slices());
    Set<String> categories = new TreeSet<>();
    data.detections().forEach(d -> categories.add(d.category()));
    List<SliceResult> results = new ArrayList<>();
    List<Clip> missed = List.of();
    List<Clip> falseAlarms = List.of();
    List<Outcome> outcomes = List.of();
    for (Slice slice : slices) {
      Selected sel = select(data, slice, categories);
      Det3dResult r = Det3dEvaluator.evaluate(sel.truth(), sel.detections(), options.matching());
      results.add(new SliceResult(slice.dimension(), slice.name(), sel.samples(), categoryResults(r, categories), r.meanAp()));
      if (slice.dimension().equals("all")) {
        Map<String, FailureClips.LogSpan> spans = FailureClips.logSpans(session);
        missed = FailureClips.group(misses(r.first(), sel), spans);
        falseAlarms = FailureClips.group(falseAlarms(r.first(), sel), spans);
        outcomes = outcomes(r.first(), sel);
      }
    }
    return new Result(options, data.logs(), data.skipped(), results, missed, falseAlarms, slices,
        byScenario(session, missed, falseAlarms), outcomes);
  }

  private static List<Outcome> outcomes(ThresholdResult t, Selected sel) {
    List<Outcome> out = new ArrayList<>(t.detectionCount() + t.groundTruthCount());
    for (int i = 0; i < t.detectionCount(); i++) {
      DetectionOutcome o = t.detection(i);
      Detection d = sel.detections().get(i);
      String other = o.gt() < 0 ? null : sel.truth().get(o.gt()).trackId();
      out.add(new Outcome("detection", d.sample().logId(), d.sample().tsNs(), d.category(), sel.detectionRows().get(i).trackId(),
          d.score(), o.status().name(), other, o.gt() < 0 ? Double.NaN : o.affinity(), d.box().x(), d.box().y()));
    }
    for (int j = 0; j < t.groundTruthCount(); j++) {
      GtOutcome o = t.groundTruth(j);
      GroundTruth g = sel.truth().get(j);
      out.add(new Outcome("truth", g.sample().logId(), g.sample().tsNs(), g.category(), g.trackId(), Double.NaN, o.status().name(),
          null, Double.NaN, g.box().x(), g.box().y()));
    }
    return out;
  }

  /** Counts, per scenario tag, the failure clips overlapping one of its clips. */
  static List<ScenarioFailures> byScenario(LakeQuery session, List<Clip> missed, List<Clip> falseAlarms) {
    Map<String, List<Clip>> tags = tagClips(session);
    List<ScenarioFailures> out = new ArrayList<>();
    tags.forEach((name, clips) -> out.add(new ScenarioFailures(name, overlapping(missed, clips), overlapping(falseAlarms, clips))));
    return out;
  }

  private static int overlapping(List<Clip> failures, List<Clip> scenario) {
    Map<String, List<Clip>> byLog = new HashMap<>();
    scenario.forEach(c -> byLog.computeIfAbsent(c.logId(), k -> new ArrayList<>()).add(c));
    int n = 0;
    for (Clip f : failures) {
      for (Clip c : byLog.getOrDefault(f.logId(), List.of())) {
        if (f.startNs() <= c.endNs() && c.startNs() <= f.endNs()) {
          n++;
          break;
        }
      }
    }
    return n;
  }

  /** The ground truth and detections of one slice, as the matcher's records, with their rows. */
  record Selected(List<GroundTruth> truth, List<EvalData.Row> truthRows, List<Detection> detections,
      List<EvalData.Row> detectionRows, int samples) {}

  static Selected select(EvalData data, Slice slice, Set<String> categories) {
    List<GroundTruth> gts = new ArrayList<>();
    List<EvalData.Row> gtRows = new ArrayList<>();
    List<Detection> dets = new ArrayList<>();
    List<EvalData.Row> detRows = new ArrayList<>();
    BitSet seen = new BitSet();
    for (EvalData.Row r : data.truthRows()) {
      if (categories.contains(r.category()) && keep(slice, r)) {
        gts.add(new GroundTruth(key(data, r), r.category(), box(r), r.trackId(), false));
        gtRows.add(r);
        seen.set(r.sample());
      }
    }
    for (EvalData.Row r : data.detections()) {
      if (keep(slice, r)) {
        dets.add(new Detection(key(data, r), r.category(), box(r), r.score()));
        detRows.add(r);
        seen.set(r.sample());
      }
    }
    return new Selected(gts, gtRows, dets, detRows, seen.cardinality());
  }

  private static boolean keep(Slice slice, EvalData.Row r) {
    return (slice.samples() == null || slice.samples().get(r.sample()))
        && (slice.distance() == null || slice.distance().test(r.distance()));
  }

  private static SampleKey key(EvalData data, EvalData.Row r) {
    return new SampleKey(data.logOf(r.sample()), data.sampleTs()[r.sample()]);
  }

  private static Box3d box(EvalData.Row r) {
    return new Box3d(r.x(), r.y(), r.z(), r.length(), r.width(), r.height(), r.yaw());
  }

  private static List<CategoryResult> categoryResults(Det3dResult r, Set<String> categories) {
    List<CategoryResult> out = new ArrayList<>();
    for (String c : categories) {
      if (!r.categories().contains(c)) {
        out.add(new CategoryResult(c, Double.NaN, 0, 0, 0, 0, new double[0], new double[0]));
        continue;
      }
      CategoryAp a = r.first().category(c);
      out.add(new CategoryResult(c, a.positives() == 0 ? Double.NaN : r.ap(c), a.positives(), a.truePositives(),
          a.falsePositives(), a.falseNegatives(), a.recallGrid(), a.precisionGrid()));
    }
    return out;
  }

  private static List<FailureClips.Mistake> misses(ThresholdResult t, Selected sel) {
    List<FailureClips.Mistake> out = new ArrayList<>();
    for (int j = 0; j < t.groundTruthCount(); j++) {
      if (t.groundTruth(j).status() == GtOutcome.Status.MISSED) {
        GroundTruth g = sel.truth().get(j);
        out.add(new FailureClips.Mistake(g.sample().logId(), g.sample().tsNs(), g.trackId()));
      }
    }
    return out;
  }

  private static List<FailureClips.Mistake> falseAlarms(ThresholdResult t, Selected sel) {
    List<FailureClips.Mistake> out = new ArrayList<>();
    for (int i = 0; i < t.detectionCount(); i++) {
      if (t.detection(i).status() == DetectionOutcome.Status.FP) {
        Detection d = sel.detections().get(i);
        out.add(new FailureClips.Mistake(d.sample().logId(), d.sample().tsNs(), sel.detectionRows().get(i).trackId()));
      }
    }
    return out;
  }

  /** Slice {@code all}, then the slices of each spec in order. */
  static List<Slice> slices(LakeQuery session, ScenarioLibrary library, EvalData data, List<SliceBy> specs) {
    List<Slice> out = new ArrayList<>();
    out.add(new Slice("all", "all", null, null));
    for (SliceBy spec : specs) {
      switch (spec) {
        case SliceBy.Log l -> {
          for (int li = 0; li < data.logs().size(); li++) {
            BitSet b = new BitSet();
            for (int s = 0; s < data.sampleCount(); s++) {
              if (data.sampleLog()[s] == li) {
                b.set(s);
              }
            }
            out.add(new Slice("log", data.logs().get(li), b, null));
          }
        }
        case SliceBy.Distance d -> {
          double[] e = d.edges();
          for (int i = 0; i < e.length; i++) {
            double lo = e[i];
            double hi = i + 1 < e.length ? e[i + 1] : Double.POSITIVE_INFINITY;
            String name = i + 1 < e.length ? fmt(lo) + "-" + fmt(hi) + " m" : ">= " + fmt(lo) + " m";
            out.add(new Slice("distance", name, null, v -> v >= lo && v < hi));
          }
        }
        case SliceBy.Scenario sc -> out.addAll(scenarioSlices(session, data, sc.names()));
        case SliceBy.Query q -> out.add(new Slice("query", q.name(),
            inClips(data, ScenarioSearch.run(session, library.compile(q.text()), library)), null));
      }
    }
    return out;
  }

  /** The clips of every scenario tag of the snapshot (failure tags excluded), by tag; mined-but-empty tags included. */
  private static Map<String, List<Clip>> tagClips(LakeQuery session) {
    Map<String, List<Clip>> byTag = new LinkedHashMap<>();
    session.snapshot().tags().keySet().stream().filter(t -> !ForecastEvaluation.isFailureTag(t)).sorted()
        .forEach(t -> byTag.put(t, new ArrayList<>()));
    for (List<Object> row : session.rows("SELECT scenario, log_id, start_ns, end_ns FROM tags"
        + " ORDER BY scenario, log_id, start_ns").values()) {
      if (ForecastEvaluation.isFailureTag((String) row.get(0))) {
        continue;
      }
      byTag.computeIfAbsent((String) row.get(0), k -> new ArrayList<>()).add(new Clip((String) row.get(1),
          ((Number) row.get(2)).longValue(), ((Number) row.get(3)).longValue(), 0, List.of()));
    }
    return byTag;
  }

  private static List<Slice> scenarioSlices(LakeQuery session, EvalData data, List<String> names) {
    Map<String, List<Clip>> byTag = tagClips(session);
    if (byTag.isEmpty()) {
      throw new IllegalArgumentException("the lake has no scenario tags to slice by; run `fleetmine mine --all` first");
    }
    List<String> wanted = names.isEmpty() ? List.copyOf(byTag.keySet()) : names;
    List<Slice> out = new ArrayList<>();
    for (String name : wanted) {
      if (!byTag.containsKey(name)) {
        throw new IllegalArgumentException("no tags of scenario '" + name + "' in the lake; tagged: "
            + String.join(", ", byTag.keySet()));
      }
      out.add(new Slice("scenario", name, inClips(data, byTag.get(name)), null));
    }
    return out;
  }

  /** The samples whose timestamp lies inside one of the clips (start and end included). */
  static BitSet inClips(EvalData data, List<Clip> clips) {
    Map<String, List<Clip>> byLog = new HashMap<>();
    clips.forEach(c -> byLog.computeIfAbsent(c.logId(), k -> new ArrayList<>()).add(c));
    BitSet b = new BitSet();
    for (int s = 0; s < data.sampleCount(); s++) {
      List<Clip> cs = byLog.get(data.logOf(s));
      if (cs != null) {
        long ts = data.sampleTs()[s];
        for (Clip c : cs) {
          if (ts >= c.startNs() && ts <= c.endNs()) {
            b.set(s);
            break;
          }
        }
      }
    }
    return b;
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  /** Number formatting shared by reports. */
  static String percent(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(java.util.Locale.ROOT, "%.1f", 100 * v);
  }
}
