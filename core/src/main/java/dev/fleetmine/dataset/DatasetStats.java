package dev.fleetmine.dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a dataset version holds: clips, frames, hours, logs, locations, boxes and tracks per category, members
 * per scenario tag; for the whole version ({@value #ALL}) and, when it is split, per split.
 *
 * @param dataset the dataset
 * @param version the version
 * @param parts   {@value #ALL} first, then each split in the spec's order
 */
public record DatasetStats(String dataset, int version, Map<String, Part> parts) {
  /** The key of the whole version in {@link #parts}. */
  public static final String ALL = "all";

  /**
   * Statistics of the whole version or one split.
   *
   * @param clips      members
   * @param frames     ego timestamps (COCO: images) of the members
   * @param hours      total member duration in hours (clip ends inclusive: end - start)
   * @param logs       distinct logs
   * @param locations  distinct non-null locations
   * @param categories per category: {@code [boxes, tracks]} of the pinned labels (tracks: distinct log and track id)
   * @param tags       members per scenario tag
   */
  public record Part(int clips, long frames, double hours, int logs, int locations, Map<String, long[]> categories,
      Map<String, Integer> tags) {}

  /** Computes the statistics of a version from its files alone (the lake is not read). */
  public static DatasetStats of(DatasetStore store, String name, Integer version) {
    DatasetVersion v = store.resolve(name, version);
    Path dir = store.dir(name, v.version());
    List<String> parts = new ArrayList<>();
    parts.add(ALL);
    if (v.split() != null) {
      parts.addAll(v.split().names());
    }
    Map<String, Part> out = new LinkedHashMap<>();
    try (Connection c = DatasetStore.duck()) {
      String split = Files.isRegularFile(dir.resolve(DatasetStore.SPLITS))
          ? "read_parquet(" + Sql.path(dir.resolve(DatasetStore.SPLITS)) + ")" : "(SELECT NULL::VARCHAR clip_id, NULL::VARCHAR split)";
      Sql.exec(c, "CREATE TEMP VIEW m AS SELECT m.*, coalesce(s.split, '') AS split FROM read_parquet("
          + Sql.path(dir.resolve(DatasetStore.MEMBERS)) + ") m LEFT JOIN " + split + " s USING (clip_id)");
      Sql.exec(c, "CREATE TEMP VIEW l AS SELECT l.*, m.split FROM read_parquet(" + Sql.path(dir.resolve(DatasetStore.LABELS))
          + ") l JOIN m USING (clip_id)");
      for (String p : parts) {
        String where = p.equals(ALL) ? "" : " WHERE split = " + Sql.str(p);
        Object[] r = Sql.rows(c, "SELECT count(*), coalesce(sum(frames), 0), coalesce(sum(end_ns - start_ns), 0) / 3.6e12,"
            + " count(DISTINCT log_id), count(DISTINCT location) FROM m" + where).get(0);
        Map<String, long[]> cats = new TreeMap<>();
        for (Object[] x : Sql.rows(c, "SELECT category, count(*), count(DISTINCT log_id || '/' || track_id) FROM l" + where
            + " GROUP BY category")) {
          cats.put((String) x[0], new long[] {((Number) x[1]).longValue(), ((Number) x[2]).longValue()});
        }
        Map<String, Integer> tags = new TreeMap<>();
        for (Object[] x : Sql.rows(c, "SELECT t, count(*) FROM (SELECT unnest(tags) AS t FROM m" + where + ") GROUP BY t")) {
          tags.put((String) x[0], ((Number) x[1]).intValue());
        }
        out.put(p, new Part(((Number) r[0]).intValue(), ((Number) r[1]).longValue(), ((Number) r[2]).doubleValue(),
            ((Number) r[3]).intValue(), ((Number) r[4]).intValue(), cats, tags));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return new DatasetStats(name, v.version(), out);
  }
}
