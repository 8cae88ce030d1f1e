package dev.fleetmine.vector;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.lake.Lake;
import dev.fleetmine.lake.LakeViews;
import dev.fleetmine.lake.LogEntry;
import dev.fleetmine.lake.Table;
import dev.fleetmine.query.Clip;
import dev.fleetmine.query.LakeQuery;
import dev.fleetmine.vector.embed.ClipEmbedder;
import dev.fleetmine.vector.embed.EmbeddingRecipe;
import dev.fleetmine.vector.embed.OnnxEmbedder;
import dev.fleetmine.vector.embed.ScenarioEmbedder;
import dev.fleetmine.vector.embed.WindowEmbeddings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * "More like this" over a lake: scenario embeddings of every log's sliding windows
 * ({@link ScenarioEmbedder}) in a Lucene HNSW {@link VectorIndex} kept beside the lake in
 * {@code vectors/clips}, with each window's log, source format, categories and scenario tags as filters.
 *
 * <p>The index is derived data and updated incrementally: {@code indexed.json} records, per log, the
 * objects file its windows were computed from; a build embeds only logs that are new or were re-ingested
 * (their windows are deleted first) and deletes the windows of logs no longer in the snapshot. Windows are
 * identified by {@link Clip#id()} ({@code log@start-end}).
 */
public final class ClipIndex implements AutoCloseable {
  /** Window length and stride of the indexed windows, seconds. */
  public static final double WINDOW_S = 8;
  public static final double STRIDE_S = 2;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Name of the default clip index (built-in scenario embeddings), {@code vectors/clips}. */
  public static final String DEFAULT_NAME = "clips";
  private static final String EMBEDDER_FILE = "embedder.json";

  private final VectorIndex index;
  private final ClipEmbedder embedder;

  private ClipIndex(VectorIndex index, ClipEmbedder embedder) {
    this.index = index;
    this.embedder = embedder;
  }

  /**
   * What a build did.
   *
   * @param rebuilt whether the index was emptied first because it had been built with another embedder
   */
  public record Built(int logsEmbedded, int logsRemoved, int windowsAdded, int windowsTotal, long bytesOnDisk, Duration elapsed,
      boolean rebuilt) {}

  /** Where a lake keeps its default clip index. */
  public static Path directory(Lake lake) {
    return directory(lake, DEFAULT_NAME);
  }

  /** Where a lake keeps the clip index {@code name} ({@code vectors/NAME}). */
  public static Path directory(Lake lake, String name) {
    return DEFAULT_NAME.equals(name) ? lake.root().resolve("vectors").resolve(DEFAULT_NAME) : ImportedVectors.directory(lake, name);
  }

  /** Brings the lake's default clip index (built-in scenario embeddings) up to date with its current snapshot. */
  public static Built build(Lake lake, Progress progress) {
    return build(lake, DEFAULT_NAME, new ScenarioEmbedder(EmbeddingRecipe.DEFAULT), progress);
  }

  /**
   * Brings the clip index {@code name} up to date with the lake's current snapshot, embedding windows with
   * {@code embedder} (for example a user's {@link OnnxEmbedder}). An index built with another embedder (another
   * model file or model bytes) is emptied and rebuilt; vectors are stored at unit length.
   */
  public static Built build(Lake lake, String name, ClipEmbedder embedder, Progress progress) {
    long t0 = System.nanoTime();
    Path dir = directory(lake, name);
    Map<String, String> want = new TreeMap<>(embedder.describe());
    boolean rebuilt = false;
    try {
      if (hasIndex(dir) && !readEmbedder(dir, name).equals(want)) {
        Lake.deleteTreeQuietly(dir);
        rebuilt = true;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the clip index in " + dir + ": " + e.getMessage(), e);
    }
    try (LakeQuery q = LakeQuery.open(lake);
        VectorIndex index = hasIndex(dir) ? VectorIndex.open(dir)
            : VectorIndex.create(dir, IndexOptions.of(embedder.dimension(), Similarity.DOT_PRODUCT))) {
      writeEmbedder(dir, want);
      Map<String, String> indexed = readState(dir);
      Map<String, String> current = new TreeMap<>();
      for (LogEntry e : q.snapshot().entries()) {
        current.put(e.logId(), e.file(Table.OBJECTS));
      }
      int removed = 0;
      for (String log : List.copyOf(indexed.keySet())) {
        if (!current.containsKey(log) || !current.get(log).equals(indexed.get(log))) {
          index.deleteLog(log);
          indexed.remove(log);
          removed++;
        }
      }
      List<String> todo = current.keySet().stream().filter(l -> !indexed.containsKey(l)).toList();
      Map<String, String> sources = sources(q);
      int[] added = {0};
      progress.start("embedding logs", todo.size());
      for (String log : todo) {
        List<Clip> windows = windows(q, log);
        WindowEmbeddings w = new WindowEmbeddings(windows, unit(embedder.embedAll(q, windows), windows));
        List<VectorDoc> docs = new ArrayList<>();
        Map<String, List<String>> categories = categories(q, windows);
        Map<String, List<String>> tags = tags(q, windows);
        for (int i = 0; i < w.size(); i++) {
          Clip c = w.windows().get(i);
          docs.add(new VectorDoc(c.id(), w.vectors()[i], new ClipMeta(log, sources.getOrDefault(log, ""),
              categories.getOrDefault(c.id(), List.of()), tags.getOrDefault(c.id(), List.of()), c.startNs(), c.endNs())));
        }
        index.add(docs);
        added[0] += docs.size();
        indexed.put(log, current.get(log));
        progress.advance(1);
      }
      progress.finish();
      index.commit();
      writeState(dir, indexed);
      return new Built(todo.size(), removed, added[0], index.size(), index.bytesOnDisk(),
          Duration.ofNanos(System.nanoTime() - t0), rebuilt);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the clip index in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Opens the lake's default clip index (build it first). */
  public static ClipIndex open(Lake lake) {
    return open(lake, DEFAULT_NAME);
  }

  /**
   * Opens the clip index {@code name} with the embedder it was built with (for an ONNX index: its model file,
   * which must still hold the same bytes).
   */
  public static ClipIndex open(Lake lake, String name) {
    Path dir = directory(lake, name);
    if (!hasIndex(dir)) {
      throw new IllegalArgumentException(DEFAULT_NAME.equals(name)
          ? "the lake has no clip index yet; run `fleetmine index` first (" + dir + ")"
          : "the lake has no clip index '" + name + "'; build it with `fleetmine index --model FILE.onnx --name " + name
              + "` (" + dir + ")");
    }
    try {
      ClipEmbedder e = embedderFor(dir, readEmbedder(dir, name));
      try {
        return new ClipIndex(VectorIndex.open(dir), e);
      } catch (IOException | RuntimeException ex) {
        closeEmbedder(e);
        throw ex;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the clip index " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Whether {@code name} names a clip index (built by {@link #build}) rather than imported vectors. */
  public static boolean isClipIndex(Lake lake, String name) {
    Path dir = directory(lake, name);
    return hasIndex(dir) && (DEFAULT_NAME.equals(name) || Files.exists(dir.resolve(EMBEDDER_FILE)));
  }

  /**
   * A user's ONNX model as an embedder, with a clear message when ONNX Runtime for Java (an optional
   * dependency) is not on the class path.
   */
  public static ClipEmbedder onnxEmbedder(Path modelFile) {
    try {
      return OnnxEmbedder.open(modelFile);
    } catch (NoClassDefFoundError e) {
      throw new IllegalStateException("running an ONNX model needs ONNX Runtime for Java on the class path"
          + " (com.microsoft.onnxruntime:onnxruntime:1.29.0, an optional dependency: see docs/similarity.md); missing "
          + e.getMessage(), e);
    }
  }

  private static boolean hasIndex(Path dir) {
    try (var files = Files.isDirectory(dir) ? Files.list(dir) : java.util.stream.Stream.<Path>empty()) {
      return files.anyMatch(f -> f.getFileName().toString().startsWith("segments"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The embedder description saved with an index; a default index from before descriptions is the default recipe. */
  private static Map<String, String> readEmbedder(Path dir, String name) throws IOException {
    Path f = dir.resolve(EMBEDDER_FILE);
    if (!Files.exists(f)) {
      if (DEFAULT_NAME.equals(name)) {
        return new TreeMap<>(new ScenarioEmbedder(EmbeddingRecipe.DEFAULT).describe());
      }
      throw new IllegalArgumentException(dir + " holds imported embeddings (`fleetmine index --import`), not a clip index;"
          + " search it with `fleetmine similar --index " + name + " --vector FILE.npy` or choose another --name");
    }
    Map<String, String> out = new TreeMap<>();
    JSON.readTree(f.toFile()).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private static void writeEmbedder(Path dir, Map<String, String> description) throws IOException {
    ObjectNode n = JSON.createObjectNode();
    description.forEach(n::put);
    Path tmp = dir.resolve("." + EMBEDDER_FILE + ".tmp");
    JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), n);
    Files.move(tmp, dir.resolve(EMBEDDER_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static ClipEmbedder embedderFor(Path dir, Map<String, String> d) {
    String kind = d.getOrDefault("kind", "");
    if (kind.equals("scenario")) {
      ScenarioEmbedder e = new ScenarioEmbedder(EmbeddingRecipe.DEFAULT);
      if (!e.describe().get("recipe").equals(d.get("recipe"))) {
        throw new IllegalArgumentException("the clip index " + dir + " was built with recipe " + d.get("recipe")
            + ", not this version's " + e.recipe() + "; rebuild it with `fleetmine index`");
      }
      return e;
    }
    if (kind.equals("onnx")) {
      Path model = Path.of(d.getOrDefault("model", ""));
      if (!Files.isRegularFile(model)) {
        throw new IllegalArgumentException("the clip index " + dir + " was built with the ONNX model " + model
            + ", which is no longer there; rebuild with `fleetmine index --model FILE.onnx --name " + dir.getFileName() + "`");
      }
      String sha = OnnxEmbedder.sha256(model);
      if (!sha.equals(d.get("sha256"))) {
        throw new IllegalArgumentException("the ONNX model " + model + " changed since the clip index " + dir
            + " was built (sha256 " + d.get("sha256") + ", now " + sha + "); rebuild with `fleetmine index --model "
            + model + " --name " + dir.getFileName() + "`");
      }
      return onnxEmbedder(model);
    }
    throw new IllegalArgumentException(dir.resolve(EMBEDDER_FILE) + ": field 'kind' is '" + kind
        + "'; expected scenario or onnx");
  }

  /**
   * Vectors scaled to unit length (the index compares by dot product). An all-zero vector (a window with
   * nothing in it) stays zero, as the built-in embedding leaves it; a non-finite one names its window.
   */
  private static float[][] unit(float[][] vectors, List<Clip> windows) {
    for (int i = 0; i < vectors.length; i++) {
      double n = 0;
      for (float x : vectors[i]) {
        n += (double) x * x;
      }
      if (!Double.isFinite(n)) {
        throw new IllegalStateException("the embedder returned a non-finite vector for window " + windows.get(i).id());
      }
      if (n > 0) {
        float inv = (float) (1 / Math.sqrt(n));
        for (int j = 0; j < vectors[i].length; j++) {
          vectors[i][j] *= inv;
        }
      }
    }
    return vectors;
  }

  private static void closeEmbedder(ClipEmbedder e) {
    if (e instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing a model session after a failed open: nothing more to do
      }
    }
  }

  /**
   * Clips most similar to {@code clip}'s scene, best first, from other logs, the best window of each
   * ({@link HitSpread#OTHER_LOGS}).
   */
  public List<Hit> similar(LakeQuery q, Clip clip, int k, VectorFilter filter) {
    return similar(q, clip, k, filter, HitSpread.OTHER_LOGS);
  }

  /**
   * Clips most similar to {@code clip}'s scene, best first: the clip is embedded as the indexed windows are
   * (a {@link #WINDOW_S} window centred on it, so short clips compare like with like), then the best
   * windows are taken that overlap neither the clip itself nor an earlier hit of the same log (neighbouring
   * windows of one stretch of road would otherwise fill the list with near-copies), spread over logs as
   * {@code spread} says.
   */
  public List<Hit> similar(LakeQuery q, Clip clip, int k, VectorFilter filter, HitSpread spread) {
    long mid = clip.startNs() / 2 + clip.endNs() / 2;
    long half = Math.round(WINDOW_S * 1e9) / 2;
    Clip window = new Clip(clip.logId(), mid - half, mid + half - 1, 0, List.of());
    float[] v = unit(embedder.embedAll(q, List.of(window)), List.of(window))[0];
    ClipMeta query = new ClipMeta(clip.logId(), "", List.of(), List.of(), Math.min(clip.startNs(), window.startNs()),
        Math.max(clip.endNs(), window.endNs()));
    try {
      return spread.search(index, v, k, filter, query);
    } catch (IOException e) {
      throw new UncheckedIOException("clip search failed: " + e.getMessage(), e);
    }
  }

  /**
   * A pair of windows from different places of the fleet (different logs, or far apart in one log) whose
   * scenes are near-identical.
   *
   * @param a     one window
   * @param b     the other
   * @param score the index's similarity (for unit vectors (1 + cos) / 2)
   */
  public record Duplicate(String a, String b, float score) {}

  /**
   * Near-duplicate windows: every window's nearest other windows (batch k-NN over the whole index), kept
   * when the score reaches {@code threshold} and the two do not overlap in time; each pair once, best first.
   * Used to thin a dataset of clips that show the same scene (e.g. long waits at one light).
   */
  public List<Duplicate> duplicates(double threshold, int neighbours) {
    java.util.TreeMap<String, Duplicate> pairs = new java.util.TreeMap<>();
    try {
      // the vectors the index holds, not re-embedded: the same numbers the search compares
      index.scan(1024, batch -> {
        float[][] queries = new float[batch.size()][];
        for (int i = 0; i < queries.length; i++) {
          queries[i] = batch.get(i).vector();
        }
        List<List<Hit>> hits = index.searchBatch(queries, neighbours + HitSpread.overlapAllowance(), VectorFilter.NONE);
        for (int i = 0; i < batch.size(); i++) {
          VectorDoc w = batch.get(i);
          for (Hit h : hits.get(i)) {
            if (h.score() >= threshold && !HitSpread.overlaps(w.meta(), h.meta())) {
              String a = w.id().compareTo(h.id()) < 0 ? w.id() : h.id();
              String b = a.equals(w.id()) ? h.id() : w.id();
              pairs.putIfAbsent(a + " " + b, new Duplicate(a, b, h.score()));
            }
          }
        }
      });
    } catch (IOException ex) {
      throw new UncheckedIOException("duplicate search failed: " + ex.getMessage(), ex);
    }
    List<Duplicate> out = new ArrayList<>(pairs.values());
    out.sort((x, y) -> Float.compare(y.score(), x.score()));
    return out;
  }

  /** Windows most similar to a given vector (e.g. from the user's own model, same dimension and recipe), as they are. */
  public List<Hit> similar(float[] vector, int k, VectorFilter filter) {
    try {
      return index.search(vector, k, filter);
    } catch (IOException e) {
      throw new UncheckedIOException("vector search failed: " + e.getMessage(), e);
    }
  }

  /** Windows most similar to a given vector, spread over logs as {@code spread} says (no query log to exclude). */
  public List<Hit> similar(float[] vector, int k, VectorFilter filter, HitSpread spread) {
    try {
      return spread.search(index, vector, k, filter, null);
    } catch (IOException e) {
      throw new UncheckedIOException("vector search failed: " + e.getMessage(), e);
    }
  }

  /** The embedding dimension of the index. */
  public int dimension() {
    return index.options().dimension();
  }

  /** What this index embeds with. */
  public ClipEmbedder embedder() {
    return embedder;
  }

  @Override
  public void close() {
    try {
      index.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      closeEmbedder(embedder);
    }
  }

  private static List<Clip> windows(LakeQuery q, String log) {
    List<Object> row = q.rows("SELECT start_ns, end_ns FROM logs WHERE log_id = " + LakeViews.quote(log)).values().get(0);
    return ScenarioEmbedder.slidingWindows(log, ((Number) row.get(0)).longValue(), ((Number) row.get(1)).longValue(),
        Math.round(WINDOW_S * 1e9), Math.round(STRIDE_S * 1e9));
  }

  private static Map<String, String> sources(LakeQuery q) {
    Map<String, String> out = new HashMap<>();
    q.rows("SELECT log_id, source_format FROM logs").values().forEach(r -> out.put((String) r.get(0), (String) r.get(1)));
    return out;
  }

  /** Per window id: the ground-truth categories seen within 60 m of ego during the window. */
  private static Map<String, List<String>> categories(LakeQuery q, List<Clip> windows) {
    return perWindow(q, windows, "SELECT w.id, list(DISTINCT o.category ORDER BY o.category) FROM w JOIN objects o"
        + " ON o.log_id = w.log_id AND o.ts_ns BETWEEN w.start_ns AND w.end_ns WHERE o.source = 'gt' AND o.distance < 60"
        + " GROUP BY w.id");
  }

  /** Per window id: the scenario tags whose clips overlap the window. */
  private static Map<String, List<String>> tags(LakeQuery q, List<Clip> windows) {
    return perWindow(q, windows, "SELECT w.id, list(DISTINCT t.scenario ORDER BY t.scenario) FROM w JOIN tags t"
        + " ON t.log_id = w.log_id AND t.start_ns <= w.end_ns AND w.start_ns <= t.end_ns GROUP BY w.id");
  }

  private static Map<String, List<String>> perWindow(LakeQuery q, List<Clip> windows, String select) {
    String values = windows.stream().map(c -> "(" + LakeViews.quote(c.id()) + ", " + LakeViews.quote(c.logId()) + ", " + c.startNs()
        + ", " + c.endNs() + ")").collect(java.util.stream.Collectors.joining(", "));
    Map<String, List<String>> out = new HashMap<>();
    if (windows.isEmpty()) {
      return out;
    }
    String sql = "WITH w(id, log_id, start_ns, end_ns) AS (VALUES " + values + ") " + select;
    for (List<Object> r : q.rows(sql).values()) {
      out.put((String) r.get(0), strings(r.get(1)));
    }
    return out;
  }

  private static List<String> strings(Object array) {
    try {
      Object[] a = (Object[]) ((java.sql.Array) array).getArray();
      List<String> out = new ArrayList<>();
      for (Object o : a) {
        out.add(String.valueOf(o));
      }
      return out;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> readState(Path dir) throws IOException {
    Path f = dir.resolve("indexed.json");
    Map<String, String> out = new TreeMap<>();
    if (Files.exists(f)) {
      JSON.readTree(f.toFile()).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }

  private static void writeState(Path dir, Map<String, String> indexed) throws IOException {
    ObjectNode n = JSON.createObjectNode();
    indexed.forEach(n::put);
    Path tmp = dir.resolve(".indexed.json.tmp");
    JSON.writeValue(tmp.toFile(), n);
    Files.move(tmp, dir.resolve("indexed.json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
