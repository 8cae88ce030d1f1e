package dev.fleetmine.query;

import dev.fleetmine.lake.Lake;
import dev.fleetmine.lake.Table;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a lake holds: rows per table, rows and distinct tracks per object source, rows per category, and
 * hours of driving.
 *
 * @param snapshotVersion the snapshot these numbers describe
 * @param logs            number of logs
 * @param hours           total duration of all logs, hours
 * @param tableRows       rows per table name
 * @param sources         per object source
 * @param categories      object rows per normalized category, most frequent first
 * @param formats         logs per source format
 */
public record LakeStats(long snapshotVersion, long logs, double hours, Map<String, Long> tableRows,
    List<SourceStats> sources, Map<String, Long> categories, Map<String, Long> formats) {

  /** Rows and distinct tracks (a track is a (log, track id) pair) of one object source ('gt' or a model). */
  public record SourceStats(String source, long rows, long tracks) {}

  /** Computes the statistics of the lake's current snapshot. */
  public static LakeStats of(Lake lake) {
    try (LakeQuery q = LakeQuery.open(lake)) {
      Map<String, Long> tableRows = new LinkedHashMap<>();
      for (Table t : Table.values()) {
        tableRows.put(t.tableName(), (Long) q.rows("SELECT count(*) FROM " + t.tableName()).single());
      }
      List<SourceStats> sources = q.rows("SELECT source, count(*), count(DISTINCT (log_id, track_id)) FILTER (WHERE track_id IS NOT NULL) FROM objects"
          + " GROUP BY source ORDER BY source").values().stream()
          .map(r -> new SourceStats((String) r.get(0), (Long) r.get(1), (Long) r.get(2))).toList();
      Map<String, Long> categories = counts(q, "SELECT category, count(*) FROM objects GROUP BY 1 ORDER BY 2 DESC, 1");
      Map<String, Long> formats = counts(q, "SELECT source_format, count(*) FROM logs GROUP BY 1 ORDER BY 1");
      Object seconds = q.rows("SELECT coalesce(sum(duration_s), 0) FROM logs").single();
      return new LakeStats(q.snapshot().version(), tableRows.get("logs"), ((Number) seconds).doubleValue() / 3600,
          tableRows, sources, categories, formats);
    }
  }

  private static Map<String, Long> counts(LakeQuery q, String sql) {
    Map<String, Long> m = new LinkedHashMap<>();
    q.rows(sql).values().forEach(r -> m.put((String) r.get(0), ((Number) r.get(1)).longValue()));
    return m;
  }
}
