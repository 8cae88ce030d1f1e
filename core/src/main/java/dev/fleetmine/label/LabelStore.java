package dev.fleetmine.label;

import dev.fleetmine.lake.CurationStore;
import dev.fleetmine.lake.Lake;
import dev.fleetmine.query.ClipRef;
import dev.fleetmine.query.LakeQuery;
import dev.fleetmine.select.Selection;
import dev.fleetmine.select.SelectionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Labeling batches in the lake's curation area ({@code curation/batches/}, layout in docs/curation.md):
 * creating them, their append-only events and derived status, and their immutable label versions. This is
 * the API other packages use to read labels: {@link #latest}, {@link #cuboidsFile}, {@link #tagsFile}.
 * Every write goes through {@link CurationStore} (create-only, atomic).
 */
public final class LabelStore {
  static final String BATCH_FILE = "batch.json";
  static final String VERSION_FILE = "version.json";
  static final String CUBOIDS = "cuboids.parquet";
  static final String TAGS = "tags.parquet";

  private final Lake lake;
  private final CurationStore store;
  private final Clock clock;

  public LabelStore(Lake lake) {
    this(lake, Clock.systemUTC());
  }

  /** A store whose timestamps come from {@code clock} (tests pin it). */
  public LabelStore(Lake lake, Clock clock) {
    this.lake = lake;
    this.store = CurationStore.of(lake);
    this.clock = clock;
  }

  public Lake lake() {
    return lake;
  }

  Instant now() {
    return clock.instant();
  }

  // ------------------------------------------------------------------ batches

  /** The directory of a batch (whether or not it exists). */
  public Path batchDir(String batch) {
    return store.path("batches", batch);
  }

  /** Ids of all batches, sorted. */
  public List<String> batchIds() {
    try {
      return CurationStore.list(store.root().resolve("batches")).stream()
          .filter(b -> Files.isRegularFile(store.root().resolve("batches").resolve(b).resolve(BATCH_FILE))).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** All batches, sorted by id. */
  public List<LabelBatch> batches() {
    return batchIds().stream().map(this::batch).toList();
  }

  /** A batch; the message lists the batches there are when it is missing. */
  public LabelBatch batch(String id) {
    Path f = batchDir(id).resolve(BATCH_FILE);
    try {
      return LabelBatch.fromJson(CurationStore.readJson(f), f);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no labeling batch '" + id + "' (" + f + " is missing); there are: " + batchIds(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
    }
  }

  /**
   * Makes a batch of a saved selection's picks (in pick order). Picks never overlap since selections
   * refuse them; a selection saved by an older version that holds overlapping picks gets each group of
   * overlapping picks as one clip, their union, at the place of its first pick.
   */
  public LabelBatch createFromSelection(String id, String selectionId, int every) {
    Selection s = new SelectionStore(lake).load(selectionId);
    return create(id, s.id(), unions(s.refs()), every);
  }

  /** {@code clips} with every group of (transitively) overlapping clips replaced by its union, in first-seen order. */
  static List<ClipRef> unions(List<ClipRef> clips) {
    Map<ClipRef, ClipRef> unionOf = new HashMap<>();
    List<ClipRef> group = new ArrayList<>();
    long groupEnd = Long.MIN_VALUE;
    for (ClipRef c : clips.stream().distinct().sorted().toList()) {
      if (!group.isEmpty() && (!group.getFirst().logId().equals(c.logId()) || groupEnd < c.startNs())) {
        close(group, groupEnd, unionOf);
        groupEnd = Long.MIN_VALUE;
      }
      group.add(c);
      groupEnd = Math.max(groupEnd, c.endNs());
    }
    close(group, groupEnd, unionOf);
    return clips.stream().map(unionOf::get).distinct().toList();
  }

  private static void close(List<ClipRef> group, long end, Map<ClipRef, ClipRef> unionOf) {
    if (!group.isEmpty()) {
      ClipRef union = new ClipRef(group.getFirst().logId(), group.getFirst().startNs(), end);
      group.forEach(c -> unionOf.put(c, union));
      group.clear();
    }
  }

  /**
   * Makes a batch of {@code clips}: each clip's frames are its ego timestamps (every {@code every}-th,
   * starting with the first). Rejected, with nothing written, when the id is taken, a clip is unknown,
   * empty, given twice or overlaps another.
   */
  public LabelBatch create(String id, String selectionId, List<ClipRef> clips, int every) {
    CurationStore.checkName("batch", id);
    if (every < 1) {
      throw new IllegalArgumentException("--every must be >= 1, got " + every);
    }
    if (clips.isEmpty()) {
      throw new IllegalArgumentException("batch '" + id + "' has no clips");
    }
    if (Files.exists(batchDir(id))) {
      throw new IllegalArgumentException("labeling batch '" + id + "' already exists (" + batchDir(id)
          + "); batches are immutable, choose another id");
    }
    checkDisjoint(clips);
    List<LabelBatch.BatchClip> out = new ArrayList<>();
    long snapshot;
    try (LakeQuery q = LakeQuery.open(lake)) {
      snapshot = q.snapshot().version();
      Set<String> logs = new HashSet<>();
      q.rows("SELECT log_id FROM logs").values().forEach(r -> logs.add((String) r.get(0)));
      try (PreparedStatement ps = q.connection().prepareStatement(
          "SELECT ts_ns FROM ego WHERE log_id = ? AND ts_ns BETWEEN ? AND ? ORDER BY ts_ns")) {
        for (ClipRef c : clips) {
          if (!logs.contains(c.logId())) {
            throw new IllegalArgumentException("clip " + c.id() + ": no log '" + c.logId() + "' in the lake; logs: "
                + new TreeSet<>(logs));
          }
          ps.setString(1, c.logId());
          ps.setLong(2, c.startNs());
          ps.setLong(3, c.endNs());
          List<Long> frames = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            for (int i = 0; rs.next(); i++) {
              if (i % every == 0) {
                frames.add(rs.getLong(1));
              }
            }
          }
          if (frames.isEmpty()) {
            throw new IllegalArgumentException("clip " + c.id() + " has no ego timestamps in log " + c.logId()
                + ": nothing to label");
          }
          out.add(new LabelBatch.BatchClip(c, frames));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the frames of batch '" + id + "': " + e.getMessage(), e);
    }
    LabelBatch batch = new LabelBatch(id, selectionId, out, every, snapshot, now());
    BatchEvent created = new BatchEvent(1, BatchEvent.Type.CREATED, batch.createdAt(), Map.of("clips",
        Integer.toString(out.size()), "frames", Integer.toString(batch.frameCount())));
    try {
      store.writeDirOnce(batchDir(id), dir -> {
        CurationStore.json().writeValue(dir.resolve(BATCH_FILE).toFile(), batch.toJson());
        Files.createDirectories(dir.resolve("events"));
        CurationStore.json().writeValue(dir.resolve("events").resolve(BatchEvent.fileName(1)).toFile(), created.toJson());
      });
    } catch (FileAlreadyExistsException e) {
      throw new IllegalArgumentException("labeling batch '" + id + "' already exists (" + batchDir(id) + ")", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write batch " + batchDir(id) + ": " + e.getMessage(), e);
    }
    return batch;
  }

  private static void checkDisjoint(List<ClipRef> clips) {
    List<ClipRef> sorted = clips.stream().sorted().toList();
    for (int i = 1; i < sorted.size(); i++) {
      ClipRef a = sorted.get(i - 1);
      ClipRef b = sorted.get(i);
      if (a.equals(b)) {
        throw new IllegalArgumentException("clip " + a.id() + " is given twice");
      }
      if (a.overlaps(b)) {
        throw new IllegalArgumentException("clips " + a.id() + " and " + b.id()
            + " overlap; a batch's clips must be disjoint so that every frame is labelled once");
      }
    }
  }

  // ------------------------------------------------------------------ events and status

  /** The batch's events, in order. */
  public List<BatchEvent> events(String batch) {
    Path dir = batchDir(batch).resolve("events");
    List<BatchEvent> out = new ArrayList<>();
    try {
      for (String n : CurationStore.list(dir)) {
        if (n.endsWith(".json")) {
          Path f = dir.resolve(n);
          out.add(BatchEvent.fromJson(CurationStore.readJson(f), f));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read events of batch '" + batch + "': " + e.getMessage(), e);
    }
    out.sort(java.util.Comparator.comparingInt(BatchEvent::seq));
    return out;
  }

  /** Appends an event (the next free sequence number; a writer racing for it takes the one after). */
  public BatchEvent appendEvent(String batch, BatchEvent.Type type, Map<String, String> detail) {
    batch(batch);
    Path dir = batchDir(batch).resolve("events");
    for (int attempt = 0; attempt < 100; attempt++) {
      int seq = events(batch).stream().mapToInt(BatchEvent::seq).max().orElse(0) + 1;
      BatchEvent e = new BatchEvent(seq, type, now(), detail);
      try {
        store.writeJsonOnce(dir.resolve(BatchEvent.fileName(seq)), e.toJson());
        return e;
      } catch (FileAlreadyExistsException race) {
        // another writer took seq: take the next
      } catch (IOException ex) {
        throw new UncheckedIOException("cannot write an event of batch '" + batch + "': " + ex.getMessage(), ex);
      }
    }
    throw new IllegalStateException("cannot append an event to batch '" + batch + "': too many concurrent writers");
  }

  /**
   * Where a batch stands: the last status-moving event (created -> exported -> imported vN -> qa; audits are
   * listed but do not move it), with its clips, frames and label versions.
   */
  public record BatchStatus(LabelBatch batch, BatchEvent last, List<LabelVersion> versions, List<BatchEvent> events) {
    public String state() {
      return last.describe();
    }
  }

  public BatchStatus status(String batch) {
    LabelBatch b = batch(batch);
    List<BatchEvent> events = events(batch);
    BatchEvent last = events.stream().filter(e -> e.type() != BatchEvent.Type.AUDIT).reduce((x, y) -> y)
        .orElse(new BatchEvent(0, BatchEvent.Type.CREATED, b.createdAt(), Map.of()));
    return new BatchStatus(b, last, versions(batch), events);
  }

  // ------------------------------------------------------------------ label versions

  /** The directory of label version {@code n} of a batch. */
  public Path versionDir(String batch, int n) {
    return batchDir(batch).resolve("labels").resolve("v" + n);
  }

  /** Path of a version's boxes (read it by the columns in docs/curation.md). */
  public Path cuboidsFile(String batch, int n) {
    return versionDir(batch, n).resolve(CUBOIDS);
  }

  /** Path of a version's clip tags. */
  public Path tagsFile(String batch, int n) {
    return versionDir(batch, n).resolve(TAGS);
  }

  /** Label versions of a batch, oldest first. */
  public List<LabelVersion> versions(String batch) {
    List<LabelVersion> out = new ArrayList<>();
    try {
      List<Integer> ns = CurationStore.list(batchDir(batch).resolve("labels")).stream().filter(n -> n.matches("v[1-9][0-9]*"))
          .map(n -> Integer.parseInt(n.substring(1))).sorted().toList();
      for (int n : ns) {
        Path f = versionDir(batch, n).resolve(VERSION_FILE);
        out.add(LabelVersion.fromJson(CurationStore.readJson(f), f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read label versions of batch '" + batch + "': " + e.getMessage(), e);
    }
    return out;
  }

  /** The newest label version of a batch, if it has one. */
  public Optional<LabelVersion> latest(String batch) {
    List<LabelVersion> v = versions(batch);
    return v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1));
  }

  /** Label version {@code n}; the message lists the versions there are. */
  public LabelVersion version(String batch, int n) {
    batch(batch);
    List<LabelVersion> all = versions(batch);
    return all.stream().filter(v -> v.version() == n).findFirst().orElseThrow(() -> new IllegalArgumentException(
        "batch '" + batch + "' has no label version v" + n + "; it has " + (all.isEmpty() ? "none"
            : all.stream().map(LabelVersion::name).toList())));
  }

  /** Parses {@code v3} or {@code 3}. */
  public static int parseVersion(String s) {
    String t = s.trim();
    if (t.startsWith("v") || t.startsWith("V")) {
      t = t.substring(1);
    }
    try {
      int n = Integer.parseInt(t);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new IllegalArgumentException("label version '" + s + "': expected vN or N with N >= 1");
  }

  /** The boxes of a version. */
  public List<Cuboid> cuboids(String batch, int n) {
    version(batch, n);
    try {
      return LabelTables.readCuboids(cuboidsFile(batch, n));
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  /** The clip tags of a version. */
  public List<ClipTag> tags(String batch, int n) {
    version(batch, n);
    try {
      return LabelTables.readTags(tagsFile(batch, n));
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  /**
   * Writes the next label version (N = newest + 1) with its boxes and tags, then an {@code imported} event.
   * The version directory appears whole or not at all.
   */
  LabelVersion writeVersion(LabelBatch batch, LabelFormat format, String annotator, List<LabelVersion.SourceFile> sources,
      List<Cuboid> cuboids, List<ClipTag> tags, long framesUnannotated) {
    int n = latest(batch.id()).map(LabelVersion::version).orElse(0) + 1;
    Map<String, Long> categories = new java.util.TreeMap<>();
    cuboids.forEach(c -> categories.merge(c.category(), 1L, Long::sum));
    long framesWithBoxes = cuboids.stream().map(c -> c.logId() + "@" + c.tsNs()).distinct().count();
    LabelVersion v = new LabelVersion(batch.id(), n, List.of(annotator), format, sources, cuboids.size(), tags.size(),
        framesWithBoxes, framesUnannotated, categories, now());
    try {
      store.writeDirOnce(versionDir(batch.id(), n), dir -> {
        LabelTables.writeCuboids(cuboids, dir.resolve(CUBOIDS));
        LabelTables.writeTags(tags, dir.resolve(TAGS));
        CurationStore.json().writeValue(dir.resolve(VERSION_FILE).toFile(), v.toJson());
      });
    } catch (FileAlreadyExistsException e) {
      throw new IllegalArgumentException("label version v" + n + " of batch '" + batch.id()
          + "' was written by another import meanwhile; import again", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write label version " + versionDir(batch.id(), n) + ": " + e.getMessage(), e);
    }
    Map<String, String> detail = new java.util.LinkedHashMap<>();
    detail.put("version", v.name());
    detail.put("annotator", annotator);
    detail.put("format", format.cliName());
    detail.put("cuboids", Long.toString(cuboids.size()));
    detail.put("tags", Long.toString(tags.size()));
    appendEvent(batch.id(), BatchEvent.Type.IMPORTED, detail);
    return v;
  }
}
