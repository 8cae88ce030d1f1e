package dev.fleetmine.eval;

import dev.fleetmine.lake.LakeViews;
import dev.fleetmine.query.Clip;
import dev.fleetmine.query.LakeQuery;
import dev.fleetmine.query.ScenarioLibrary;
import dev.fleetmine.query.ScenarioSearch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs library scenarios and scores them against a truth table: a CSV file
 * ({@code log_id,scenario,start_ns,end_ns,track_ids} with ids separated by {@code ;}, as written by
 * {@code fleetmine generate --truth}) or the lake's events of one source (type {@code scenario:NAME}).
 * The logs in scope are those the truth table covers.
 */
public final class MiningScorer {
  private MiningScorer() {}

  /** One scenario's score. */
  public record Score(String scenario, MiningMetrics metrics) {}

  /** Reads a truth CSV; errors name the file, line and field. */
  public static List<TruthInstance> readCsv(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    if (lines.isEmpty() || !lines.get(0).trim().equals("log_id,scenario,start_ns,end_ns,track_ids")) {
      throw new IllegalArgumentException(file + ": line 1: expected the header log_id,scenario,start_ns,end_ns,track_ids");
    }
    List<TruthInstance> out = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(",", -1);
      if (f.length != 5) {
        throw new IllegalArgumentException(file + ": line " + (i + 1) + ": expected 5 fields, found " + f.length);
      }
      long start = parseLong(f[2], file, i + 1, "start_ns");
      long end = parseLong(f[3], file, i + 1, "end_ns");
      List<String> ids = f[4].isBlank() ? List.of() : Arrays.asList(f[4].split(";"));
      out.add(new TruthInstance(f[0], f[1], start, end, ids));
    }
    return out;
  }

  /** Truth from the lake's events of {@code source} whose type is {@code scenario:NAME}. */
  public static List<TruthInstance> fromEvents(LakeQuery session, String source) {
    List<TruthInstance> out = new ArrayList<>();
    for (List<Object> r : session.rows("SELECT log_id, substr(type, 10), ts_ns, end_ns, track_ids FROM events"
        + " WHERE source = " + LakeViews.quote(source) + " AND type LIKE 'scenario:%' ORDER BY log_id, ts_ns").values()) {
      List<String> ids = new ArrayList<>();
      if (r.get(4) instanceof java.sql.Array a) {
        try {
          for (Object o : (Object[]) a.getArray()) {
            ids.add(String.valueOf(o));
          }
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e);
        }
      }
      out.add(new TruthInstance((String) r.get(0), (String) r.get(1), ((Number) r.get(2)).longValue(),
          ((Number) r.get(3)).longValue(), ids));
    }
    return out;
  }

  /** Runs and scores each scenario in {@code names} over the logs the truth covers. */
  public static List<Score> score(LakeQuery session, ScenarioLibrary library, List<String> names, List<TruthInstance> truth) {
    Set<String> logs = new TreeSet<>();
    truth.forEach(t -> logs.add(t.logId()));
    Map<String, long[]> timestamps = timestamps(session, logs);
    List<Score> out = new ArrayList<>();
    for (String name : names) {
      if (library.get(name) == null) {
        throw new IllegalArgumentException("unknown scenario '" + name + "'; known: " + String.join(", ", library.names()));
      }
      List<Clip> clips = ScenarioSearch.run(session, library.get(name), library).stream()
          .filter(c -> logs.contains(c.logId())).toList();
      List<TruthInstance> mine = truth.stream().filter(t -> t.scenario().equals(name)).toList();
      out.add(new Score(name, MiningMetrics.of(clips, mine, timestamps)));
    }
    return out;
  }

  /** Scenario names that appear in the truth, in library order. */
  public static List<String> scenariosWithTruth(ScenarioLibrary library, List<TruthInstance> truth) {
    Set<String> named = new TreeSet<>();
    truth.forEach(t -> named.add(t.scenario()));
    return library.names().stream().filter(named::contains).toList();
  }

  private static Map<String, long[]> timestamps(LakeQuery session, Set<String> logs) {
    Map<String, List<Long>> lists = new HashMap<>();
    for (List<Object> r : session.rows("SELECT log_id, ts_ns FROM ego ORDER BY log_id, ts_ns").values()) {
      if (logs.contains((String) r.get(0))) {
        lists.computeIfAbsent((String) r.get(0), k -> new ArrayList<>()).add(((Number) r.get(1)).longValue());
      }
    }
    Map<String, long[]> out = new LinkedHashMap<>();
    for (String log : logs) {
      List<Long> l = lists.get(log);
      if (l == null) {
        throw new IllegalArgumentException("truth names log '" + log + "', which is not in the lake");
      }
      out.put(log, l.stream().mapToLong(Long::longValue).toArray());
    }
    return out;
  }

  private static long parseLong(String v, Path file, int line, String field) {
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(file + ": line " + line + ", field " + field + ": expected an integer, found '" + v + "'");
    }
  }
}
