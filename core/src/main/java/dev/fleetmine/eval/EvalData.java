package dev.fleetmine.eval;

import dev.fleetmine.query.LakeQuery;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ground truth and one model's detections read from a lake snapshot, ready for matching: objects of the
 * logs where the model has predictions, with their sample (log, timestamp) numbered densely.
 *
 * @param model      the model (its {@code source} in the objects table)
 * @param truth      the ground truth's source, normally {@code gt}
 * @param logs       logs evaluated (those with at least one row of the model), sorted
 * @param sampleLog  per sample number, the index of its log in {@code logs}
 * @param sampleTs   per sample number, its timestamp
 * @param truthRows  ground-truth objects in those logs
 * @param detections the model's objects in those logs
 * @param skipped    logs that have ground truth but no row of the model (not evaluated)
 */
public record EvalData(String model, String truth, List<String> logs, int[] sampleLog, long[] sampleTs,
    List<Row> truthRows, List<Row> detections, List<String> skipped) {

  /**
   * One object row.
   *
   * @param sample   the sample number
   * @param trackId  the track id, null when untracked
   * @param category the lake category
   * @param x        box centre, log-local frame, m (and y, z)
   * @param length   box size, m (and width, height)
   * @param yaw      heading, rad, counter-clockwise from +x
   * @param score    detection score (NaN for ground truth without one)
   * @param distance distance to ego, m (NaN when unknown)
   */
  public record Row(int sample, String trackId, String category, double x, double y, double z, double length, double width,
      double height, double yaw, double score, double distance) {}

  /** Reads the ground truth and the detections of {@code model} from the session's snapshot. */
  public static EvalData load(LakeQuery session, String model, String truth) {
    String sql = "SELECT source, log_id, ts_ns, track_id, category, x, y, z, length, width, height, yaw, score, distance"
        + " FROM objects WHERE source IN (?, ?) AND log_id IN (SELECT DISTINCT log_id FROM objects WHERE source = ?)"
        + " ORDER BY log_id, ts_ns";
    Map<String, Integer> logIndex = new LinkedHashMap<>();
    Map<String, Map<Long, Integer>> samples = new HashMap<>();
    List<Integer> sampleLog = new ArrayList<>();
    List<Long> sampleTs = new ArrayList<>();
    List<Row> gt = new ArrayList<>();
    List<Row> det = new ArrayList<>();
    try (PreparedStatement ps = session.connection().prepareStatement(sql)) {
      ps.setString(1, truth);
      ps.setString(2, model);
      ps.setString(3, model);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String log = rs.getString(2);
          long ts = rs.getLong(3);
          int li = logIndex.computeIfAbsent(log, k -> logIndex.size());
          int sample = samples.computeIfAbsent(log, k -> new HashMap<>()).computeIfAbsent(ts, k -> {
            sampleLog.add(li);
            sampleTs.add(ts);
            return sampleTs.size() - 1;
          });
          Row row = new Row(sample, rs.getString(4), rs.getString(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8),
              rs.getDouble(9), rs.getDouble(10), rs.getDouble(11), rs.getDouble(12), number(rs, 13), number(rs, 14));
          (rs.getString(1).equals(model) ? det : gt).add(row);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read objects of model " + model + ": " + e.getMessage(), e);
    }
    if (det.isEmpty()) {
      throw new IllegalArgumentException("the lake has no objects of model '" + model + "'; models in the lake: "
          + String.join(", ", models(session)));
    }
    return new EvalData(model, truth, List.copyOf(logIndex.keySet()), sampleLog.stream().mapToInt(Integer::intValue).toArray(),
        sampleTs.stream().mapToLong(Long::longValue).toArray(), List.copyOf(gt), List.copyOf(det), skipped(session, model, truth));
  }

  /** The sources of the objects table other than ground truth: the models with predictions in the lake. */
  public static List<String> models(LakeQuery session) {
    return session.rows("SELECT DISTINCT source FROM objects WHERE source <> 'gt' ORDER BY source").values().stream()
        .map(r -> (String) r.get(0)).toList();
  }

  private static List<String> skipped(LakeQuery session, String model, String truth) {
    try (PreparedStatement ps = session.connection().prepareStatement("SELECT DISTINCT log_id FROM objects WHERE source = ?"
        + " EXCEPT SELECT DISTINCT log_id FROM objects WHERE source = ? ORDER BY 1")) {
      ps.setString(1, truth);
      ps.setString(2, model);
      List<String> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static double number(ResultSet rs, int column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? Double.NaN : v;
  }

  /** Number of samples. */
  public int sampleCount() {
    return sampleTs.length;
  }

  /** The log id of a sample. */
  public String logOf(int sample) {
    return logs.get(sampleLog[sample]);
  }
}
