package dev.fleetmine.dataset;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What changed between two versions of a dataset: members added and removed, per member present in both
 * the boxes added, removed and changed (a box is keyed by timestamp, track id and annotator; it changed when
 * its category or any of position, size and yaw differ), and members whose split changed.
 *
 * @param dataset      the dataset
 * @param from         the first version
 * @param to           the second version
 * @param added        clip ids in {@code to} only
 * @param removed      clip ids in {@code from} only
 * @param labelChanges per clip in both with any box difference
 * @param splitChanges per clip in both whose split differs: {@code [from split, to split]} ("" when unsplit)
 */
public record DatasetDiff(String dataset, int from, int to, List<String> added, List<String> removed,
    Map<String, LabelChange> labelChanges, Map<String, List<String>> splitChanges) {
  /** Boxes of one member: added, removed, changed; and whether its label pin changed. */
  public record LabelChange(String fromRef, String toRef, int boxesAdded, int boxesRemoved, int boxesChanged) {}

  /** Compares {@code from} with {@code to} from their files alone. */
  public static DatasetDiff of(DatasetStore store, String name, int from, int to) {
    store.load(name, from);
    store.load(name, to);
    Path a = store.dir(name, from);
    Path b = store.dir(name, to);
    try (Connection c = DatasetStore.duck()) {
      Sql.exec(c, "CREATE TEMP VIEW ma AS SELECT * FROM read_parquet(" + Sql.path(a.resolve(DatasetStore.MEMBERS)) + ")");
      Sql.exec(c, "CREATE TEMP VIEW mb AS SELECT * FROM read_parquet(" + Sql.path(b.resolve(DatasetStore.MEMBERS)) + ")");
      Sql.exec(c, "CREATE TEMP VIEW la AS SELECT * FROM read_parquet(" + Sql.path(a.resolve(DatasetStore.LABELS)) + ")");
      Sql.exec(c, "CREATE TEMP VIEW lb AS SELECT * FROM read_parquet(" + Sql.path(b.resolve(DatasetStore.LABELS)) + ")");
      List<String> added = Sql.rows(c, "SELECT clip_id FROM mb ANTI JOIN ma USING (clip_id) ORDER BY log_id, start_ns, end_ns")
          .stream().map(r -> (String) r[0]).toList();
      List<String> removed = Sql.rows(c, "SELECT clip_id FROM ma ANTI JOIN mb USING (clip_id) ORDER BY log_id, start_ns, end_ns")
          .stream().map(r -> (String) r[0]).toList();
      String key = "clip_id, ts_ns, coalesce(track_id, '') AS tk, annotator";
      String box = "category, x, y, z, length, width, height, yaw";
      Map<String, LabelChange> labels = new TreeMap<>();
      for (Object[] r : Sql.rows(c, "WITH both_ AS (SELECT clip_id, ma.label_ref AS ra, mb.label_ref AS rb FROM ma JOIN mb USING (clip_id)),"
          + " ka AS (SELECT " + key + ", " + box + " FROM la WHERE clip_id IN (SELECT clip_id FROM both_)),"
          + " kb AS (SELECT " + key + ", " + box + " FROM lb WHERE clip_id IN (SELECT clip_id FROM both_)),"
          + " j AS (SELECT coalesce(ka.clip_id, kb.clip_id) AS clip_id, ka.ts_ns IS NULL AS is_added, kb.ts_ns IS NULL AS is_removed,"
          + " (ka.ts_ns IS NOT NULL AND kb.ts_ns IS NOT NULL AND (ka.category, ka.x, ka.y, ka.z, ka.length, ka.width, ka.height, ka.yaw)"
          + " IS DISTINCT FROM (kb.category, kb.x, kb.y, kb.z, kb.length, kb.width, kb.height, kb.yaw)) AS is_changed"
          + " FROM ka FULL JOIN kb ON ka.clip_id = kb.clip_id AND ka.ts_ns = kb.ts_ns"
          + " AND ka.tk = kb.tk AND ka.annotator = kb.annotator)"
          + " SELECT b.clip_id, b.ra, b.rb, count(*) FILTER (is_added), count(*) FILTER (is_removed), count(*) FILTER (is_changed)"
          + " FROM both_ b LEFT JOIN j USING (clip_id) GROUP BY ALL")) {
        LabelChange ch = new LabelChange((String) r[1], (String) r[2], ((Number) r[3]).intValue(), ((Number) r[4]).intValue(),
            ((Number) r[5]).intValue());
        if (ch.boxesAdded() + ch.boxesRemoved() + ch.boxesChanged() > 0 || !ch.fromRef().equals(ch.toRef())) {
          labels.put((String) r[0], ch);
        }
      }
      Map<String, String> sa = DatasetStore.readSplits(a);
      Map<String, String> sb = DatasetStore.readSplits(b);
      Map<String, List<String>> splits = new TreeMap<>();
      if (!sa.isEmpty() || !sb.isEmpty()) {
        for (Object[] r : Sql.rows(c, "SELECT clip_id FROM ma JOIN mb USING (clip_id)")) {
          String id = (String) r[0];
          String x = sa.getOrDefault(id, "");
          String y = sb.getOrDefault(id, "");
          if (!x.equals(y)) {
            splits.put(id, List.of(x, y));
          }
        }
      }
      return new DatasetDiff(name, from, to, added, removed, labels, splits);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether the versions hold the same members, labels and splits. */
  public boolean isEmpty() {
    return added.isEmpty() && removed.isEmpty() && labelChanges.isEmpty() && splitChanges.isEmpty();
  }
}
