package dev.fleetmine.ingest.av2;

import dev.fleetmine.ingest.IngestException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The {@code EGO_VEHICLE} rows of an {@code annotations.feather}: Argoverse 2 scenario-mining logs carry the
 * ego as a cuboid among the objects (RefAV's {@code add_ego_to_annotation}). They are never objects: with
 * {@code city_SE3_egovehicle.feather} beside them they are dropped, without it they are the ego track.
 *
 * <p>An annotation cuboid's pose maps box points to the frame of the file's other cuboids, so an
 * {@code EGO_VEHICLE} row is the ego's pose in that frame. RefAV writes them at the ego frame's origin
 * (identity rotation, zero translation): such rows say where the ego is relative to itself and nothing
 * about its motion, so the log is kept in the ego frame ({@code ego_pose_known = false}, as KITTI without
 * oxts). Rows with any other pose are taken as the ego's city poses, {@code city_SE3_egovehicle}'s
 * equivalent, and place the other cuboids exactly as the pose file would.
 */
final class EgoRows {
  /** The category that marks the ego's rows. */
  static final String CATEGORY = "EGO_VEHICLE";
  /** Translation (m) and rotation (quaternion components) this close to zero count as the ego origin. */
  private static final double ORIGIN_TOLERANCE = 1e-9;

  private final FeatherTable table;
  private final Se3[] poses;
  private final boolean[] ego;
  private final int[] rows;

  private EgoRows(FeatherTable table, Se3[] poses, boolean[] ego, int[] rows) {
    this.table = table;
    this.poses = poses;
    this.ego = ego;
    this.rows = rows;
  }

  /** The ego rows of annotations {@code t} whose cuboid poses are {@code poses} ({@link PoseTrack#poses}). */
  static EgoRows of(FeatherTable t, Se3[] poses) {
    String[] category = t.strings("category");
    boolean[] ego = new boolean[t.rows()];
    for (int i = 0; i < ego.length; i++) {
      ego[i] = CATEGORY.equals(category[i]);
    }
    return new EgoRows(t, poses, ego, IntStream.range(0, ego.length).filter(i -> ego[i]).toArray());
  }

  /** No ego rows: a log without annotations. */
  static EgoRows none() {
    return new EgoRows(null, new Se3[0], new boolean[0], new int[0]);
  }

  /** How many rows are the ego's. */
  int count() {
    return rows.length;
  }

  /** Whether record {@code i} of the annotations is the ego's (and so not an object). */
  boolean isEgo(int i) {
    return ego[i];
  }

  /** Whether every ego row sits at the ego frame's origin (RefAV's form): they carry no motion. */
  boolean atOrigin() {
    return rows.length > 0 && Arrays.stream(rows).mapToObj(i -> poses[i]).allMatch(p -> Math.abs(p.tx()) <= ORIGIN_TOLERANCE
        && Math.abs(p.ty()) <= ORIGIN_TOLERANCE && Math.abs(p.tz()) <= ORIGIN_TOLERANCE
        && Math.abs(p.qx()) <= ORIGIN_TOLERANCE && Math.abs(p.qy()) <= ORIGIN_TOLERANCE && Math.abs(p.qz()) <= ORIGIN_TOLERANCE);
  }

  /** The ego rows as a pose track, in time order; one row per timestamp. */
  PoseTrack track() {
    Path file = table.file();
    long[] ts = table.longs("timestamp_ns");
    int[] order = Arrays.stream(rows).boxed().sorted(Comparator.comparingLong((Integer i) -> ts[i]).thenComparingInt(i -> i))
        .mapToInt(Integer::intValue).toArray();
    for (int k = 1; k < order.length; k++) {
      if (ts[order[k]] == ts[order[k - 1]]) {
        throw new IngestException(file, "records " + order[k - 1] + " and " + order[k] + " (category " + CATEGORY + ")",
            "both have timestamp_ns " + ts[order[k]] + "; expected one ego row per timestamp");
      }
    }
    return PoseTrack.of(file, "the " + CATEGORY + " rows'", Arrays.stream(order).mapToLong(i -> ts[i]).toArray(),
        Arrays.stream(order).mapToObj(i -> poses[i]).toArray(Se3[]::new));
  }
}
