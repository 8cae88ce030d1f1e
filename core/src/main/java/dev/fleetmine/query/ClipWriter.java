package dev.fleetmine.query;

import com.fasterxml.jackson.core.JsonEncoding;
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

  /** One line per clip. */
  public static void table(List<Clip> clips, PrintWriter out) {
    out.printf("%-40s %14s %10s %8s %8s  %s%n", "log_id", "start_s", "duration_s", "matches", "score", "referred");
    for (Clip c : clips) {
      out.printf("%-40s %14.3f %10.2f %8d %8.2f  %s%n", c.logId(), c.startNs() / 1e9, c.durationS(),
          c.matches().size(), c.score(), referredSummary(c));
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

  /**
   * JSON: {"query":..., "clips":[{log_id, start_ns, end_ns, score, timestamps:[{ts_ns, objects:[{track_id, role,
   * answer, x, y, z}]}]}]}.
   */
  public static void json(LakeQuery session, String query, String source, List<Clip> clips, OutputStream out) throws IOException {
    Map<String, Position> positions = positions(session, source, clips);
    try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
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
   * Parquet with columns clip_id, log_id, start_ns, end_ns, score, ts_ns, track_id, role, answer, x, y, z
   * (atomic rename).
   */
  public static void parquet(LakeQuery session, String source, List<Clip> clips, Path file) throws SQLException, IOException {
    stageRefs(session, clips);
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    try (Statement st = session.connection().createStatement()) {
      st.execute("COPY (SELECT r.clip_id, r.log_id, r.start_ns, r.end_ns, r.score, r.ts_ns, r.track_id, r.role, r.answer,"
          + " o.x + l.origin_x AS x, o.y + l.origin_y AS y, o.z + l.origin_z AS z FROM clip_refs r"
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
