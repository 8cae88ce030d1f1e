package dev.fleetmine.select;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetmine.eval.ForecastEvaluation;
import dev.fleetmine.eval.det3d.Box3d;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.lake.CurationStore;
import dev.fleetmine.lake.Lake;
import dev.fleetmine.lake.LakeException;
import dev.fleetmine.query.Clip;
import dev.fleetmine.query.ClipRef;
import dev.fleetmine.query.LakeQuery;
import dev.fleetmine.query.ScenarioLibrary;
import dev.fleetmine.vector.ClipIndex;
import dev.fleetmine.vector.embed.EmbeddingRecipe;
import dev.fleetmine.vector.embed.ScenarioEmbedder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Runs a selection on a lake: reads the candidates ({@link Candidates}), the inputs its strategy needs
 * (model scores from the {@code objects} view, scenario embeddings, tags or classes for balance), picks
 * with {@link Selector} and saves the result with {@link SelectionStore}, every input in
 * {@link Selection#params()} so that {@link #reproduce} gives the same picks on the same lake.
 *
 * <p>Inputs per candidate clip [start, end]: a model's detections are its rows in {@code objects} with
 * {@code start <= ts_ns <= end}; the embedding is {@link ScenarioEmbedder}'s vector of the
 * {@link ClipIndex#WINDOW_S} window centred on the clip (as {@code fleetmine similar} embeds a clip); its
 * tags are the scenarios of the {@code tags} table whose clips overlap it (failure tags {@code fn:},
 * {@code fp:}, {@code fde:} excluded); its classes are the ground-truth categories seen in it. With
 * {@code excludeLabeled}, candidates overlapping a clip of a labeling batch
 * ({@code curation/batches/* /batch.json}, array {@code clips}) are dropped, and those labeled clips are the
 * initial centres of a diversity stage.
 */
public final class LakeSelection {
  private LakeSelection() {}

  /**
   * What to select.
   *
   * @param id             the selection's name
   * @param candidates     where candidates come from
   * @param strategy       the strategy spec ({@link Strategy#parse})
   * @param model          model whose scores feed uncertainty (and model A of disagreement); null if unused
   * @param secondModel    model B of disagreement; null if unused
   * @param budget         how many clips
   * @param seed           seed of the random first pick of a diversity-only run
   * @param rarityK        k of the k-th nearest neighbour distance
   * @param balance        balance targets, or null
   * @param excludeLabeled drop candidates already in labeling batches
   * @param scoreScale     {@code auto}, {@code probability} or {@code logit}
   * @param threads        threads of the k-center update (does not change the result)
   */
  public record Request(String id, Candidates candidates, String strategy, String model, String secondModel, int budget,
      long seed, int rarityK, Balance balance, boolean excludeLabeled, String scoreScale, int threads) {
    public Request {
      CurationStore.checkName("selection", id);
      requireNonNull(candidates, "candidates is null");
      Strategy.parse(strategy);
      if (budget < 1) {
        throw new IllegalArgumentException("budget must be >= 1, got " + budget);
      }
      if (rarityK < 1) {
        throw new IllegalArgumentException("rarity k must be >= 1, got " + rarityK);
      }
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be >= 1, got " + threads);
      }
      if (!List.of("auto", "probability", "logit").contains(scoreScale)) {
        Uncertainty.ScoreScale.parse(scoreScale);
      }
    }

    /** The same request under another id. */
    public Request withId(String newId) {
      return new Request(newId, candidates, strategy, model, secondModel, budget, seed, rarityK, balance, excludeLabeled,
          scoreScale, threads);
    }
  }

  /** Runs the request and saves the selection (fails, writing nothing, if the id exists or the input is bad). */
  public static Selection run(Lake lake, Request r, ScenarioLibrary library, Progress progress) {
    Selection s = compute(lake, r, library, progress);
    return new SelectionStore(lake).save(s);
  }

  /** Runs the request without saving. */
  public static Selection compute(Lake lake, Request r, ScenarioLibrary library, Progress progress) {
    Strategy strategy = Strategy.parse(r.strategy());
    if (new SelectionStore(lake).ids().contains(r.id())) {
      throw new IllegalArgumentException("selection '" + r.id() + "' already exists; selections are immutable, choose another id");
    }
    try (LakeQuery q = LakeQuery.open(lake)) {
      List<ClipRef> all = r.candidates().clips(q, library);
      List<ClipRef> labeled = r.excludeLabeled() ? labeledClips(lake) : List.of();
      List<ClipRef> cands = all.stream().filter(c -> labeled.stream().noneMatch(c::overlaps)).toList();
      if (cands.isEmpty()) {
        throw new IllegalArgumentException("no candidates: " + r.candidates().spec() + " gives " + all.size() + " clip(s)"
            + (all.isEmpty() ? "" : ", all of them already labeled"));
      }
      Map<String, String> params = new TreeMap<>();
      params.put("candidates", r.candidates().spec());
      params.put("candidate_count", Integer.toString(cands.size()));
      params.put("budget", Integer.toString(r.budget()));
      params.put("seed", Long.toString(r.seed()));
      params.put("exclude_labeled", Boolean.toString(r.excludeLabeled()));
      if (r.excludeLabeled()) {
        params.put("labeled_clips", Integer.toString(labeled.size()));
      }
      Map<String, double[]> scores = new LinkedHashMap<>();
      for (Strategy.Term t : strategy.scored()) {
        switch (t.name()) {
          case "uncertainty" -> {
            String model = requireModel(q, r.model(), "uncertainty");
            List<double[]> raw = modelScores(q, cands, model);
            Uncertainty.ScoreScale scale = r.scoreScale().equals("auto")
                ? Uncertainty.ScoreScale.detect(raw.stream().flatMapToDouble(java.util.Arrays::stream).toArray())
                : Uncertainty.ScoreScale.parse(r.scoreScale());
            params.put("model", model);
            params.put("score_scale", scale.name().toLowerCase(java.util.Locale.ROOT));
            params.put("uncertainty_aggregate", "mean over the clip's detections");
            scores.put(t.key(), Uncertainty.clips(raw, scale, t.measure()));
          }
          case "rarity" -> {
            params.put("rarity_k", Integer.toString(r.rarityK()));
            scores.put(t.key(), Rarity.kthNeighbourDistance(embed(q, cands), r.rarityK()));
          }
          case "disagreement" -> {
            String a = requireModel(q, r.model(), "disagreement (model A)");
            String b = requireModel(q, r.secondModel(), "disagreement (model B, --model-b)");
            params.put("model", a);
            params.put("model_b", b);
            List<List<Disagreement.Box>> boxesA = boxes(q, cands, a);
            List<List<Disagreement.Box>> boxesB = boxes(q, cands, b);
            double[] d = new double[cands.size()];
            for (int i = 0; i < d.length; i++) {
              d[i] = Disagreement.clip(boxesA.get(i), boxesB.get(i));
            }
            scores.put(t.key(), d);
          }
          default -> throw new IllegalStateException(t.name());
        }
      }
      float[][] embeddings = null;
      float[][] labeledEmb = new float[0][];
      if (strategy.has("diversity")) {
        embeddings = embed(q, cands);
        labeledEmb = embed(q, labeled);
        params.put("pool_factor", Integer.toString(Selector.POOL_FACTOR));
      }
      if (strategy.has("diversity") || strategy.has("rarity")) {
        params.put("embedding", "ScenarioEmbedder " + EmbeddingRecipe.DEFAULT.dimension() + "-d, "
            + ClipIndex.WINDOW_S + " s window centred on the clip");
      }
      List<Set<String>> groups = null;
      if (r.balance() != null) {
        params.put("balance", r.balance().spec());
        groups = r.balance().key().equals("tag") ? tags(q, cands) : classes(q, cands);
      }
      boolean diversity = strategy.has("diversity");
      if (diversity) {
        progress.start("k-center greedy picks", Math.min(r.budget(), cands.size()));
      }
      List<Selector.Pick> picks = Selector.select(strategy, r.balance(),
          new Selector.Inputs(cands.size(), scores, embeddings, labeledEmb, groups, cands), r.budget(), r.seed(), r.threads(),
          diversity ? done -> progress.advance(1) : done -> { });
      if (diversity) {
        progress.finish();
      }
      List<Selection.Item> items = picks.stream()
          .map(p -> new Selection.Item(cands.get(p.index()), p.score(), p.components())).toList();
      return new Selection(r.id(), r.strategy(), params, q.snapshot().version(), System.currentTimeMillis(), items);
    }
  }

  /** Runs a saved selection's inputs again (on the lake as it is now), under a new id, without saving. */
  public static Selection reproduce(Lake lake, Selection saved, String newId, ScenarioLibrary library) {
    Map<String, String> p = saved.params();
    Request r = new Request(newId, Candidates.parse(p.get("candidates")), saved.strategy(), p.get("model"),
        p.get("model_b"), Integer.parseInt(p.get("budget")), Long.parseLong(p.get("seed")),
        Integer.parseInt(p.getOrDefault("rarity_k", "10")), p.containsKey("balance") ? Balance.parse(p.get("balance")) : null,
        Boolean.parseBoolean(p.get("exclude_labeled")), p.getOrDefault("score_scale", "auto"), 2);
    return compute(lake, r, library, Progress.NONE);
  }

  /** Clips of every labeling batch, {@code curation/batches/* /batch.json} field {@code clips}. */
  public static List<ClipRef> labeledClips(Lake lake) {
    Path batches = CurationStore.of(lake).root().resolve("batches");
    List<ClipRef> out = new ArrayList<>();
    try {
      for (String b : CurationStore.list(batches)) {
        Path f = batches.resolve(b).resolve("batch.json");
        if (!Files.isRegularFile(f)) {
          continue;
        }
        JsonNode clips = CurationStore.readJson(f).get("clips");
        if (clips == null || !clips.isArray()) {
          throw new IllegalArgumentException(f + ": expected an array field 'clips' of clip ids (LOG@START_NS-END_NS)");
        }
        for (int i = 0; i < clips.size(); i++) {
          JsonNode c = clips.get(i);
          try {
            out.add(ClipRef.parse(c.isTextual() ? c.asText() : c.path("clip_id").asText(c.toString())));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(f + ": clips[" + i + "]: " + e.getMessage(), e);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read labeling batches in " + batches + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static String requireModel(LakeQuery q, String model, String what) {
    List<String> models = q.rows("SELECT DISTINCT source FROM objects WHERE source <> 'gt' ORDER BY source").values()
        .stream().map(row -> (String) row.get(0)).toList();
    if (model == null) {
      throw new IllegalArgumentException(what + " needs a model (--model); models in the lake: "
          + (models.isEmpty() ? "(none)" : String.join(", ", models)));
    }
    if (!models.contains(model)) {
      throw new IllegalArgumentException("unknown model '" + model + "'; models in the lake: "
          + (models.isEmpty() ? "(none)" : String.join(", ", models)));
    }
    return model;
  }

  /** Raw scores of the model's detections per candidate, in a fixed order (ts, track, category, score). */
  static List<double[]> modelScores(LakeQuery q, List<ClipRef> cands, String model) {
    List<List<Double>> acc = new ArrayList<>();
    cands.forEach(c -> acc.add(new ArrayList<>()));
    query(q, cands, "SELECT c.i, o.score FROM sel_cands c JOIN objects o ON o.log_id = c.log_id"
        + " AND o.ts_ns BETWEEN c.start_ns AND c.end_ns WHERE o.source = " + dev.fleetmine.lake.LakeViews.quote(model)
        + " AND o.score IS NOT NULL ORDER BY c.i, o.ts_ns, o.track_id, o.category, o.score", rs -> acc.get(rs.getInt(1))
        .add(rs.getDouble(2)));
    return acc.stream().map(l -> l.stream().mapToDouble(Double::doubleValue).toArray()).toList();
  }

  private static List<List<Disagreement.Box>> boxes(LakeQuery q, List<ClipRef> cands, String model) {
    List<List<Disagreement.Box>> acc = new ArrayList<>();
    cands.forEach(c -> acc.add(new ArrayList<>()));
    query(q, cands, "SELECT c.i, o.ts_ns, o.category, o.x, o.y, coalesce(o.z, 0), o.length, o.width, o.height, o.yaw"
        + " FROM sel_cands c JOIN objects o ON o.log_id = c.log_id AND o.ts_ns BETWEEN c.start_ns AND c.end_ns"
        + " WHERE o.source = " + dev.fleetmine.lake.LakeViews.quote(model)
        + " ORDER BY c.i, o.ts_ns, o.track_id, o.category, o.x, o.y", rs -> acc.get(rs.getInt(1)).add(
            new Disagreement.Box(rs.getLong(2), rs.getString(3), new Box3d(rs.getDouble(4), rs.getDouble(5),
                rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), rs.getDouble(9), rs.getDouble(10)))));
    return acc;
  }

  /** Per candidate: scenario tags overlapping it (failure tags excluded), sorted. */
  private static List<Set<String>> tags(LakeQuery q, List<ClipRef> cands) {
    List<Set<String>> acc = new ArrayList<>();
    cands.forEach(c -> acc.add(new TreeSet<>()));
    query(q, cands, "SELECT DISTINCT c.i, t.scenario FROM sel_cands c JOIN tags t ON t.log_id = c.log_id"
        + " AND t.start_ns <= c.end_ns AND c.start_ns <= t.end_ns", rs -> {
          String tag = rs.getString(2);
          if (!ForecastEvaluation.isFailureTag(tag)) {
            acc.get(rs.getInt(1)).add(tag);
          }
        });
    return acc;
  }

  /** Per candidate: ground-truth categories seen in it. */
  private static List<Set<String>> classes(LakeQuery q, List<ClipRef> cands) {
    List<Set<String>> acc = new ArrayList<>();
    cands.forEach(c -> acc.add(new TreeSet<>()));
    query(q, cands, "SELECT DISTINCT c.i, o.category FROM sel_cands c JOIN objects o ON o.log_id = c.log_id"
        + " AND o.ts_ns BETWEEN c.start_ns AND c.end_ns WHERE o.source = 'gt'", rs -> acc.get(rs.getInt(1)).add(rs.getString(2)));
    return acc;
  }

  /** Scenario embeddings of the {@link ClipIndex#WINDOW_S} windows centred on the clips. */
  static float[][] embed(LakeQuery q, List<ClipRef> clips) {
    long half = Math.round(ClipIndex.WINDOW_S * 1e9) / 2;
    List<Clip> windows = clips.stream().map(c -> {
      long mid = c.startNs() / 2 + c.endNs() / 2;
      return new Clip(c.logId(), mid - half, mid + half - 1, 0, List.of());
    }).toList();
    return new ScenarioEmbedder(EmbeddingRecipe.DEFAULT).embedAll(q, windows);
  }

  private interface RowHandler {
    void row(ResultSet rs) throws SQLException;
  }

  /** Loads the candidates into temp table {@code sel_cands(i, log_id, start_ns, end_ns)} and runs {@code sql}. */
  private static void query(LakeQuery q, List<ClipRef> cands, String sql, RowHandler handler) {
    try (Statement st = q.connection().createStatement()) {
      st.execute("CREATE OR REPLACE TEMP TABLE sel_cands (i INTEGER, log_id VARCHAR, start_ns BIGINT, end_ns BIGINT)");
      try (DuckDBAppender a = ((DuckDBConnection) q.connection()).createAppender("temp", "main", "sel_cands")) {
        for (int i = 0; i < cands.size(); i++) {
          ClipRef c = cands.get(i);
          a.beginRow().append(i).append(c.logId()).append(c.startNs()).append(c.endNs()).endRow();
        }
      }
      try (ResultSet rs = st.executeQuery(sql)) {
        while (rs.next()) {
          handler.row(rs);
        }
      }
      st.execute("DROP TABLE IF EXISTS sel_cands");
    } catch (SQLException e) {
      throw new LakeException("selection query failed: " + e.getMessage() + "\n" + sql, e);
    }
  }
}
