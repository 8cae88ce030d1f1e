package dev.fleetmine.eval;

import dev.fleetmine.eval.forecast.AgentKey;
import dev.fleetmine.eval.forecast.Forecast;
import dev.fleetmine.eval.forecast.ObservedTrack;
import dev.fleetmine.query.LakeQuery;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One model's forecasts and their observed futures read from a lake snapshot: per agent (log, forecast
 * moment, track) its {@link Forecast}, the ground truth ({@code objects}, {@code source = 'gt'}) of the
 * same log and track at the forecast's target timestamps as an {@link ObservedTrack}, and the track's
 * category at the forecast moment.
 *
 * @param model     the model (its name in the snapshot's forecasts)
 * @param forecasts one per agent, sorted by log, moment and track
 * @param observed  per forecast, its observed future (null when the track has no row at any target)
 * @param category  per forecast, the track's category at the forecast moment ({@code unknown} without a row)
 */
record ForecastData(String model, List<Forecast> forecasts, ObservedTrack[] observed, String[] category) {

  /** Reads the forecasts of {@code model} and the ground truth they are scored against. */
  static ForecastData load(LakeQuery session, String model) {
    if (!session.snapshot().forecasts().containsKey(model)) {
      throw new IllegalArgumentException("the lake has no forecasts of model '" + model + "'; models with forecasts: "
          + (session.snapshot().forecasts().isEmpty() ? "(none; import some or run the constant-velocity baseline)"
          : String.join(", ", session.snapshot().forecasts().keySet())));
    }
    try {
      List<Forecast> forecasts = forecasts(session, model);
      Map<AgentKey, Integer> index = new HashMap<>(forecasts.size() * 2);
      for (int i = 0; i < forecasts.size(); i++) {
        index.put(forecasts.get(i).agent(), i);
      }
      return new ForecastData(model, forecasts, observed(session, model, index), categories(session, model, index));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the forecasts of model " + model + ": " + e.getMessage(), e);
    }
  }

  /** The forecast rows grouped per agent; the rows come sorted by agent, mode and target. */
  private static List<Forecast> forecasts(LakeQuery session, String model) throws SQLException {
    List<Forecast> out = new ArrayList<>();
    try (PreparedStatement ps = session.connection().prepareStatement("SELECT log_id, ts_ns, track_id, mode, probability,"
        + " target_ts_ns, x, y FROM forecasts WHERE model = ? ORDER BY log_id, ts_ns, track_id, mode, target_ts_ns")) {
      ps.setString(1, model);
      try (ResultSet rs = ps.executeQuery()) {
        AgentRows rows = new AgentRows();
        while (rs.next()) {
          String log = rs.getString(1);
          long ts = rs.getLong(2);
          String track = rs.getString(3);
          if (rows.size > 0 && !rows.same(log, ts, track)) {
            out.add(rows.toForecast());
            rows.clear();
          }
          double p = rs.getDouble(5);
          rows.add(log, ts, track, rs.getInt(4), rs.wasNull() ? Double.NaN : p, rs.getLong(6), rs.getDouble(7),
              rs.getDouble(8));
        }
        if (rows.size > 0) {
          out.add(rows.toForecast());
        }
      }
    }
    return out;
  }

  /** Ground-truth positions of each forecast's track at its target timestamps. */
  private static ObservedTrack[] observed(LakeQuery session, String model, Map<AgentKey, Integer> index)
      throws SQLException {
    ObservedTrack[] out = new ObservedTrack[index.size()];
    String sql = "SELECT t.log_id, t.ts_ns, t.track_id, o.ts_ns, o.x, o.y FROM (SELECT DISTINCT log_id, ts_ns, track_id,"
        + " target_ts_ns FROM forecasts WHERE model = ?) t JOIN objects o ON o.source = 'gt' AND o.log_id = t.log_id"
        + " AND o.track_id = t.track_id AND o.ts_ns = t.target_ts_ns ORDER BY t.log_id, t.ts_ns, t.track_id, o.ts_ns";
    try (PreparedStatement ps = session.connection().prepareStatement(sql)) {
      ps.setString(1, model);
      try (ResultSet rs = ps.executeQuery()) {
        AgentKey current = null;
        Points pts = new Points();
        while (rs.next()) {
          String log = rs.getString(1);
          long ts = rs.getLong(2);
          String track = rs.getString(3);
          if (current == null || current.tsNs() != ts || !current.trackId().equals(track) || !current.logId().equals(log)) {
            if (current != null) {
              out[index.get(current)] = pts.toObserved(current);
            }
            current = new AgentKey(log, ts, track);
            pts.size = 0;
          }
          pts.add(rs.getLong(4), rs.getDouble(5), rs.getDouble(6));
        }
        if (current != null) {
          out[index.get(current)] = pts.toObserved(current);
        }
      }
    }
    return out;
  }

  /** The category of each forecast's track at the forecast moment. */
  private static String[] categories(LakeQuery session, String model, Map<AgentKey, Integer> index) throws SQLException {
    String[] out = new String[index.size()];
    Arrays.fill(out, "unknown");
    String sql = "SELECT a.log_id, a.ts_ns, a.track_id, min(o.category) FROM (SELECT DISTINCT log_id, ts_ns, track_id"
        + " FROM forecasts WHERE model = ?) a JOIN objects o ON o.source = 'gt' AND o.log_id = a.log_id"
        + " AND o.track_id = a.track_id AND o.ts_ns = a.ts_ns GROUP BY ALL";
    try (PreparedStatement ps = session.connection().prepareStatement(sql)) {
      ps.setString(1, model);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out[index.get(new AgentKey(rs.getString(1), rs.getLong(2), rs.getString(3)))] = rs.getString(4);
        }
      }
    }
    return out;
  }

  /** Growable primitive columns of timestamped points. */
  private static class Points {
    long[] ts = new long[64];
    double[] x = new double[64];
    double[] y = new double[64];
    int size;

    void add(long t, double px, double py) {
      if (size == ts.length) {
        ts = Arrays.copyOf(ts, size * 2);
        x = Arrays.copyOf(x, size * 2);
        y = Arrays.copyOf(y, size * 2);
      }
      ts[size] = t;
      x[size] = px;
      y[size] = py;
      size++;
    }

    ObservedTrack toObserved(AgentKey agent) {
      return new ObservedTrack(agent, Arrays.copyOf(ts, size), Arrays.copyOf(x, size), Arrays.copyOf(y, size));
    }
  }

  /** The rows of one agent: its modes one after the other, each sorted by target timestamp. */
  private static final class AgentRows extends Points {
    String log;
    long moment;
    String track;
    int[] mode = new int[64];
    double[] probability = new double[64];

    boolean same(String l, long t, String tr) {
      return moment == t && track.equals(tr) && log.equals(l);
    }

    void add(String l, long t, String tr, int m, double p, long target, double px, double py) {
      log = l;
      moment = t;
      track = tr;
      if (size == mode.length) {
        mode = Arrays.copyOf(mode, size * 2);
        probability = Arrays.copyOf(probability, size * 2);
      }
      mode[size] = m;
      probability[size] = p;
      add(target, px, py);
    }

    void clear() {
      size = 0;
    }

    /** The agent's forecast; the import guarantees that modes share their targets and probabilities are all-or-none. */
    Forecast toForecast() {
      AgentKey agent = new AgentKey(log, moment, track);
      int n = 1;
      while (n < size && mode[n] == mode[0]) {
        n++;
      }
      if (size % n != 0) {
        throw new IllegalStateException("forecast " + agent + ": its modes give different target timestamps");
      }
      int k = size / n;
      long[] targets = Arrays.copyOf(ts, n);
      List<Forecast.Mode> modes = new ArrayList<>(k);
      double[] p = new double[k];
      boolean withP = true;
      for (int m = 0; m < k; m++) {
        int from = m * n;
        for (int i = 0; i < n; i++) {
          if (ts[from + i] != targets[i] || mode[from + i] != mode[from]) {
            throw new IllegalStateException("forecast " + agent + ": mode " + mode[from + i]
                + " gives other target timestamps than mode " + mode[0]);
          }
        }
        modes.add(new Forecast.Mode(Arrays.copyOfRange(x, from, from + n), Arrays.copyOfRange(y, from, from + n)));
        p[m] = probability[from];
        withP &= !Double.isNaN(p[m]);
      }
      return new Forecast(agent, targets, modes, withP ? p : null);
    }
  }
}
