package dev.fleetmine.query;

import dev.fleetmine.ingest.Progress;
import dev.fleetmine.lake.Lake;
import dev.fleetmine.lake.LakeException;
import dev.fleetmine.lake.LakeViews;
import dev.fleetmine.lake.Snapshot;
import dev.fleetmine.lake.TagTable;
import dev.fleetmine.query.lang.Query;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Tags the whole lake with library scenarios: runs each scenario, writes its clips to a tag file and
 * publishes all tag files in one snapshot (atomically, like an ingest).
 */
public final class ScenarioMiner {
  private ScenarioMiner() {}

  /**
   * What mining one scenario found.
   *
   * @param scenario the scenario name
   * @param clips    clips found
   * @param logs     logs with at least one clip
   * @param seconds  total clip duration
   * @param elapsed  query time
   */
  public record Mined(String scenario, int clips, long logs, double seconds, Duration elapsed) {}

  /** Mines {@code names} over the lake's current snapshot and commits their tags. */
  public static List<Mined> mine(Lake lake, ScenarioLibrary library, List<String> names, Progress progress) {
    for (String n : names) {
      if (library.get(n) == null) {
        throw new IllegalArgumentException("unknown scenario '" + n + "'; known: " + String.join(", ", library.names()));
      }
    }
    List<Mined> results = new ArrayList<>();
    List<TagSet> sets = new ArrayList<>();
    try (LakeQuery session = LakeQuery.open(lake)) {
      progress.start("mining scenarios", names.size());
      for (String name : names) {
        Query q = library.get(name);
        long start = System.nanoTime();
        List<Clip> clips = ScenarioSearch.run(session, q, library);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        sets.add(new TagSet(name, q.text(), clips));
        results.add(new Mined(name, clips.size(), clips.stream().map(Clip::logId).distinct().count(),
            clips.stream().mapToDouble(Clip::durationS).sum(), elapsed));
        progress.advance(1);
      }
      progress.finish();
      store(lake, session, "mine " + String.join(", ", names), sets);
    }
    return results;
  }

  /**
   * Clips to store under one tag name.
   *
   * @param name  the tag (a scenario name, or e.g. {@code fn:pointrcnn} for a model's misses)
   * @param query what produced the clips (the query text, or a description)
   * @param clips the clips
   */
  public record TagSet(String name, String query, List<Clip> clips) {
    public TagSet {
      clips = List.copyOf(clips);
    }
  }

  /**
   * Writes each set to a new tag file and publishes them all in one snapshot on top of {@code session}'s
   * snapshot, replacing earlier tags of the same names; nothing is published if any write fails.
   */
  public static void store(Lake lake, LakeQuery session, String operation, List<TagSet> sets) {
    Snapshot base = session.snapshot();
    Map<String, String> files = new LinkedHashMap<>();
    List<Path> written = new ArrayList<>();
    boolean committed = false;
    try {
      for (TagSet set : sets) {
        Path file = lake.newTagFile(set.name());
        written.add(file);
        writeTags(session, set.name(), set.query(), base.version(), set.clips(), file);
        files.put(set.name(), lake.relativize(file));
      }
      lake.commitTags(base, operation, files);
      committed = true;
      for (TagSet set : sets) {
        String old = base.tags().get(set.name());
        if (old != null) {
          Lake.deleteQuietly(lake.resolve(old));
        }
      }
    } finally {
      if (!committed) {
        written.forEach(Lake::deleteQuietly);
      }
    }
  }

  private static void writeTags(LakeQuery session, String name, String text, long version, List<Clip> clips, Path file) {
    DuckDBConnection conn = (DuckDBConnection) session.connection();
    try (Statement st = conn.createStatement()) {
      st.execute("CREATE OR REPLACE TEMP TABLE tag_matches (clip INTEGER, ts_ns BIGINT, track_ids VARCHAR)");
      st.execute("CREATE OR REPLACE TEMP TABLE tag_refs (clip INTEGER, ts_ns BIGINT, track_id VARCHAR, role VARCHAR,"
          + " answer BOOLEAN)");
      st.execute("CREATE OR REPLACE TEMP TABLE tag_clips (clip INTEGER, log_id VARCHAR, start_ns BIGINT, end_ns BIGINT,"
          + " score DOUBLE)");
      try (DuckDBAppender c = conn.createAppender("temp", "main", "tag_clips");
          DuckDBAppender m = conn.createAppender("temp", "main", "tag_matches");
          DuckDBAppender r = conn.createAppender("temp", "main", "tag_refs")) {
        for (int i = 0; i < clips.size(); i++) {
          Clip clip = clips.get(i);
          c.beginRow().append(i).append(clip.logId()).append(clip.startNs()).append(clip.endNs()).append(clip.score()).endRow();
          for (Clip.Match match : clip.matches()) {
            m.beginRow().append(i).append(match.tsNs()).append(String.join("\u001f", match.trackIds())).endRow();
            for (Clip.Referred ref : match.objects()) {
              r.beginRow().append(i).append(match.tsNs()).append(ref.trackId()).append(ref.role()).append(ref.answer()).endRow();
            }
          }
        }
      }
      st.execute("COPY (SELECT " + LakeViews.quote(name) + " AS scenario, c.log_id, c.start_ns, c.end_ns, c.score,"
          + " coalesce((SELECT list(struct_pack(ts_ns := m.ts_ns, track_ids := CASE WHEN m.track_ids = '' THEN []::VARCHAR[]"
          + " ELSE string_split(m.track_ids, chr(31)) END) ORDER BY m.ts_ns) FROM tag_matches m WHERE m.clip = c.clip), [])"
          + " AS matches, coalesce((SELECT list(struct_pack(ts_ns := r.ts_ns, track_id := r.track_id, role := r.role,"
          + " answer := r.answer) ORDER BY r.ts_ns, r.track_id, r.role) FROM tag_refs r WHERE r.clip = c.clip), [])"
          + " AS referred, " + LakeViews.quote(text) + " AS query, " + version + "::BIGINT AS snapshot_version,"
          + " now()::TIMESTAMP AS mined_at FROM tag_clips c ORDER BY c.log_id, c.start_ns) TO "
          + LakeViews.quote(file.toString()) + " (" + Lake.PARQUET_COPY_OPTIONS + ")");
    } catch (SQLException e) {
      throw new LakeException("cannot write tags of scenario " + name + ": " + e.getMessage(), e);
    }
  }

}
