package dev.fleetmine.vector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexWriterConfig.OpenMode;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.AcceptDocs;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RescoreTopNQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.Bits;

/**
 * A Lucene HNSW index of clip vectors with filterable metadata, in one directory.
 *
 * <p>Filtered searches (measured on Lucene 10.3.2, see docs/benchmarks.md): Lucene evaluates the filter
 * per segment first. If at most ~k documents pass, it searches them exactly; otherwise it walks the HNSW
 * graph collecting only accepted documents and, once it has visited more nodes than pass the filter, throws
 * that walk away and scans the filtered documents exactly. So recall stays at HNSW level for loose filters
 * and 1.0 for selective ones, but a selective filter paid for a useless graph walk first (at 1 % of 200k
 * vectors: 500-1,400 QPS against 2,700 for the scan alone). We therefore scan at once when matches^2 <=
 * ef * live documents (where the walk would give up, see {@code exactIsCheaper}). We keep Lucene's
 * default strategy ({@code KnnSearchStrategy.Hnsw.DEFAULT}, threshold 0): its ACORN-style search that
 * explores only filtered nodes measured recall@10 0.20-0.45 at 1 % selectivity on the same data. The
 * candidate list is widened with {@code ef}, which Lucene spells as the query's k (we ask for ef and keep
 * the best k). With int8 quantization on, the ef candidates are re-scored with the raw float vectors
 * before the best k are kept.
 *
 * <p>Thread safety: add/delete/commit and searches may run concurrently; readers refresh lazily on the
 * next search after a change.
 */
public final class VectorIndex implements AutoCloseable {
  /** Candidate list size of {@link #search(float[], int, VectorFilter)} when k is smaller. */
  public static final int DEFAULT_EF = 100;

  static final String F_ID = "id";
  static final String F_LOG = "log_id";
  static final String F_SOURCE = "source";
  static final String F_CATEGORY = "category";
  static final String F_TAG = "tag";
  static final String F_START = "start_ns";
  static final String F_END = "end_ns";
  static final String F_VEC = "vec";

  private static final String K_DIM = "fleetmine.vector.dimension";
  private static final String K_SIM = "fleetmine.vector.similarity";
  private static final String K_M = "fleetmine.vector.m";
  private static final String K_BEAM = "fleetmine.vector.beamWidth";
  private static final String K_INT8 = "fleetmine.vector.int8";

  private final IndexOptions options;
  private final Directory dir;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final ExecutorService pool;
  private final VectorSimilarityFunction sim;
  // Bumped by every change; searches refresh the reader when it moved past what the reader saw.
  private final AtomicLong changes = new AtomicLong();
  private volatile long seenChanges;

  private VectorIndex(Directory dir, IndexOptions options, OpenMode mode, int searchThreads) throws IOException {
    this.options = options;
    this.dir = dir;
    this.sim = options.similarity().lucene();
    IndexWriterConfig cfg = new IndexWriterConfig().setOpenMode(mode).setCodec(codec(options));
    // Large buffer: HNSW graphs are built while adding, and fewer flushed segments mean fewer merges.
    cfg.setRAMBufferSizeMB(512);
    this.writer = new IndexWriter(dir, cfg);
    writer.setLiveCommitData(toCommitData(options).entrySet());
    this.searchers = new SearcherManager(writer, null);
    this.pool = Executors.newFixedThreadPool(searchThreads, r -> {
      Thread t = new Thread(r, "fleetmine-vector-search");
      t.setDaemon(true);
      return t;
    });
  }

  /** Creates a new empty index in {@code path} (which must not hold one) and commits it. */
  public static VectorIndex create(Path path, IndexOptions options) throws IOException {
    Files.createDirectories(path);
    Directory d = FSDirectory.open(path);
    if (DirectoryReader.indexExists(d)) {
      d.close();
      throw new IllegalArgumentException("a vector index already exists at " + path + "; use open()");
    }
    VectorIndex index = new VectorIndex(d, options, OpenMode.CREATE, defaultThreads());
    index.commit();
    return index;
  }

  /** Opens an existing index; its options come from the last commit. */
  public static VectorIndex open(Path path) throws IOException {
    Directory d = FSDirectory.open(path);
    if (!DirectoryReader.indexExists(d)) {
      d.close();
      throw new IllegalArgumentException("no vector index at " + path + "; expected one made by create()");
    }
    Map<String, String> data;
    try (DirectoryReader r = DirectoryReader.open(d)) {
      data = r.getIndexCommit().getUserData();
    }
    return new VectorIndex(d, fromCommitData(data, path), OpenMode.APPEND, defaultThreads());
  }

  private static int defaultThreads() {
    return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  /** The per-field codec: our HNSW (optionally int8) format for the vector field, defaults elsewhere. */
  private static Lucene103Codec codec(IndexOptions o) {
    KnnVectorsFormat format = o.int8()
        ? new Lucene99HnswScalarQuantizedVectorsFormat(o.m(), o.beamWidth())
        : new Lucene99HnswVectorsFormat(o.m(), o.beamWidth());
    // Per-field formats are recorded in each segment by name, so a plain Lucene103Codec reads them back.
    return new Lucene103Codec() {
      @Override
      public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return format;
      }
    };
  }

  private static Map<String, String> toCommitData(IndexOptions o) {
    return Map.of(K_DIM, Integer.toString(o.dimension()), K_SIM, o.similarity().name(),
        K_M, Integer.toString(o.m()), K_BEAM, Integer.toString(o.beamWidth()), K_INT8, Boolean.toString(o.int8()));
  }

  private static IndexOptions fromCommitData(Map<String, String> data, Path path) {
    if (!data.containsKey(K_DIM) || !data.containsKey(K_SIM)) {
      throw new IllegalArgumentException(
          "the Lucene index at " + path + " was not made by VectorIndex.create (no " + K_DIM + " in its commit)");
    }
    return new IndexOptions(Integer.parseInt(data.get(K_DIM)), Similarity.valueOf(data.get(K_SIM)),
        Integer.parseInt(data.get(K_M)), Integer.parseInt(data.get(K_BEAM)), Boolean.parseBoolean(data.get(K_INT8)));
  }

  /** The options this index was created with. */
  public IndexOptions options() {
    return options;
  }

  /** Adds a batch of vectors (visible to searches at once, durable after {@link #commit()}). */
  public void add(List<VectorDoc> docs) throws IOException {
    List<Document> batch = new ArrayList<>(docs.size());
    for (VectorDoc d : docs) {
      batch.add(toDocument(d));
    }
    writer.addDocuments(batch);
    changes.incrementAndGet();
  }

  private Document toDocument(VectorDoc d) {
    if (d.vector().length != options.dimension()) {
      throw new IllegalArgumentException("vector of " + d.id() + " has " + d.vector().length
          + " dimensions; this index expects " + options.dimension());
    }
    ClipMeta m = d.meta();
    Document doc = new Document();
    // filters use the postings and points; hits read doc values (columnar, no block decompression per
    // hit: stored fields cost a third of the query time at ef 40)
    doc.add(new StringField(F_ID, d.id(), Store.NO));
    doc.add(new SortedDocValuesField(F_ID, new BytesRef(d.id())));
    doc.add(new StringField(F_LOG, m.logId(), Store.NO));
    doc.add(new SortedDocValuesField(F_LOG, new BytesRef(m.logId())));
    doc.add(new StringField(F_SOURCE, m.source(), Store.NO));
    doc.add(new SortedDocValuesField(F_SOURCE, new BytesRef(m.source())));
    for (String c : m.categories()) {
      doc.add(new StringField(F_CATEGORY, c, Store.NO));
      doc.add(new SortedSetDocValuesField(F_CATEGORY, new BytesRef(c)));
    }
    for (String t : m.tags()) {
      doc.add(new StringField(F_TAG, t, Store.NO));
      doc.add(new SortedSetDocValuesField(F_TAG, new BytesRef(t)));
    }
    doc.add(new LongPoint(F_START, m.startNs()));
    doc.add(new NumericDocValuesField(F_START, m.startNs()));
    doc.add(new LongPoint(F_END, m.endNs()));
    doc.add(new NumericDocValuesField(F_END, m.endNs()));
    doc.add(new KnnFloatVectorField(F_VEC, d.vector(), sim));
    return doc;
  }

  /** Deletes every vector of one log (before re-adding a re-ingested log); returns how many were live. */
  public int deleteLog(String logId) throws IOException {
    Term t = new Term(F_LOG, logId);
    int live = withSearcher(s -> s.count(new TermQuery(t)));
    writer.deleteDocuments(t);
    changes.incrementAndGet();
    return live;
  }

  /** Makes every change so far durable. */
  public void commit() throws IOException {
    writer.commit();
  }

  /** Merges down to at most {@code maxSegments} segments (one graph searches fastest); then commits. */
  public void forceMerge(int maxSegments) throws IOException {
    writer.forceMerge(maxSegments);
    writer.commit();
    changes.incrementAndGet();
  }

  /** Number of live vectors. */
  public int size() throws IOException {
    return withSearcher(s -> s.getIndexReader().numDocs());
  }

  /** Approximate k nearest neighbours passing {@code filter}, best first, with candidate list {@link #DEFAULT_EF}. */
  public List<Hit> search(float[] query, int k, VectorFilter filter) throws IOException {
    return search(query, k, Math.max(k, DEFAULT_EF), filter);
  }

  /** Approximate k nearest neighbours with an HNSW candidate list of {@code ef} (>= k), best first. */
  public List<Hit> search(float[] query, int k, int ef, VectorFilter filter) throws IOException {
    checkQuery(query, k);
    if (ef < k) {
      throw new IllegalArgumentException("ef must be >= k, got ef " + ef + " and k " + k);
    }
    Query filterQuery = filter.isNone() ? null : filter.toQuery();
    return withSearcher(s -> {
      if (filterQuery != null && exactIsCheaper(s, filterQuery, ef)) {
        return exact(s, query, k, filterQuery);
      }
      if (filterQuery == null && !options.int8()) {
        return toHits(s, searchLeaves(s, query, k, ef));
      }
      Query knn = new KnnFloatVectorQuery(F_VEC, query, ef, filterQuery);
      // int8 graphs rank by quantized scores; re-scoring the ef candidates with the raw floats (kept on
      // disk next to the quantized ones) recovers the order and returns float scores.
      Query q = options.int8() ? RescoreTopNQuery.createFullPrecisionRescorerQuery(knn, query, F_VEC, k) : knn;
      return toHits(s, s.search(q, k).scoreDocs);
    });
  }

  /**
   * Unfiltered float search straight on each segment's HNSW graph: the same graph walk with the same
   * candidate list as {@link KnnFloatVectorQuery} (so the same recall), without the query's rewrite,
   * per-query weight and doc-id-set machinery, which measured a fifth of the time at ef 40 on one
   * 200k x 128 segment (docs/benchmarks.md). Best {@code k} over all segments, best first.
   */
  private static ScoreDoc[] searchLeaves(IndexSearcher s, float[] query, int k, int ef) throws IOException {
    List<LeafReaderContext> leaves = s.getIndexReader().leaves();
    if (leaves.size() == 1) {
      return firstK(leafTopDocs(leaves.get(0), query, ef), k);
    }
    TopDocs[] perLeaf = new TopDocs[leaves.size()];
    for (int i = 0; i < perLeaf.length; i++) {
      perLeaf[i] = leafTopDocs(leaves.get(i), query, ef);
    }
    return TopDocs.merge(k, perLeaf).scoreDocs;
  }

  /** One segment's ef nearest live documents, with global doc ids. */
  private static TopDocs leafTopDocs(LeafReaderContext leaf, float[] query, int ef) throws IOException {
    LeafReader r = leaf.reader();
    if (r.getFloatVectorValues(F_VEC) == null) {
      return new TopDocs(new org.apache.lucene.search.TotalHits(0, org.apache.lucene.search.TotalHits.Relation.EQUAL_TO),
          new ScoreDoc[0]);
    }
    TopDocs td = r.searchNearestVectors(F_VEC, query, ef, AcceptDocs.fromLiveDocs(r.getLiveDocs(), r.maxDoc()),
        Integer.MAX_VALUE);
    for (ScoreDoc d : td.scoreDocs) {
      d.doc += leaf.docBase;
      d.shardIndex = 0;
    }
    return td;
  }

  private static ScoreDoc[] firstK(TopDocs td, int k) {
    return td.scoreDocs.length <= k ? td.scoreDocs : java.util.Arrays.copyOf(td.scoreDocs, k);
  }

  /**
   * Whether a filter is so selective that Lucene's filtered graph walk would give up anyway: to collect
   * ef accepted nodes it visits about ef / p nodes (p = matches / live), and it falls back to an exact
   * scan once it visited more than {@code matches}; so when matches^2 <= ef * live we scan at once.
   */
  private static boolean exactIsCheaper(IndexSearcher s, Query filterQuery, int ef) throws IOException {
    long live = s.getIndexReader().numDocs();
    long matches = s.count(filterQuery);
    return matches * matches <= ef * live;
  }

  /** Exact k nearest neighbours passing {@code filter}: a brute-force scan of the filtered vectors. */
  public List<Hit> exact(float[] query, int k, VectorFilter filter) throws IOException {
    checkQuery(query, k);
    Query filterQuery = filter.toQuery();
    return withSearcher(s -> exact(s, query, k, filterQuery));
  }

  private List<Hit> exact(IndexSearcher s, float[] query, int k, Query filterQuery) throws IOException {
    TopK top = new TopK(k);
    Weight w = s.createWeight(s.rewrite(filterQuery), ScoreMode.COMPLETE_NO_SCORES, 1f);
    for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
      scanLeaf(leaf, w, query, top);
    }
    int n = top.size();
    int[] docs = new int[n];
    float[] scores = new float[n];
    top.drainBestFirst(docs, scores);
    ScoreDoc[] sd = new ScoreDoc[n];
    for (int i = 0; i < n; i++) {
      sd[i] = new ScoreDoc(docs[i], scores[i]);
    }
    return toHits(s, sd);
  }

  private void scanLeaf(LeafReaderContext leaf, Weight w, float[] query, TopK top) throws IOException {
    FloatVectorValues vals = leaf.reader().getFloatVectorValues(F_VEC);
    Scorer scorer = w.scorer(leaf);
    if (vals == null || scorer == null) {
      return;
    }
    Bits live = leaf.reader().getLiveDocs();
    DocIdSetIterator accepted = scorer.iterator();
    KnnVectorValues.DocIndexIterator it = vals.iterator();
    for (int doc = accepted.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = accepted.nextDoc()) {
      if (live != null && !live.get(doc)) {
        continue;
      }
      if (it.docID() < doc && it.advance(doc) != doc) {
        continue;
      }
      if (it.docID() == doc) {
        top.offer(leaf.docBase + doc, sim.compare(query, vals.vectorValue(it.index())));
      }
    }
  }

  /** Receives the batches of {@link #scan}. */
  @FunctionalInterface
  public interface BatchSink {
    void accept(List<VectorDoc> batch) throws IOException;
  }

  /**
   * Every live vector with its id and metadata, segment by segment in doc order, in batches of at most
   * {@code batchSize} (for work over the whole index, such as near-duplicate search, without recomputing
   * the vectors). The raw float vectors are returned also when the graph is int8-quantized.
   */
  public void scan(int batchSize, BatchSink sink) throws IOException {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    withSearcher(s -> {
      List<VectorDoc> batch = new ArrayList<>(batchSize);
      for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
        FloatVectorValues vals = leaf.reader().getFloatVectorValues(F_VEC);
        if (vals == null) {
          continue;
        }
        Bits live = leaf.reader().getLiveDocs();
        HitReader meta = new HitReader(leaf);
        KnnVectorValues.DocIndexIterator it = vals.iterator();
        for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
          if (live != null && !live.get(doc)) {
            continue;
          }
          Hit h = meta.hit(doc, 0);
          batch.add(new VectorDoc(h.id(), vals.vectorValue(it.index()).clone(), h.meta()));
          if (batch.size() == batchSize) {
            sink.accept(List.copyOf(batch));
            batch.clear();
          }
        }
      }
      if (!batch.isEmpty()) {
        sink.accept(List.copyOf(batch));
      }
      return null;
    });
  }

  /** Approximate k-NN of many queries on the index's fixed search pool; result i belongs to query i. */
  public List<List<Hit>> searchBatch(float[][] queries, int k, VectorFilter filter) throws IOException {
    List<Future<List<Hit>>> futures = new ArrayList<>(queries.length);
    for (float[] q : queries) {
      futures.add(pool.submit(() -> search(q, k, filter)));
    }
    List<List<Hit>> out = new ArrayList<>(queries.length);
    for (Future<List<Hit>> f : futures) {
      try {
        out.add(f.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("batch search interrupted", e);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof IOException io ? io : new IOException("batch search failed", e.getCause());
      }
    }
    return out;
  }

  private void checkQuery(float[] query, int k) {
    if (query.length != options.dimension()) {
      throw new IllegalArgumentException(
          "query has " + query.length + " dimensions; this index expects " + options.dimension());
    }
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
  }

  /**
   * The hits of {@code docs} (in their order) with ids and metadata from doc values. Doc-value iterators
   * only move forward, so hits are visited in doc order with one iterator per field and segment.
   */
  private List<Hit> toHits(IndexSearcher s, ScoreDoc[] docs) throws IOException {
    List<LeafReaderContext> leaves = s.getIndexReader().leaves();
    Integer[] order = new Integer[docs.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> docs[i].doc));
    Hit[] hits = new Hit[docs.length];
    HitReader reader = null;
    for (int i : order) {
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docs[i].doc, leaves));
      if (reader == null || reader.leaf != leaf) {
        reader = new HitReader(leaf);
      }
      hits[i] = reader.hit(docs[i].doc - leaf.docBase, docs[i].score);
    }
    return List.of(hits);
  }

  /** Forward-only doc-value readers of one segment's id and metadata fields. */
  private static final class HitReader {
    final LeafReaderContext leaf;
    final SortedDocValues id;
    final SortedDocValues log;
    final SortedDocValues source;
    final SortedSetDocValues categories;
    final SortedSetDocValues tags;
    final NumericDocValues start;
    final NumericDocValues end;

    HitReader(LeafReaderContext leaf) throws IOException {
      this.leaf = leaf;
      LeafReader r = leaf.reader();
      id = DocValues.getSorted(r, F_ID);
      log = DocValues.getSorted(r, F_LOG);
      source = DocValues.getSorted(r, F_SOURCE);
      categories = DocValues.getSortedSet(r, F_CATEGORY);
      tags = DocValues.getSortedSet(r, F_TAG);
      start = DocValues.getNumeric(r, F_START);
      end = DocValues.getNumeric(r, F_END);
    }

    Hit hit(int doc, float score) throws IOException {
      ClipMeta meta = new ClipMeta(string(log, doc), string(source, doc), strings(categories, doc), strings(tags, doc),
          start.advanceExact(doc) ? start.longValue() : 0, end.advanceExact(doc) ? end.longValue() : 0);
      return new Hit(string(id, doc), score, meta);
    }

    private static String string(SortedDocValues v, int doc) throws IOException {
      return v.advanceExact(doc) ? v.lookupOrd(v.ordValue()).utf8ToString() : "";
    }

    private static List<String> strings(SortedSetDocValues v, int doc) throws IOException {
      if (!v.advanceExact(doc)) {
        return List.of();
      }
      List<String> out = new ArrayList<>(v.docValueCount());
      for (int i = 0; i < v.docValueCount(); i++) {
        out.add(v.lookupOrd(v.nextOrd()).utf8ToString());
      }
      return out;
    }
  }



  private interface SearcherFn<T> {
    T apply(IndexSearcher s) throws IOException;
  }

  /** Runs {@code fn} on a searcher that sees every change made before this call. */
  private <T> T withSearcher(SearcherFn<T> fn) throws IOException {
    if (changes.get() != seenChanges) {
      refresh();
    }
    IndexSearcher s = searchers.acquire();
    try {
      return fn.apply(s);
    } finally {
      searchers.release(s);
    }
  }

  /** Refreshes the reader once for every caller that saw a change (others wait, then see it too). */
  private synchronized void refresh() throws IOException {
    long c = changes.get();
    if (c != seenChanges) {
      searchers.maybeRefreshBlocking();
      seenChanges = c;
    }
  }

  /** Bytes of all files in the index directory (for size reports). */
  public long bytesOnDisk() throws IOException {
    long total = 0;
    for (String f : dir.listAll()) {
      total += dir.fileLength(f);
    }
    return total;
  }

  @Override
  public void close() throws IOException {
    pool.shutdownNow();
    try {
      searchers.close();
      writer.close();
    } finally {
      dir.close();
    }
  }

}
