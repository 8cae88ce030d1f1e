package dev.fleetmine.ingest.forecast;

import dev.fleetmine.lake.Lake;
import dev.fleetmine.query.LakeQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The built-in baseline forecaster: every ground-truth track keeps its current velocity. It needs no
 * model, so the forecast evaluation loop runs on any lake with tracks.
 *
 * <p>Forecast moments are, per log, the first ego timestamp of each {@code every} window counted from
 * {@code logs.start_ns} (every 1.0 s by default; on a regular 10 Hz log exactly every 10th frame). At a
 * moment {@code t} every ground-truth track with a row at {@code t}, at least {@link #MIN_SAMPLES} rows
 * up to and including {@code t} and a known velocity gets one mode (mode 0, no probability): for each of
 * the track's own later timestamps {@code t' <= t + horizon}, the position
 * {@code (x + vx * (t' - t), y + vy * (t' - t))} from its row at {@code t}. Targets are the track's own
 * timestamps because the evaluation matches target timestamps exactly against the observed future; a
 * track without a later row within the horizon gets no forecast.
 */
public final class ConstantVelocityForecaster {
  /** Rows of the track up to the forecast moment needed before it is forecast. */
  public static final int MIN_SAMPLES = 2;

  private ConstantVelocityForecaster() {}

  /**
   * Settings.
   *
   * @param model    the model name the forecasts are stored under
   * @param everyS   seconds between forecast moments, > 0
   * @param horizonS how far ahead to forecast, seconds, > 0
   */
  public record Options(String model, double everyS, double horizonS) {
    /** Model {@code cv}, a forecast every 1.0 s, 3.0 s ahead. */
    public static final Options DEFAULTS = new Options("cv", 1.0, 3.0);

    public Options {
      ForecastWriter.checkModel(model);
      if (!(everyS > 0) || Double.isInfinite(everyS)) {
        throw new IllegalArgumentException("everyS must be a finite number of seconds > 0, got " + everyS);
      }
      if (!(horizonS > 0) || Double.isInfinite(horizonS)) {
        throw new IllegalArgumentException("horizonS must be a finite number of seconds > 0, got " + horizonS);
      }
    }

    /** These settings under another model name. */
    public Options withModel(String name) {
      return new Options(name, everyS, horizonS);
    }
  }

  /**
   * What a run committed.
   *
   * @param model           the model name
   * @param rows            forecast rows (one per agent, moment and target timestamp)
   * @param agents          forecasts: distinct (log, ts_ns, track_id)
   * @param logs            logs with forecasts
   * @param skipped         the snapshot's other logs, each with why it has no forecast, by log id
   * @param snapshotVersion the snapshot published
   * @param elapsed         wall time
   */
  public record Result(String model, long rows, long agents, long logs, List<SkippedLog> skipped, long snapshotVersion,
      Duration elapsed) {
    public Result {
      skipped = List.copyOf(skipped);
    }

    /** Skipped logs per reason, in the order of {@link SkippedLog.Reason} (reasons without logs left out). */
    public Map<SkippedLog.Reason, List<String>> skippedByReason() {
      Map<SkippedLog.Reason, List<String>> out = new EnumMap<>(SkippedLog.Reason.class);
      skipped.forEach(s -> out.computeIfAbsent(s.reason(), r -> new ArrayList<>()).add(s.logId()));
      out.replaceAll((r, logs) -> List.copyOf(logs));
      return Collections.unmodifiableMap(out);
    }
  }

  /**
   * A log of the snapshot without any forecast, and why.
   *
   * @param logId  the log
   * @param reason the first reason that holds for it
   */
  public record SkippedLog(String logId, Reason reason) {
    /** Why a log gets no constant-velocity forecast, checked in this order. */
    public enum Reason {
      /** The log has no ground-truth track (an ego-only log such as comma2k19's, or only untracked boxes). */
      NO_TRACKS("no ground-truth tracks (an ego-only log, or only untracked boxes)"),
      /**
       * Its tracks have no velocity: boxes in the ego frame of a log without ego poses (the KITTI sample has no
       * oxts), so no log-local velocity could be derived at ingest and none is known to extrapolate.
       */
      NO_VELOCITY("tracks without a velocity (boxes in the ego frame of a log without ego poses, e.g. KITTI without oxts)"),
      /**
       * No track with a velocity is at a forecast moment after at least {@link #MIN_SAMPLES} rows and seen again
       * within the horizon: its tracks are shorter than history plus horizon, or no moment falls inside them.
       */
      TOO_SHORT("no track with a velocity has " + MIN_SAMPLES + " rows up to a forecast moment and one more within"
          + " the horizon (tracks shorter than history + horizon, or too few forecast moments)");

      private final String why;

      Reason(String why) {
        this.why = why;
      }

      /** One sentence for people. */
      public String why() {
        return why;
      }

      /** The reason as printed: no_tracks, no_velocity, too_short. */
      public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
      }
    }
  }

  /** Forecasts every track of the lake's current snapshot and commits them, replacing the model's earlier ones. */
  public static Result run(Lake lake, Options options) {
    long start = System.nanoTime();
    try (LakeQuery session = LakeQuery.open(lake)) {
      ForecastWriter.Written w = ForecastWriter.store(lake, session, options.model(), sql(options),
          "forecast " + options.model() + " (constant velocity, every " + options.everyS() + " s, "
              + options.horizonS() + " s ahead)");
      return new Result(options.model(), w.rows(), w.agents(), w.logs(), skipped(session, w.logIds()), w.snapshot().version(),
          Duration.ofNanos(System.nanoTime() - start));
    }
  }

  /** The logs of the session's snapshot not in {@code forecast}, with the first reason that holds. */
  static List<SkippedLog> skipped(LakeQuery session, Set<String> forecast) {
    List<SkippedLog> out = new ArrayList<>();
    for (List<Object> r : session.rows("SELECT l.log_id, coalesce(o.tracked, 0), coalesce(o.moving, 0) FROM logs l"
        + " LEFT JOIN (SELECT log_id, count(track_id) AS tracked,"
        + " count(*) FILTER (WHERE track_id IS NOT NULL AND vx IS NOT NULL AND vy IS NOT NULL) AS moving"
        + " FROM objects WHERE source = 'gt' GROUP BY log_id) o USING (log_id) ORDER BY l.log_id").values()) {
      String log = (String) r.get(0);
      if (forecast.contains(log)) {
        continue;
      }
      SkippedLog.Reason reason = ((Number) r.get(1)).longValue() == 0 ? SkippedLog.Reason.NO_TRACKS
          : ((Number) r.get(2)).longValue() == 0 ? SkippedLog.Reason.NO_VELOCITY : SkippedLog.Reason.TOO_SHORT;
      out.add(new SkippedLog(log, reason));
    }
    return out;
  }

  /** The forecast rows as one query over the {@code logs}, {@code ego} and {@code objects} views. */
  static String sql(Options o) {
    long every = Math.round(o.everyS() * 1e9);
    long horizon = Math.round(o.horizonS() * 1e9);
    return "WITH gt AS (SELECT log_id, ts_ns, track_id, x, y, vx::DOUBLE AS vx, vy::DOUBLE AS vy,"
        + " row_number() OVER (PARTITION BY log_id, track_id ORDER BY ts_ns) AS seen"
        + " FROM objects WHERE source = 'gt' AND track_id IS NOT NULL),"
        + " moments AS (SELECT e.log_id, min(e.ts_ns) AS ts_ns FROM ego e JOIN logs l USING (log_id)"
        + " GROUP BY e.log_id, (e.ts_ns - l.start_ns) // " + every + "),"
        + " agents AS (SELECT g.* FROM gt g SEMI JOIN moments m ON m.log_id = g.log_id AND m.ts_ns = g.ts_ns"
        + " WHERE g.seen >= " + MIN_SAMPLES + " AND g.vx IS NOT NULL AND g.vy IS NOT NULL)"
        + " SELECT a.log_id, a.ts_ns, a.track_id, 0 AS mode, NULL::DOUBLE AS probability, f.ts_ns AS target_ts_ns,"
        + " a.x + a.vx * ((f.ts_ns - a.ts_ns) / 1e9) AS x, a.y + a.vy * ((f.ts_ns - a.ts_ns) / 1e9) AS y"
        + " FROM agents a JOIN gt f ON f.log_id = a.log_id AND f.track_id = a.track_id"
        + " AND f.ts_ns > a.ts_ns AND f.ts_ns <= a.ts_ns + " + horizon;
  }
}
