package dev.fleetmine.eval;

import dev.fleetmine.eval.forecast.AgentError;
import dev.fleetmine.eval.forecast.AgentKey;
import dev.fleetmine.eval.forecast.Forecast;
import dev.fleetmine.eval.forecast.ForecastConfig;
import dev.fleetmine.eval.forecast.ForecastEvaluator;
import dev.fleetmine.eval.forecast.ForecastResult;
import dev.fleetmine.eval.forecast.ObservedTrack;
import dev.fleetmine.query.Clip;
import dev.fleetmine.query.LakeQuery;
import dev.fleetmine.query.ScenarioMiner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluates one model's trajectory forecasts (the lake's {@code forecasts} table) against the observed
 * future, the ground-truth tracks of the {@code objects} table, with {@link ForecastEvaluator}'s Argoverse 2
 * metrics: overall, per category of the track, per log and per scenario tag of the lake.
 *
 * <p>A scenario slice holds the forecasts made inside one of the tag's clips (same log,
 * {@code start_ns <= ts_ns <= end_ns}); failure tags ({@code fn:}, {@code fp:}, {@code fde:}) are not
 * scenarios. Agents that miss ({@code minFDE > config.missThresholdM()}) become failure clips
 * ({@link FailureClips}) to be stored as the tag {@code fde:MODEL}; misses of one log (any track) at
 * consecutive forecast moments are one clip, a moment being consecutive when it follows the previous one by
 * at most {@link FailureClips#GAP_FRAMES} times the log's forecast interval (the median gap between the
 * model's forecast moments in that log; the log's frame interval when it has one moment), and each miss
 * stands for one such interval (the clip reaches half an interval beyond its first and last miss).
 */
public final class ForecastEvaluation {
  /** Tag name prefixes of failure clips: detection misses and false alarms, forecast misses. */
  public static final List<String> FAILURE_PREFIXES = List.of("fn:", "fp:", "fde:");

  private ForecastEvaluation() {}

  /**
   * The metrics of one slice.
   *
   * @param dimension         what the slice cuts by: all, category, log, scenario
   * @param name              the slice's name within its dimension
   * @param forecasts         forecasts (agents at a moment) in the slice
   * @param scored            forecasts scored (the others have no observed future at their targets)
   * @param minAde            mean minADE over scored agents, m (NaN when none)
   * @param minFde            mean minFDE over scored agents, m (NaN when none)
   * @param missRate          fraction of scored agents with {@code minFDE > threshold} (NaN when none)
   * @param brierMinFde       mean brier-minFDE over scored agents with probabilities (NaN when none has)
   * @param withProbabilities scored agents with mode probabilities
   */
  public record SliceResult(String dimension, String name, int forecasts, int scored, double minAde, double minFde,
      double missRate, double brierMinFde, int withProbabilities) {}

  /**
   * A full evaluation.
   *
   * @param model    the model
   * @param config   the metric settings
   * @param logs     logs with forecasts of the model, sorted
   * @param overall  per-agent errors and skips of slice {@code all}, to list the worst agents
   * @param slices   slice {@code all}, then per category, per log and per scenario tag, each sorted by name
   * @param failures clips of agents that miss, to store as the tag {@link #failureTag(String)}
   */
  public record Result(String model, ForecastConfig config, List<String> logs, ForecastResult overall,
      List<SliceResult> slices, List<Clip> failures) {
    public Result {
      logs = List.copyOf(logs);
      slices = List.copyOf(slices);
      failures = List.copyOf(failures);
    }

    /** The slice of {@code dimension} named {@code name}. */
    public SliceResult slice(String dimension, String name) {
      return slices.stream().filter(s -> s.dimension().equals(dimension) && s.name().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no slice " + dimension + "/" + name));
    }
  }

  /** The tag name of a model's forecast failure clips. */
  public static String failureTag(String model) {
    return "fde:" + model;
  }

  /** The failure clips as a tag set for {@link ScenarioMiner#store}. */
  public static ScenarioMiner.TagSet failureTags(Result r) {
    return new ScenarioMiner.TagSet(failureTag(r.model()), "forecasts of " + r.model() + " with minFDE > "
        + String.format(Locale.ROOT, "%s", r.config().missThresholdM()) + " m", r.failures());
  }

  /** Evaluates {@code model}'s forecasts on the session's snapshot. */
  public static Result evaluate(LakeQuery session, String model, ForecastConfig config) {
    ForecastData data = ForecastData.load(session, model);
    int n = data.forecasts().size();
    Map<String, List<Integer>> byCategory = new TreeMap<>();
    Map<String, List<Integer>> byLog = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      byCategory.computeIfAbsent(data.category()[i], k -> new ArrayList<>()).add(i);
      byLog.computeIfAbsent(data.forecasts().get(i).agent().logId(), k -> new ArrayList<>()).add(i);
    }
    List<SliceResult> slices = new ArrayList<>();
    int[] all = new int[n];
    Arrays.setAll(all, i -> i);
    ForecastResult overall = score(data, all, config);
    slices.add(slice("all", "all", n, overall));
    byCategory.forEach((c, idx) -> slices.add(slice("category", c, idx.size(), score(data, ints(idx), config))));
    byLog.forEach((l, idx) -> slices.add(slice("log", l, idx.size(), score(data, ints(idx), config))));
    scenarioMembers(session, data).forEach((tag, idx) -> slices.add(slice("scenario", tag, idx.length,
        score(data, idx, config))));
    List<Clip> failures = FailureClips.group(misses(overall), forecastIntervals(session, data));
    return new Result(model, config, List.copyOf(byLog.keySet()), overall, slices, failures);
  }

  /** Scores the forecasts at {@code idx} (and their observed futures) with the evaluator. */
  private static ForecastResult score(ForecastData data, int[] idx, ForecastConfig config) {
    List<Forecast> forecasts = new ArrayList<>(idx.length);
    List<ObservedTrack> observed = new ArrayList<>(idx.length);
    for (int i : idx) {
      forecasts.add(data.forecasts().get(i));
      if (data.observed()[i] != null) {
        observed.add(data.observed()[i]);
      }
    }
    return ForecastEvaluator.evaluate(forecasts, observed, config);
  }

  private static SliceResult slice(String dimension, String name, int forecasts, ForecastResult r) {
    return new SliceResult(dimension, name, forecasts, r.agents().size(), r.minAde(), r.minFde(), r.missRate(),
        r.brierMinFde(), r.withProbabilities());
  }

  private static int[] ints(List<Integer> idx) {
    int[] out = new int[idx.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = idx.get(i);
    }
    return out;
  }

  private static List<FailureClips.Mistake> misses(ForecastResult overall) {
    List<FailureClips.Mistake> out = new ArrayList<>();
    for (AgentError e : overall.agents()) {
      if (e.miss()) {
        out.add(new FailureClips.Mistake(e.agent().logId(), e.agent().tsNs(), e.agent().trackId()));
      }
    }
    return out;
  }

  /** Per scenario tag (failure tags excluded, mined-but-empty ones included), the forecasts made inside its clips. */
  static Map<String, int[]> scenarioMembers(LakeQuery session, ForecastData data) {
    Map<String, Map<String, List<long[]>>> clips = new TreeMap<>();
    session.snapshot().tags().keySet().stream().filter(t -> !isFailureTag(t)).forEach(t -> clips.put(t, new HashMap<>()));
    for (List<Object> row : session.rows("SELECT scenario, log_id, start_ns, end_ns FROM tags").values()) {
      String tag = (String) row.get(0);
      if (!isFailureTag(tag)) {
        clips.computeIfAbsent(tag, k -> new HashMap<>()).computeIfAbsent((String) row.get(1), k -> new ArrayList<>())
            .add(new long[] {((Number) row.get(2)).longValue(), ((Number) row.get(3)).longValue()});
      }
    }
    Map<String, int[]> out = new LinkedHashMap<>();
    clips.forEach((tag, byLog) -> {
      List<Integer> idx = new ArrayList<>();
      for (int i = 0; i < data.forecasts().size(); i++) {
        AgentKey a = data.forecasts().get(i).agent();
        for (long[] c : byLog.getOrDefault(a.logId(), List.of())) {
          if (a.tsNs() >= c[0] && a.tsNs() <= c[1]) {
            idx.add(i);
            break;
          }
        }
      }
      out.put(tag, ints(idx));
    });
    return out;
  }

  /** Whether a tag holds failure clips rather than a scenario. */
  public static boolean isFailureTag(String tag) {
    return FAILURE_PREFIXES.stream().anyMatch(tag::startsWith);
  }

  /** Per log, the median gap between consecutive forecast moments of the model, else the log's frame interval. */
  private static Map<String, FailureClips.LogSpan> forecastIntervals(LakeQuery session, ForecastData data) {
    Map<String, FailureClips.LogSpan> out = FailureClips.logSpans(session);
    Map<String, List<Long>> gaps = new HashMap<>();
    AgentKey prev = null;
    for (Forecast f : data.forecasts()) {
      AgentKey a = f.agent();
      if (prev != null && prev.logId().equals(a.logId()) && a.tsNs() > prev.tsNs()) {
        gaps.computeIfAbsent(a.logId(), k -> new ArrayList<>()).add(a.tsNs() - prev.tsNs());
      }
      prev = a;
    }
    gaps.forEach((log, g) -> {
      long[] sorted = g.stream().mapToLong(Long::longValue).sorted().toArray();
      out.computeIfPresent(log, (k, span) -> span.withInterval(sorted[(sorted.length - 1) / 2]));
    });
    return out;
  }
}
