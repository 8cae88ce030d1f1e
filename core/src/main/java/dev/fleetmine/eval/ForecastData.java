package dev.fleetmine.eval;

import dev.fleetmine.eval.forecast.AgentKey;
import dev.fleetmine.eval.forecast.Forecast;
import dev.fleetmine.eval.forecast.ObservedTrack;
import dev.fleetmine.lake.LakeViews;
import dev.fleetmine.query.LakeQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
    // agents are numbered in SQL so that the large row streams carry an int, not two strings per row
    String rows = "SELECT a.agent, a.log_id, a.track_id, f.mode, f.probability, f.target_ts_ns, f.x, f.y FROM forecasts f"
        + " JOIN fc_agents a USING (log_id, ts_ns, track_id) WHERE f.model = " + LakeViews.quote(model);
    try (Statement st = session.connection().createStatement()) {
      st.execute("CREATE OR REPLACE TEMP TABLE fc_agents AS SELECT (row_number() OVER (ORDER BY log_id, ts_ns, track_id)"
          + " - 1)::INTEGER AS agent, log_id, ts_ns, track_id FROM (SELECT DISTINCT log_id, ts_ns, track_id FROM forecasts"
          + " WHERE model = " + LakeViews.quote(model) + ")");
      try {
        AgentKey[] agents = new AgentKey[(int) count(st)];
        String[] category = agents(st, agents);
        List<Forecast> forecasts = forecasts(st, rows, agents);
        return new ForecastData(model, forecasts, observed(st, rows, agents), category);
      } finally {
        st.execute("DROP TABLE IF EXISTS fc_agents");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the forecasts of model " + model + ": " + e.getMessage(), e);
    }
  }

  private static long count(Statement st) throws SQLException {
    try (ResultSet rs = st.executeQuery("SELECT count(*) FROM fc_agents")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Fills the agent keys by number and returns each agent's category at the forecast moment. */
  private static String[] agents(Statement st, AgentKey[] agents) throws SQLException {
    String[] category = new String[agents.length];
    try (ResultSet rs = st.executeQuery("SELECT a.agent, a.log_id, a.ts_ns, a.track_id, min(o.category) FROM fc_agents a"
        + " LEFT JOIN objects o ON o.source = 'gt' AND o.log_id = a.log_id AND o.ts_ns = a.ts_ns AND o.track_id = a.track_id"
        + " GROUP BY ALL")) {
      while (rs.next()) {
        int i = rs.getInt(1);
        agents[i] = new AgentKey(rs.getString(2), rs.getLong(3), rs.getString(4));
        String c = rs.getString(5);
        category[i] = c == null ? "unknown" : c;
      }
    }
    return category;
  }

  /** The forecast rows grouped per agent, in agent order; rows come sorted by agent, mode and target. */
  private static List<Forecast> forecasts(Statement st, String rows, AgentKey[] agents) throws SQLException {
    List<Forecast> out = new ArrayList<>(agents.length);
    try (ResultSet rs = st.executeQuery("SELECT agent, mode, probability, target_ts_ns, x, y FROM (" + rows + ")"
        + " ORDER BY agent, mode, target_ts_ns")) {
      AgentRows buffer = new AgentRows();
      int current = -1;
      while (rs.next()) {
        int agent = rs.getInt(1);
        if (agent != current && current >= 0) {
          out.add(buffer.toForecast(agents[current]));
          buffer.size = 0;
        }
        current = agent;
        double p = rs.getDouble(3);
        buffer.add(rs.getInt(2), rs.wasNull() ? Double.NaN : p, rs.getLong(4), rs.getDouble(5), rs.getDouble(6));
      }
      if (current >= 0) {
        out.add(buffer.toForecast(agents[current]));
      }
    }
    return out;
  }

  /** Ground-truth positions of each forecast's track at its target timestamps, by agent number. */
  private static ObservedTrack[] observed(Statement st, String rows, AgentKey[] agents) throws SQLException {
    ObservedTrack[] out = new ObservedTrack[agents.length];
    try (ResultSet rs = st.executeQuery("SELECT t.agent, o.ts_ns, o.x, o.y FROM (SELECT DISTINCT agent, log_id, track_id,"
        + " target_ts_ns FROM (" + rows + ")) t JOIN objects o ON o.source = 'gt' AND o.log_id = t.log_id"
        + " AND o.track_id = t.track_id AND o.ts_ns = t.target_ts_ns ORDER BY t.agent, o.ts_ns")) {
      Points pts = new Points();
      int current = -1;
      while (rs.next()) {
        int agent = rs.getInt(1);
        if (agent != current && current >= 0) {
          out[current] = pts.toObserved(agents[current]);
          pts.size = 0;
        }
        current = agent;
        pts.add(rs.getLong(2), rs.getDouble(3), rs.getDouble(4));
      }
      if (current >= 0) {
        out[current] = pts.toObserved(agents[current]);
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
    int[] mode = new int[64];
    double[] probability = new double[64];

    void add(int m, double p, long target, double px, double py) {
      if (size == mode.length) {
        mode = Arrays.copyOf(mode, size * 2);
        probability = Arrays.copyOf(probability, size * 2);
      }
      mode[size] = m;
      probability[size] = p;
      add(target, px, py);
    }

    /** The agent's forecast; the import guarantees that modes share their targets and probabilities are all-or-none. */
    Forecast toForecast(AgentKey agent) {
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
