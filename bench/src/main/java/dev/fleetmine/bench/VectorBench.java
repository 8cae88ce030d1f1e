package dev.fleetmine.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetmine.vector.ClipMeta;
import dev.fleetmine.vector.ClusteredVectors;
import dev.fleetmine.vector.Hit;
import dev.fleetmine.vector.IndexOptions;
import dev.fleetmine.vector.Similarity;
import dev.fleetmine.vector.VectorDoc;
import dev.fleetmine.vector.VectorFilter;
import dev.fleetmine.vector.VectorIndex;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * {@code bench/run vectors}: builds our Lucene HNSW index on clustered vectors and compares recall@10 and
 * single-thread QPS with hnswlib and FAISS (bench/vectors_peers.py) on the same .npy files.
 */
final class VectorBench {
  static final int K = 10;
  static final int M = 16;
  static final int BEAM = 100;
  static final int[] EFS = {10, 20, 40, 80, 160, 320};
  static final float SPREAD = 1.0f; // points as far from their centre as centres from the origin
  static final int LOGS = 100; // log_id = i % 100, so one log is a 1 % filter

  private VectorBench() {}

  /** One data set: {@code n} base vectors of {@code dim} floats. */
  record Dataset(int n, int dim) {}

  /** Runs every data set, prints one table and writes {@code out/vectors.json}. */
  static void run(List<Dataset> sets, int queries, boolean int8, Path out) throws Exception {
    Map<String, Object> json = new LinkedHashMap<>();
    StringBuilder table = new StringBuilder();
    for (Dataset ds : sets) {
      Map<String, Object> r = runOne(ds, queries, int8, out);
      json.put(ds.n() + "x" + ds.dim(), r);
      appendTable(table, ds, r);
    }
    System.out.println(table);
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.resolve("vectors.json").toFile(), json);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> runOne(Dataset ds, int nq, boolean int8, Path out) throws Exception {
    Path dir = out.resolve("vectors-" + ds.n() + "x" + ds.dim());
    Files.createDirectories(dir);
    ClusteredVectors gen = new ClusteredVectors(ds.dim(), 1000, SPREAD, 11);
    float[][] base = gen.points(ds.n(), 1);
    float[][] queries = gen.points(nq, 2);
    writeNpy(dir.resolve("base.npy"), base);
    writeNpy(dir.resolve("queries.npy"), queries);
    long t0 = System.nanoTime();
    int[][] gt = bruteForce(base, queries, -1);
    System.err.printf("%s: ground truth %.1f s%n", dir.getFileName(), (System.nanoTime() - t0) / 1e9);
    writeNpyInt(dir.resolve("gt.npy"), gt);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("n", ds.n());
    r.put("dim", ds.dim());
    r.put("queries", nq);
    r.put("lucene", lucene(dir.resolve("index"), IndexOptions.of(ds.dim(), Similarity.EUCLIDEAN), base, queries, gt));
    if (int8) {
      IndexOptions o = IndexOptions.of(ds.dim(), Similarity.EUCLIDEAN).withInt8(true);
      r.put("lucene-int8", lucene(dir.resolve("index-int8"), o, base, queries, gt));
    }
    r.putAll(peers(dir));
    return r;
  }

  /** Builds one index single-threaded, then sweeps ef and runs the 1 % filtered queries. */
  private static Map<String, Object> lucene(Path path, IndexOptions o, float[][] base, float[][] queries, int[][] gt)
      throws Exception {
    deleteTree(path);
    Map<String, Object> r = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    try (VectorIndex index = VectorIndex.create(path, o.withHnsw(M, BEAM))) {
      for (int from = 0; from < base.length; from += 10_000) {
        List<VectorDoc> batch = new ArrayList<>(10_000);
        for (int i = from; i < Math.min(base.length, from + 10_000); i++) {
          batch.add(new VectorDoc(Integer.toString(i), base[i],
              new ClipMeta("L" + (i % LOGS), "synthetic", List.of(), List.of(), i, i)));
        }
        index.add(batch);
      }
      index.forceMerge(1);
      double build = (System.nanoTime() - t0) / 1e9;
      long raw = (long) base.length * base[0].length * Float.BYTES;
      r.put("build_s", build);
      r.put("index_bytes", index.bytesOnDisk());
      r.put("bytes_over_raw", index.bytesOnDisk() / (double) raw);
      System.err.printf("%s: built in %.1f s%n", path, build);
      // JIT warm-up: two passes over all queries, so the sweep's first rows are not compile time.
      for (int pass = 0; pass < 2; pass++) {
        for (float[] q : queries) {
          index.search(q, K, 64, VectorFilter.NONE);
        }
      }
      List<Map<String, Object>> sweep = new ArrayList<>();
      for (int ef : EFS) {
        sweep.add(measure(index, queries, gt, ef, VectorFilter.NONE));
      }
      r.put("sweep", sweep);
      r.put("filtered_1pct", filtered(index, base, queries));
    }
    return r;
  }

  /** Recall@10 and single-thread QPS of one ef setting (after a 100-query warm-up). */
  private static Map<String, Object> measure(VectorIndex index, float[][] queries, int[][] gt, int ef, VectorFilter f)
      throws IOException {
    int efk = Math.max(ef, K);
    for (int i = 0; i < Math.min(100, queries.length); i++) {
      index.search(queries[i], K, efk, f);
    }
    long found = 0;
    long t0 = System.nanoTime();
    List<List<Hit>> all = new ArrayList<>(queries.length);
    for (float[] q : queries) {
      all.add(index.search(q, K, efk, f));
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    for (int i = 0; i < queries.length; i++) {
      found += overlap(all.get(i), gt[i]);
    }
    return Map.of("ef", ef, "recall", found / (double) (queries.length * K), "qps", queries.length / secs);
  }

  private static int overlap(List<Hit> hits, int[] truth) {
    int n = 0;
    for (Hit h : hits) {
      int id = Integer.parseInt(h.id());
      for (int t : truth) {
        n += t == id ? 1 : 0;
      }
    }
    return n;
  }

  /** Queries restricted to one of 100 logs (1 % of the vectors): our default search vs exact truth. */
  private static Map<String, Object> filtered(VectorIndex index, float[][] base, float[][] queries) throws IOException {
    int log = 7;
    int[][] gt = bruteForce(base, queries, log);
    VectorFilter f = VectorFilter.NONE.withLogs("L" + log);
    Map<String, Object> r = new LinkedHashMap<>(measure(index, queries, gt, VectorIndex.DEFAULT_EF, f));
    long t0 = System.nanoTime();
    for (float[] q : queries) {
      index.exact(q, K, f);
    }
    r.put("exact_qps", queries.length / ((System.nanoTime() - t0) / 1e9));
    return r;
  }

  /** Exact top-10 by squared L2 for each query (all cores); {@code onlyLog >= 0} keeps rows i % 100 == it. */
  static int[][] bruteForce(float[][] base, float[][] queries, int onlyLog) {
    int[][] out = new int[queries.length][];
    IntStream.range(0, queries.length).parallel().forEach(qi -> {
      float[] q = queries[qi];
      int[] ids = new int[K];
      float[] ds = new float[K];
      Arrays.fill(ds, Float.POSITIVE_INFINITY);
      for (int i = 0; i < base.length; i++) {
        if (onlyLog >= 0 && i % LOGS != onlyLog) {
          continue;
        }
        float[] v = base[i];
        float d = 0;
        for (int j = 0; j < v.length; j++) {
          float x = v[j] - q[j];
          d += x * x;
        }
        if (d < ds[K - 1]) {
          int p = K - 1;
          while (p > 0 && ds[p - 1] > d) {
            ds[p] = ds[p - 1];
            ids[p] = ids[p - 1];
            p--;
          }
          ds[p] = d;
          ids[p] = i;
        }
      }
      out[qi] = ids;
    });
    return out;
  }

  /** Runs bench/vectors_peers.py with Debian's python3 and parses its JSON. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> peers(Path dir) throws Exception {
    Path script = Path.of("bench", "vectors_peers.py").toAbsolutePath();
    if (!Files.exists(script)) {
      script = Path.of(System.getProperty("fleetmine.home", "."), "bench", "vectors_peers.py");
    }
    String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    String efs = String.join(",", Arrays.stream(EFS).mapToObj(Integer::toString).toList());
    Process p = new ProcessBuilder(python, script.toString(), dir.toString(), Integer.toString(M),
        Integer.toString(BEAM), efs).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    byte[] stdout = p.getInputStream().readAllBytes();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("vector peers failed (apt-get install -y python3-hnswlib python3-faiss python3-numpy)");
    }
    return new ObjectMapper().readValue(new String(stdout, StandardCharsets.UTF_8), Map.class);
  }

  @SuppressWarnings("unchecked")
  private static void appendTable(StringBuilder t, Dataset ds, Map<String, Object> r) {
    t.append(String.format("%n%d x %d, %d queries, k=%d, M=%d, efConstruction=%d, 1 thread%n",
        ds.n(), ds.dim(), r.get("queries"), K, M, BEAM));
    t.append(String.format("%-12s %9s %6s %8s %9s%n", "library", "build s", "ef", "recall", "QPS"));
    for (String lib : List.of("lucene", "lucene-int8", "hnswlib", "faiss")) {
      Map<String, Object> l = (Map<String, Object>) r.get(lib);
      if (l == null || l.containsKey("error")) {
        continue;
      }
      for (Map<String, Object> row : (List<Map<String, Object>>) l.get("sweep")) {
        t.append(String.format("%-12s %9.1f %6d %8.4f %9.0f%n", lib, ((Number) l.get("build_s")).doubleValue(),
            ((Number) row.get("ef")).intValue(), ((Number) row.get("recall")).doubleValue(),
            ((Number) row.get("qps")).doubleValue()));
      }
      if (l.containsKey("index_bytes")) {
        Map<String, Object> f = (Map<String, Object>) l.get("filtered_1pct");
        t.append(String.format("%-12s index %.1f MB = %.3f x raw floats; 1%% filter (ef %d): recall %.4f, %.0f QPS"
                + " (exact scan %.0f QPS)%n", lib, ((Number) l.get("index_bytes")).longValue() / 1e6,
            ((Number) l.get("bytes_over_raw")).doubleValue(), VectorIndex.DEFAULT_EF,
            ((Number) f.get("recall")).doubleValue(), ((Number) f.get("qps")).doubleValue(),
            ((Number) f.get("exact_qps")).doubleValue()));
      }
    }
  }

  /** Writes a float32 .npy file (little-endian, C order). */
  static void writeNpy(Path file, float[][] rows) throws IOException {
    try (FileChannel ch = open(file, "<f4", rows.length, rows[0].length)) {
      ByteBuffer buf = ByteBuffer.allocate(rows[0].length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      for (float[] row : rows) {
        buf.clear();
        buf.asFloatBuffer().put(row);
        ch.write(buf);
      }
    }
  }

  /** Writes an int32 .npy file. */
  static void writeNpyInt(Path file, int[][] rows) throws IOException {
    try (FileChannel ch = open(file, "<i4", rows.length, rows[0].length)) {
      ByteBuffer buf = ByteBuffer.allocate(rows[0].length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      for (int[] row : rows) {
        buf.clear();
        buf.asIntBuffer().put(row);
        ch.write(buf);
      }
    }
  }

  private static FileChannel open(Path file, String descr, int n, int d) throws IOException {
    String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + n + ", " + d + "), }";
    int total = 10 + header.length() + 1;
    header = header + " ".repeat((64 - total % 64) % 64) + "\n";
    ByteBuffer pre = ByteBuffer.allocate(10 + header.length()).order(ByteOrder.LITTLE_ENDIAN);
    pre.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
    pre.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII)).flip();
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
    ch.write(pre);
    return ch;
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (var s = Files.walk(p)) {
      for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
