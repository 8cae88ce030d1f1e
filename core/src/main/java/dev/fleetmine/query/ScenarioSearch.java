package dev.fleetmine.query;

import dev.fleetmine.query.lang.Query;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Struct;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a scenario query over a lake and returns its clips: matched timestamps grouped into clips,
 * padded, clamped to their log and merged where padding makes them overlap.
 */
public final class ScenarioSearch {
  /** Referred objects in a stable order: answers first, then by track and role. */
  private static final java.util.Comparator<Clip.Referred> REFERRED_ORDER = java.util.Comparator
      .comparing((Clip.Referred r) -> !r.answer()).thenComparing(Clip.Referred::trackId).thenComparing(Clip.Referred::role);

  private ScenarioSearch() {}

  /** The SQL a query compiles to (what {@code fleetmine explain} prints). */
  public static String explain(Query query, ScenarioLibrary library) {
    return ScenarioCompiler.clips(query, library::get);
  }

  /** Runs {@code query} in {@code session} and returns its clips in (log, start) order. */
  public static List<Clip> run(LakeQuery session, Query query, ScenarioLibrary library) {
    String sql = ScenarioCompiler.clips(query, library::get, session.tracked(query.source()));
    Map<String, long[]> bounds = logBounds(session);
    List<Clip> raw = new ArrayList<>();
    try (Statement st = session.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        String log = rs.getString(1);
        long[] b = bounds.get(log);
        long start = Math.max(b[0], rs.getLong(2) - Math.round(query.padBefore() * 1e9));
        long end = Math.min(b[1], rs.getLong(3) + Math.round(query.padAfter() * 1e9));
        List<Clip.Match> matches = matches(rs.getArray(5), query);
        double evidence = (rs.getLong(3) - rs.getLong(2)) / 1e9;
        raw.add(new Clip(log, start, end, evidence, matches));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("scenario query failed: " + e.getMessage() + "\n" + sql, e);
    }
    return merge(raw);
  }

  /** Merges clips of the same log whose padded extents overlap (input sorted by log, start). */
  static List<Clip> merge(List<Clip> clips) {
    List<Clip> out = new ArrayList<>();
    for (Clip c : clips) {
      Clip last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && last.logId().equals(c.logId()) && c.startNs() <= last.endNs()) {
        List<Clip.Match> m = new ArrayList<>(last.matches());
        m.addAll(c.matches());
        out.set(out.size() - 1, new Clip(c.logId(), last.startNs(), Math.max(last.endNs(), c.endNs()),
            last.score() + c.score(), m));
      } else {
        out.add(c);
      }
    }
    return out;
  }

  /** The matched timestamps of one clip, each with its referred objects and their roles, in time order. */
  private static List<Clip.Match> matches(Array array, Query query) throws SQLException {
    List<Clip.Match> out = new ArrayList<>();
    for (Object o : (Object[]) array.getArray()) {
      Object[] fields = ((Struct) o).getAttributes();
      List<Clip.Referred> refs = new ArrayList<>();
      if (fields[1] != null) {
        for (Object ref : (Object[]) ((Array) fields[1]).getArray()) {
          Object[] r = ((Struct) ref).getAttributes();
          String role = String.valueOf(r[1]);
          refs.add(new Clip.Referred(String.valueOf(r[0]), role, query.isAnswer(role)));
        }
      }
      refs.sort(REFERRED_ORDER);
      out.add(new Clip.Match(((Number) fields[0]).longValue(), refs));
    }
    out.sort(java.util.Comparator.comparingLong(Clip.Match::tsNs));
    return out;
  }

  private static Map<String, long[]> logBounds(LakeQuery session) {
    Map<String, long[]> m = new HashMap<>();
    for (List<Object> r : session.rows("SELECT log_id, start_ns, end_ns FROM logs").values()) {
      m.put((String) r.get(0), new long[] {((Number) r.get(1)).longValue(), ((Number) r.get(2)).longValue()});
    }
    return m;
  }
}
