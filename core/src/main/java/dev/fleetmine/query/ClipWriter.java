package dev.fleetmine.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.fleetmine.lake.LakeViews;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes clips as a terminal table, JSON (with each referred object's position in the log's original
 * frame, for checking against external ground truth) or Parquet (one row per matched timestamp and
 * referred object).
 */
public final class ClipWriter {
  private ClipWriter() {}

  /** Position of a referred object in the source's original frame (lake position + log origin). */
  public record Position(double x, double y, double z) {}

  /**
   * One line per clip: its id (what {@code similar --clip} takes), start and end in seconds from its log's
   * first timestamp (the same for every source, whatever its clock), matched timestamps, score and
   * referred objects.
   */
  public static void table(LakeQuery session, List<Clip> clips, PrintWriter out) {
    Map<String, Long> starts = logStarts(session);
    int idWidth = clips.stream().mapToInt(c -> c.id().length()).max().orElse(0);
    String row = "%-" + Math.max(idWidth, 4) + "s %10s %10s %8s %8s  %s%n";
    out.printf(row, "clip", "start_s", "end_s", "matches", "score", "referred");
    for (Clip c : clips) {
      out.printf(row, c.id(), seconds(c.startNs(), starts.get(c.logId())), seconds(c.endNs(), starts.get(c.logId())),
          c.matches().size(), String.format(Locale.ROOT, "%.2f", c.score()), referredSummary(c));
    }
    out.printf("%d clip(s)%n", clips.size());
  }

  /**
   * The distinct referred tracks of a clip per role, answers first: {@code v: 2} or {@code v: 2, b: 1 (context)}
   * when a {@code refer} clause makes {@code b} context; {@code -} when nothing was referred.
   */
  public static String referredSummary(Clip c) {
    Map<String, Set<String>> byRole = new TreeMap<>();
    Map<String, Boolean> answer = new HashMap<>();
    c.matches().stream().flatMap(m -> m.objects().stream()).forEach(r -> {
      byRole.computeIfAbsent(r.role(), k -> new HashSet<>()).add(r.trackId());
      answer.put(r.role(), r.answer());
    });
    if (byRole.isEmpty()) {
      return "-";
    }
    return byRole.entrySet().stream().sorted(Comparator.comparing(e -> !answer.get(e.getKey())))
        .map(e -> e.getKey() + ": " + e.getValue().size() + (answer.get(e.getKey()) ? "" : " (context)"))
        .collect(Collectors.joining(", "));
  }

  /** Every log's first timestamp, ns: where its clips' seconds count from. */
  public static Map<String, Long> logStarts(LakeQuery session) {
    Map<String, Long> out = new HashMap<>();
    for (List<Object> r : session.rows("SELECT log_id, start_ns FROM logs").values()) {
      out.put((String) r.get(0), ((Number) r.get(1)).longValue());
    }
    return out;
  }

  /** Seconds of {@code ns} after {@code logStart}, to the millisecond. */
  private static String seconds(long ns, Long logStart) {
    return String.format(Locale.ROOT, "%.3f", relative(ns, logStart));
  }

  /** Seconds from the log's start; a log the session does not hold (a stale clip) counts from 0. */
  static double relative(long ns, Long logStart) {
    return (ns - (logStart == null ? 0 : logStart)) / 1e9;
  }

  /**
   * JSON: {"query":..., "clips":[{id, log_id, start_ns, end_ns, start_s, end_s, score, timestamps:[{ts_ns,
   * objects:[{track_id, role, answer, x, y, z}]}]}]}; start_s and end_s are seconds from the log's first timestamp.
   */
  public static void json(LakeQuery session, String query, String source, List<Clip> clips, OutputStream out) throws IOException {
    json(session, query, source, clips, new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The same JSON to a character stream, which is closed at the end. */
  public static void json(LakeQuery session, String query, String source, List<Clip> clips, java.io.Writer out) throws IOException {
    Map<String, Position> positions = positions(session, source, clips);
    Map<String, Long> starts = logStarts(session);
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("query", query);
      g.writeStringField("source", source);
      g.writeArrayFieldStart("clips");
      for (Clip c : clips) {
        g.writeStartObject();
        g.writeStringField("id", c.id());
        g.writeStringField("log_id", c.logId());
        g.writeNumberField("start_ns", c.startNs());
        g.writeNumberField("end_ns", c.endNs());
        g.writeNumberField("start_s", relative(c.startNs(), starts.get(c.logId())));
        g.writeNumberField("end_s", relative(c.endNs(), starts.get(c.logId())));
        g.writeNumberField("score", c.score());
        g.writeArrayFieldStart("timestamps");
        for (Clip.Match m : c.matches()) {
          g.writeStartObject();
          g.writeNumberField("ts_ns", m.tsNs());
          g.writeArrayFieldStart("objects");
          for (Clip.Referred r : m.objects()) {
            g.writeStartObject();
            g.writeStringField("track_id", r.trackId());
            g.writeStringField("role", r.role());
            g.writeBooleanField("answer", r.answer());
            Position p = positions.get(key(c.logId(), m.tsNs(), r.trackId()));
            if (p != null) {
              g.writeNumberField("x", p.x());
              g.writeNumberField("y", p.y());
              g.writeNumberField("z", p.z());
            }
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  /**
   * Parquet with columns clip_id, log_id, start_ns, end_ns, score, ts_ns, track_id, x, y, z, start_s, end_s,
   * role, answer (start_s and end_s in seconds from the log's first timestamp; role and answer as in
   * {@link Clip.Referred}), written to a temporary file and renamed.
   */
  public static void parquet(LakeQuery session, String source, List<Clip> clips, Path file) throws SQLException, IOException {
    stageRefs(session, clips);
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    try (Statement st = session.connection().createStatement()) {
      st.execute("COPY (SELECT r.clip_id, r.log_id, r.start_ns, r.end_ns, r.score, r.ts_ns, r.track_id,"
          + " o.x + l.origin_x AS x, o.y + l.origin_y AS y, o.z + l.origin_z AS z,"
          + " (r.start_ns - l.start_ns) / 1e9 AS start_s, (r.end_ns - l.start_ns) / 1e9 AS end_s, r.role, r.answer"
          + " FROM clip_refs r"
          + " JOIN logs l USING (log_id) LEFT JOIN objects o ON o.log_id = r.log_id AND o.ts_ns = r.ts_ns"
          + " AND o.track_id = r.track_id AND o.source = " + LakeViews.quote(source)
          + " ORDER BY r.log_id, r.start_ns, r.ts_ns, r.track_id) TO " + LakeViews.quote(tmp.toString()) + " (FORMAT parquet)");
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Positions of every referred object of {@code clips}, keyed by log, timestamp and track id. */
  public static Map<String, Position> positions(LakeQuery session, String source, List<Clip> clips) {
    Map<String, Position> out = new HashMap<>();
    try {
      stageRefs(session, clips);
      try (Statement st = session.connection().createStatement(); ResultSet rs = st.executeQuery(
          "SELECT r.log_id, r.ts_ns, r.track_id, o.x + l.origin_x, o.y + l.origin_y, o.z + l.origin_z"
              + " FROM (SELECT DISTINCT log_id, ts_ns, track_id FROM clip_refs WHERE track_id IS NOT NULL) r"
              + " JOIN objects o ON o.log_id = r.log_id AND o.ts_ns = r.ts_ns AND o.track_id = r.track_id"
              + " JOIN logs l ON l.log_id = r.log_id WHERE o.source = " + LakeViews.quote(source))) {
        while (rs.next()) {
          out.put(key(rs.getString(1), rs.getLong(2), rs.getString(3)),
              new Position(rs.getDouble(4), rs.getDouble(5), rs.getDouble(6)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot look up referred objects: " + e.getMessage(), e);
    }
    return out;
  }

  private static void stageRefs(LakeQuery session, List<Clip> clips) throws SQLException {
    DuckDBConnection conn = (DuckDBConnection) session.connection();
    try (Statement st = conn.createStatement()) {
      st.execute("CREATE OR REPLACE TEMP TABLE clip_refs (clip_id VARCHAR, log_id VARCHAR, start_ns BIGINT,"
          + " end_ns BIGINT, score DOUBLE, ts_ns BIGINT, track_id VARCHAR, role VARCHAR, answer BOOLEAN)");
    }
    try (DuckDBAppender a = conn.createAppender("temp", "main", "clip_refs")) {
      for (Clip c : clips) {
        for (Clip.Match m : c.matches()) {
          List<Clip.Referred> refs = m.objects().isEmpty() ? Collections.singletonList(null) : m.objects();
          for (Clip.Referred r : refs) {
            a.beginRow().append(c.id()).append(c.logId()).append(c.startNs()).append(c.endNs()).append(c.score())
                .append(m.tsNs());
            if (r == null) {
              a.appendNull().appendNull().appendNull();
            } else {
              a.append(r.trackId()).append(r.role()).append(r.answer());
            }
            a.endRow();
          }
        }
      }
    }
  }

  private static String key(String log, long ts, String track) {
    return log + '\u0000' + ts + '\u0000' + track;
  }
}
