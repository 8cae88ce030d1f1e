package dev.fleetmine.vector.embed;

import static java.util.Objects.requireNonNull;

import dev.fleetmine.ingest.Progress;
import dev.fleetmine.lake.LakeException;
import dev.fleetmine.lake.LakeViews;
import dev.fleetmine.query.Clip;
import dev.fleetmine.query.LakeQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Embeds windows of logs as vectors of an {@link EmbeddingRecipe}: per time slice, an ego-centred grid of
 * object occupancy and mean relative velocity per class group, then ego speed, acceleration and yaw rate.
 * The aggregation runs in DuckDB for many windows at once; Java only places the aggregates and normalises.
 */
public final class ScenarioEmbedder implements ClipEmbedder {
  /** Categories of the vehicle group (group 0); the VRU group (1) is {@link #VRU}; other categories are ignored. */
  static final String VEHICLES = "'car', 'truck', 'bus', 'motorcycle', 'other_vehicle'";
  /** Categories of the vulnerable road user group (group 1). */
  static final String VRU = "'pedestrian', 'cyclist', 'motorcyclist', 'bicycle'";

  private final EmbeddingRecipe recipe;

  public ScenarioEmbedder(EmbeddingRecipe recipe) {
    this.recipe = requireNonNull(recipe, "recipe is null");
  }

  public EmbeddingRecipe recipe() {
    return recipe;
  }

  @Override
  public int dimension() {
    return recipe.dimension();
  }

  @Override
  public java.util.Map<String, String> describe() {
    return java.util.Map.of("kind", "scenario", "recipe", recipe.toString());
  }

  /** One unit vector per window, in the order given, computed with two queries over all windows at once. */
  @Override
  public float[][] embedAll(LakeQuery q, List<Clip> windows) {
    float[][] out = new float[windows.size()][recipe.dimension()];
    if (windows.isEmpty()) {
      return out;
    }
    try (Statement st = q.connection().createStatement()) {
      loadWindows((DuckDBConnection) q.connection(), st, windows);
      double[][] frames = new double[windows.size()][recipe.slices()];
      readEgo(st, out, frames);
      readObjects(st, out, frames);
      st.execute("DROP TABLE IF EXISTS emb_windows");
    } catch (SQLException e) {
      throw new LakeException("cannot embed " + windows.size() + " windows: " + e.getMessage(), e);
    }
    for (float[] v : out) {
      normalise(v);
    }
    return out;
  }

  /** Sliding windows of {@code windowS} every {@code strideS} over every log, with their vectors. */
  public WindowEmbeddings embedSlidingWindows(LakeQuery q, double windowS, double strideS) {
    List<Clip> windows = new ArrayList<>();
    List<float[]> vectors = new ArrayList<>();
    embedSlidingWindows(q, windowS, strideS, Progress.NONE, batch -> {
      windows.addAll(batch.windows());
      vectors.addAll(List.of(batch.vectors()));
    });
    return new WindowEmbeddings(windows, vectors.toArray(float[][]::new));
  }

  /**
   * Sliding windows over every log, handed to {@code perLog} one log at a time (so an index can be fed
   * while memory stays flat) with one progress unit per log.
   */
  public void embedSlidingWindows(LakeQuery q, double windowS, double strideS, Progress progress,
      Consumer<WindowEmbeddings> perLog) {
    if (!(windowS > 0) || !(strideS > 0)) {
      throw new IllegalArgumentException("windowS and strideS must be > 0 s, got " + windowS + " and " + strideS);
    }
    long windowNs = Math.round(windowS * 1e9);
    long strideNs = Math.round(strideS * 1e9);
    List<List<Object>> logs = q.rows("SELECT log_id, start_ns, end_ns FROM logs ORDER BY log_id").values();
    progress.start("embed windows", logs.size());
    for (List<Object> log : logs) {
      List<Clip> windows = slidingWindows((String) log.get(0), ((Number) log.get(1)).longValue(),
          ((Number) log.get(2)).longValue(), windowNs, strideNs);
      perLog.accept(new WindowEmbeddings(windows, embedAll(q, windows)));
      progress.advance(1);
    }
    progress.finish();
  }

  /** Windows [start, start + window) every stride that fit inside [logStart, logEnd]. */
  public static List<Clip> slidingWindows(String logId, long logStart, long logEnd, long windowNs, long strideNs) {
    List<Clip> out = new ArrayList<>();
    for (long s = logStart; s + windowNs - 1 <= logEnd; s += strideNs) {
      out.add(new Clip(logId, s, s + windowNs - 1, 0, List.of()));
    }
    return out;
  }

  private static void loadWindows(DuckDBConnection conn, Statement st, List<Clip> windows) throws SQLException {
    st.execute("CREATE OR REPLACE TEMP TABLE emb_windows (w INTEGER, log_id VARCHAR, start_ns BIGINT, end_ns BIGINT)");
    try (DuckDBAppender a = conn.createAppender("temp", "main", "emb_windows")) {
      for (int i = 0; i < windows.size(); i++) {
        Clip c = windows.get(i);
        a.beginRow().append(i).append(c.logId()).append(c.startNs()).append(c.endNs()).endRow();
      }
    }
  }

  /** The slice of a row's timestamp: slices equal parts of [start_ns, end_ns] (both inclusive). */
  private String sliceExpr(String ts) {
    return "least(" + (recipe.slices() - 1) + ", ((" + ts + " - w.start_ns) * " + recipe.slices()
        + ") // (w.end_ns - w.start_ns + 1))::INTEGER";
  }

  /** Ego frames, mean speed, accel and yaw rate per window and slice; frames per slice go to {@code frames}. */
  private void readEgo(Statement st, float[][] out, double[][] frames) throws SQLException {
    String sql = "SELECT w.w, " + sliceExpr("e.ts_ns") + " AS s, count(*), avg(coalesce(e.speed, 0)),"
        + " avg(coalesce(e.accel, 0)), avg(coalesce(e.yaw_rate, 0))"
        + " FROM emb_windows w JOIN ego e ON e.log_id = w.log_id AND e.ts_ns BETWEEN w.start_ns AND w.end_ns"
        + " GROUP BY ALL";
    double weight = recipe.egoWeight();
    try (ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        int w = rs.getInt(1);
        int s = rs.getInt(2);
        frames[w][s] = rs.getLong(3);
        out[w][recipe.egoIndex(s, 0)] = (float) (weight * rs.getDouble(4) / EmbeddingRecipe.SPEED_SCALE);
        out[w][recipe.egoIndex(s, 1)] = (float) (weight * rs.getDouble(5) / EmbeddingRecipe.ACCEL_SCALE);
        out[w][recipe.egoIndex(s, 2)] = (float) (weight * rs.getDouble(6) / EmbeddingRecipe.YAW_RATE_SCALE);
      }
    }
  }

  /**
   * Object rows per window, slice, group and cell: occupancy is rows per ego frame of the slice, the
   * velocity channels the summed relative velocity per frame (occupancy times mean velocity), so an empty
   * cell is zero in every channel.
   */
  private void readObjects(Statement st, float[][] out, double[][] frames) throws SQLException {
    EmbeddingRecipe r = recipe;
    String sql = "SELECT w.w, " + sliceExpr("o.ts_ns") + " AS s,"
        + " CASE WHEN o.category IN (" + VEHICLES + ") THEN 0 ELSE 1 END AS g,"
        + " floor((o.lon - " + r.lonMin() + ") * " + (r.lonCells() / (r.lonMax() - r.lonMin())) + ")::INTEGER AS cx,"
        + " floor((o.lat - " + r.latMin() + ") * " + (r.latCells() / (r.latMax() - r.latMin())) + ")::INTEGER AS cy,"
        + " count(*), sum(coalesce(o.rel_vlon, 0)), sum(coalesce(o.rel_vlat, 0))"
        + " FROM emb_windows w JOIN objects o ON o.log_id = w.log_id AND o.ts_ns BETWEEN w.start_ns AND w.end_ns"
        + " WHERE o.source = " + LakeViews.quote(r.source())
        + " AND o.category IN (" + VEHICLES + ", " + VRU + ")"
        + " AND o.lon >= " + r.lonMin() + " AND o.lon < " + r.lonMax()
        + " AND o.lat >= " + r.latMin() + " AND o.lat < " + r.latMax()
        + " GROUP BY ALL";
    double vScale = r.velocityScale();
    try (ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        int w = rs.getInt(1);
        int s = rs.getInt(2);
        int cx = Math.min(rs.getInt(4), r.lonCells() - 1);
        int cy = Math.min(rs.getInt(5), r.latCells() - 1);
        double perFrame = 1.0 / Math.max(1, frames[w][s]);
        int base = r.sceneIndex(s, rs.getInt(3), cx, cy, 0);
        out[w][base] = (float) (rs.getLong(6) * perFrame);
        out[w][base + 1] = (float) (rs.getDouble(7) * perFrame / vScale);
        out[w][base + 2] = (float) (rs.getDouble(8) * perFrame / vScale);
      }
    }
  }

  /** Scales {@code v} to unit length in place (a zero vector stays zero). */
  static void normalise(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    if (sum == 0) {
      return;
    }
    float inv = (float) (1 / Math.sqrt(sum));
    for (int i = 0; i < v.length; i++) {
      v[i] *= inv;
    }
  }
}
