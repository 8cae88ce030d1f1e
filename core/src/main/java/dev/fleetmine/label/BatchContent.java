package dev.fleetmine.label;

import dev.fleetmine.query.LakeQuery;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What an export writes for a batch: per clip its coordinate system, per frame the ego pose and the
 * pre-annotation boxes, and the clip's scenario tags, all read from the lake.
 *
 * @param batch         the batch
 * @param preAnnotation where the boxes come from: {@code gt}, {@code model:NAME}, or {@code none}
 * @param clips         one entry per batch clip, in batch order
 */
public record BatchContent(LabelBatch batch, String preAnnotation, List<Clip> clips) {
  /** Coordinate system of logs with ego poses: the lake's log-local frame (docs/schema.md#frames-and-units). */
  public static final String LOG_LOCAL = "log_local";
  /** Coordinate system of logs without ego poses (KITTI sample): the ego (LiDAR) frame of each timestamp. */
  public static final String EGO = "ego";

  public BatchContent {
    clips = List.copyOf(clips);
  }

  /**
   * One clip to label.
   *
   * @param clip             the batch clip
   * @param coordinateSystem {@link #LOG_LOCAL} or {@link #EGO}
   * @param frames           its frames, ascending
   * @param tags             its scenario-tag pre-annotations (mined library scenarios overlapping the clip)
   */
  public record Clip(LabelBatch.BatchClip clip, String coordinateSystem, List<Frame> frames, List<String> tags) {
    public Clip {
      frames = List.copyOf(frames);
      tags = List.copyOf(tags);
    }
  }

  /**
   * One frame.
   *
   * @param tsNs   its timestamp
   * @param egoX   ego position (log-local; 0 without poses)
   * @param egoY   ego position
   * @param boxes  pre-annotation boxes at this timestamp, in (track, x) order
   */
  public record Frame(long tsNs, double egoX, double egoY, List<Cuboid> boxes) {
    public Frame {
      boxes = List.copyOf(boxes);
    }
  }

  /**
   * Reads a batch's content. {@code preAnnotate}: null for the default ({@code gt} when the batch's logs
   * have ground truth, else none), {@code none}, {@code gt}, or a model (a {@code source} of the objects
   * table); an unknown model is an error listing the models there are.
   */
  public static BatchContent read(LakeQuery q, LabelBatch batch, String preAnnotate) {
    List<String> logs = batch.refs().stream().map(dev.fleetmine.query.ClipRef::logId).distinct().sorted().toList();
    String inLogs = String.join(",", logs.stream().map(l -> "'" + l.replace("'", "''") + "'").toList());
    String source = preAnnotate;
    if (source == null) {
      long gt = ((Number) q.rows("SELECT count(*) FROM objects WHERE source = 'gt' AND log_id IN (" + inLogs + ")").single())
          .longValue();
      source = gt > 0 ? "gt" : "none";
    } else if (!source.equals("none") && !source.equals("gt")) {
      List<String> models = q.rows("SELECT DISTINCT source FROM objects WHERE source <> 'gt' ORDER BY source").values().stream()
          .map(r -> (String) r.get(0)).toList();
      if (!models.contains(source)) {
        throw new IllegalArgumentException("--pre-annotate: unknown model '" + source + "'; models in the lake: "
            + (models.isEmpty() ? "(none)" : String.join(", ", models)) + " (or gt, none)");
      }
    }
    String annotator = source.equals("gt") || source.equals("none") ? source : "model:" + source;
    Map<String, Boolean> poseKnown = new HashMap<>();
    q.rows("SELECT log_id, ego_pose_known FROM logs WHERE log_id IN (" + inLogs + ")").values()
        .forEach(r -> poseKnown.put((String) r.get(0), (Boolean) r.get(1)));
    List<Clip> clips = new ArrayList<>();
    try (PreparedStatement ego = q.connection().prepareStatement(
            "SELECT ts_ns, x, y FROM ego WHERE log_id = ? AND ts_ns BETWEEN ? AND ? ORDER BY ts_ns");
        PreparedStatement obj = q.connection().prepareStatement("SELECT ts_ns, track_id, category, raw_label, x, y, z, length,"
            + " width, height, yaw, score FROM objects WHERE log_id = ? AND source = ? AND ts_ns BETWEEN ? AND ?"
            + " ORDER BY ts_ns, track_id NULLS LAST, x, y");
        PreparedStatement tags = q.connection().prepareStatement("SELECT DISTINCT scenario FROM tags WHERE log_id = ?"
            + " AND start_ns <= ? AND ? <= end_ns AND scenario NOT LIKE '%:%' ORDER BY scenario")) {
      for (LabelBatch.BatchClip bc : batch.clips()) {
        var c = bc.clip();
        TreeSet<Long> wanted = new TreeSet<>(bc.frames());
        Map<Long, double[]> pose = new HashMap<>();
        ego.setString(1, c.logId());
        ego.setLong(2, c.startNs());
        ego.setLong(3, c.endNs());
        try (ResultSet rs = ego.executeQuery()) {
          while (rs.next()) {
            pose.put(rs.getLong(1), new double[] {rs.getDouble(2), rs.getDouble(3)});
          }
        }
        Map<Long, List<Cuboid>> boxes = new HashMap<>();
        if (!source.equals("none")) {
          obj.setString(1, c.logId());
          obj.setString(2, source);
          obj.setLong(3, c.startNs());
          obj.setLong(4, c.endNs());
          try (ResultSet rs = obj.executeQuery()) {
            while (rs.next()) {
              long ts = rs.getLong(1);
              if (wanted.contains(ts)) {
                Object score = rs.getObject(12);
                boxes.computeIfAbsent(ts, k -> new ArrayList<>()).add(new Cuboid(c.logId(), ts, rs.getString(2), rs.getString(3),
                    rs.getString(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), rs.getDouble(9),
                    rs.getDouble(10), rs.getDouble(11), annotator, score == null ? null : ((Number) score).doubleValue(), "{}"));
              }
            }
          }
        }
        List<Frame> frames = new ArrayList<>();
        for (long ts : bc.frames()) {
          double[] p = pose.getOrDefault(ts, new double[2]);
          frames.add(new Frame(ts, p[0], p[1], boxes.getOrDefault(ts, List.of())));
        }
        List<String> clipTags = new ArrayList<>();
        tags.setString(1, c.logId());
        tags.setLong(2, c.endNs());
        tags.setLong(3, c.startNs());
        try (ResultSet rs = tags.executeQuery()) {
          while (rs.next()) {
            clipTags.add(rs.getString(1));
          }
        }
        clips.add(new Clip(bc, Boolean.FALSE.equals(poseKnown.get(c.logId())) ? EGO : LOG_LOCAL, frames, clipTags));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the content of batch '" + batch.id() + "': " + e.getMessage(), e);
    }
    return new BatchContent(batch, annotator, clips);
  }
}
