package dev.fleetmine.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetmine.lake.CurationStore;
import dev.fleetmine.lake.Lake;
import dev.fleetmine.query.ClipRef;
import dev.fleetmine.query.LakeQuery;
import dev.fleetmine.query.ScenarioLibrary;
import dev.fleetmine.query.ScenarioSearch;
import dev.fleetmine.select.SelectionStore;
import dev.fleetmine.vector.ClipIndex;
import dev.fleetmine.vector.Hit;
import dev.fleetmine.vector.VectorFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Datasets in the lake's curation area: {@code curation/datasets/<name>/v<N>/}, each version written once
 * with {@link CurationStore#writeDirOnce} and never changed. A version holds its members, their labels
 * materialized (so it survives re-ingest and {@code vacuum}), its split when split, and a manifest with
 * the lineage of every step that made it.
 */
public final class DatasetStore {
  static final String MANIFEST = "manifest.json";
  static final String MEMBERS = "members.parquet";
  static final String LABELS = "labels.parquet";
  static final String BOXES2D = "boxes2d.parquet";
  static final String SPLITS = "splits.parquet";

  /** The labels.parquet columns: the cuboids columns of docs/curation.md, the member, and the ego pose. */
  static final String LABEL_DDL = "clip_id VARCHAR, log_id VARCHAR, ts_ns BIGINT, track_id VARCHAR, category VARCHAR,"
      + " raw_label VARCHAR, x DOUBLE, y DOUBLE, z DOUBLE, length DOUBLE, width DOUBLE, height DOUBLE, yaw DOUBLE,"
      + " annotator VARCHAR, attributes VARCHAR, ego_x DOUBLE, ego_y DOUBLE, ego_z DOUBLE, ego_yaw DOUBLE";

  private final Lake lake;
  private final CurationStore store;
  private final ScenarioLibrary library;

  public DatasetStore(Lake lake) {
    this(lake, ScenarioLibrary.builtIn());
  }

  public DatasetStore(Lake lake, ScenarioLibrary library) {
    this.lake = lake;
    this.store = CurationStore.of(lake);
    this.library = library;
  }

  public Lake lake() {
    return lake;
  }

  // ---------------------------------------------------------------- reading

  /** Names of all datasets, sorted. */
  public List<String> names() {
    try {
      return CurationStore.list(store.root().resolve("datasets")).stream().filter(n -> !versions(n).isEmpty()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The versions of a dataset, ascending; empty when it does not exist. */
  public List<Integer> versions(String name) {
    try {
      return CurationStore.list(store.path("datasets", name)).stream().filter(n -> n.matches("v[1-9][0-9]*"))
          .map(n -> Integer.parseInt(n.substring(1))).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The directory of one version (it may not exist). */
  public Path dir(String name, int version) {
    return store.path("datasets", name, "v" + version);
  }

  /** The manifest of one version; an unknown dataset or version is an error listing what exists. */
  public DatasetVersion load(String name, int version) {
    List<Integer> versions = requireDataset(name);
    if (!versions.contains(version)) {
      throw new IllegalArgumentException("dataset '" + name + "' has no version v" + version + "; it has "
          + versions.stream().map(v -> "v" + v).toList());
    }
    Path f = dir(name, version).resolve(MANIFEST);
    try {
      return CurationStore.readJson(f, DatasetVersion.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dataset manifest " + f + ": " + e.getMessage(), e);
    }
  }

  /** The newest version's manifest. */
  public DatasetVersion latest(String name) {
    List<Integer> versions = requireDataset(name);
    return load(name, versions.get(versions.size() - 1));
  }

  /** The version given, or the newest when {@code version} is null. */
  public DatasetVersion resolve(String name, Integer version) {
    return version == null ? latest(name) : load(name, version);
  }

  private List<Integer> requireDataset(String name) {
    CurationStore.checkName("dataset", name);
    List<Integer> versions = versions(name);
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("no dataset '" + name + "' in " + store.root().resolve("datasets")
          + "; there are: " + names());
    }
    return versions;
  }

  /** The members of a version, in clip order. */
  public List<Member> members(String name, int version) {
    load(name, version);
    return readMembers(dir(name, version).resolve(MEMBERS));
  }

  /** The split of each member (clip id to split name) of a split version; empty when not split. */
  public Map<String, String> splits(String name, int version) {
    load(name, version);
    return readSplits(dir(name, version));
  }

  static Map<String, String> readSplits(Path versionDir) {
    Path f = versionDir.resolve(SPLITS);
    Map<String, String> out = new TreeMap<>();
    if (!Files.isRegularFile(f)) {
      return out;
    }
    try (Connection c = duck()) {
      for (Object[] r : Sql.rows(c, "SELECT clip_id, split FROM read_parquet(" + Sql.path(f) + ")")) {
        out.put((String) r[0], (String) r[1]);
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Member> readMembers(Path file) {
    try (Connection c = duck()) {
      List<Member> out = new ArrayList<>();
      for (Object[] r : Sql.rows(c, "SELECT log_id, start_ns, end_ns, location, source_format, ego_pose_known, frames,"
          + " label_ref, tags FROM read_parquet(" + Sql.path(file) + ") ORDER BY log_id, start_ns, end_ns")) {
        @SuppressWarnings("unchecked")
        List<Object> tags = (List<Object>) r[8];
        out.add(new Member(new ClipRef((String) r[0], (Long) r[1], (Long) r[2]), (String) r[3], (String) r[4],
            (Boolean) r[5], (Long) r[6], (String) r[7], tags.stream().map(String::valueOf).toList()));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static Connection duck() {
    try {
      return DriverManager.getConnection("jdbc:duckdb:");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open DuckDB: " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- writing

  /**
   * Makes v1 of a new dataset from {@code source}; labels pinned by {@code labels} (null: the batch's
   * latest version for a batch source, else the lake's ground truth).
   *
   * @param dedupThreshold when > 0 and the lake has a clip index, clips whose scene scores at least this
   *                       against a member's (or an earlier new clip's) are dropped as near-duplicates
   */
  public DatasetVersion create(String name, MemberSource source, LabelPin labels, double dedupThreshold) {
    CurationStore.checkName("dataset", name);
    List<Integer> existing = versions(name);
    if (!existing.isEmpty()) {
      throw new IllegalArgumentException("dataset '" + name + "' already exists (versions "
          + existing.stream().map(v -> "v" + v).toList() + "); use `dataset add` to make a new version");
    }
    return grow(name, null, "create", source, labels, dedupThreshold);
  }

  /**
   * Makes v(N+1) = vN (the newest) plus the new clips of {@code source}; exact duplicates are dropped. A clip
   * that is already a member but comes with a different batch label pin is re-pinned: its labels are replaced.
   */
  public DatasetVersion add(String name, MemberSource source, LabelPin labels, double dedupThreshold) {
    return grow(name, latest(name), "add", source, labels, dedupThreshold);
  }

  private DatasetVersion grow(String name, DatasetVersion parent, String operation, MemberSource source, LabelPin labels,
      double dedupThreshold) {
    long now = System.currentTimeMillis();
    try (LakeQuery q = LakeQuery.open(lake)) {
      long snapshot = q.snapshot().version();
      List<ClipRef> requested = clips(q, source);
      LabelPin pin = resolvePin(source, labels);
      String labelRef = pin.ref(snapshot);
      Set<ClipRef> batchClips = pin.isGroundTruth() ? null : new TreeSet<>(batchClips(pin.batch()));
      List<Member> old = parent == null ? List.of() : readMembers(dir(name, parent.version()).resolve(MEMBERS));
      Set<String> ids = new java.util.HashSet<>();
      Map<String, Member> oldById = new HashMap<>();
      old.forEach(m -> {
        ids.add(m.clipId());
        oldById.put(m.clipId(), m);
      });
      List<ClipRef> repinned = new ArrayList<>();
      Map<String, LogRow> logs = logs(q);
      Set<String> cocoDatasets = cocoDatasets(q);
      List<ClipRef> fresh = new ArrayList<>();
      int duplicates = 0;
      for (ClipRef c : new LinkedHashSet<>(requested)) {
        checkClip(c, logs, cocoDatasets, source);
        if (batchClips != null && !batchClips.contains(c)) {
          throw new IllegalArgumentException("clip " + c.id() + " (from " + source.kind() + " " + source.text()
              + ") is not a clip of batch '" + pin.batch() + "', so --labels " + labelRef + " has no labels for it");
        }
        Member was = oldById.get(c.id());
        if (was != null && !pin.isGroundTruth() && !was.labelRef().equals(labelRef) && !repinned.contains(c)) {
          repinned.add(c);
        } else if (!ids.add(c.id())) {
          duplicates++;
        } else {
          fresh.add(c);
        }
      }
      duplicates += requested.size() - new LinkedHashSet<>(requested).size();
      int before = fresh.size();
      if (dedupThreshold > 0 && Files.isDirectory(ClipIndex.directory(lake))) {
        fresh = nearDedup(q, old, fresh, dedupThreshold);
      }
      int nearDuplicates = before - fresh.size();
      if (fresh.isEmpty() && repinned.isEmpty()) {
        throw new IllegalArgumentException(source.kind() + " '" + source.text() + "' gave " + requested.size()
            + " clip(s), none new to dataset '" + name + "' (" + duplicates + " exact duplicate(s), " + nearDuplicates
            + " near-duplicate(s)); nothing was written");
      }
      List<ClipRef> changed = new ArrayList<>(fresh);
      changed.addAll(repinned);
      List<Member> added = describe(q, changed, labelRef, logs, pin);
      Set<ClipRef> repinnedSet = new TreeSet<>(repinned);
      List<Member> all = new ArrayList<>(old.stream().filter(m -> !repinnedSet.contains(m.clip())).toList());
      all.addAll(added);
      all.sort(java.util.Comparator.comparing(Member::clip));
      int version = parent == null ? 1 : versions(name).get(versions(name).size() - 1) + 1;
      LineageStep step = new LineageStep(version, operation, source.kind(), source.text(), labelRef,
          parent == null ? null : parent.version(), snapshot, now, requested.size(), fresh.size(), repinned.size(), duplicates,
          nearDuplicates);
      List<LineageStep> lineage = new ArrayList<>(parent == null ? List.of() : parent.lineage());
      lineage.add(step);
      Path parentDir = parent == null ? null : dir(name, parent.version());
      return write(name, version, staged -> {
        Connection c = q.connection();
        Sql.membersTable(c, "ds_all", all);
        Sql.membersTable(c, "ds_new", added);
        Sql.exec(c, "COPY (SELECT " + Sql.memberColumns() + " FROM ds_all ORDER BY log_id, start_ns, end_ns) TO "
            + Sql.path(staged.resolve(MEMBERS)) + " (FORMAT parquet)");
        materializeLabels(c, staged, parentDir, added, pin);
        long labelRows = Sql.count(c, "SELECT count(*) FROM read_parquet(" + Sql.path(staged.resolve(LABELS)) + ")");
        long boxRows = Files.isRegularFile(staged.resolve(BOXES2D))
            ? Sql.count(c, "SELECT count(*) FROM read_parquet(" + Sql.path(staged.resolve(BOXES2D)) + ")") : 0;
        return new DatasetVersion(name, version, parent == null ? null : parent.version(), snapshot, now, all.size(),
            all.stream().mapToLong(Member::frames).sum(), labelRows, boxRows, pins(all), lineage, null, Map.of(), Map.of());
      });
    }
  }

  /**
   * Makes a new version of {@code name} with the members and labels of {@code version} and a split by
   * {@link Splitter} (written to splits.parquet; clips and frames per split in the manifest).
   */
  public DatasetVersion split(String name, int version, SplitSpec spec) {
    DatasetVersion base = load(name, version);
    Path baseDir = dir(name, version);
    List<Member> members = readMembers(baseDir.resolve(MEMBERS));
    Map<String, String> assignment = Splitter.assign(members, spec);
    Map<String, Integer> clips = new TreeMap<>();
    Map<String, Long> frames = new TreeMap<>();
    Splitter.sizes(members, assignment, spec).forEach((n, size) -> {
      clips.put(n, size.clips());
      frames.put(n, size.frames());
    });
    long now = System.currentTimeMillis();
    long snapshot = lake.current().version();
    int next = versions(name).get(versions(name).size() - 1) + 1;
    List<LineageStep> lineage = new ArrayList<>(base.lineage());
    lineage.add(new LineageStep(next, "split", "split", spec.describe(), null, version, snapshot, now, members.size(), 0, 0, 0,
        0));
    return write(name, next, staged -> {
      for (String f : List.of(MEMBERS, LABELS, BOXES2D)) {
        if (Files.isRegularFile(baseDir.resolve(f))) {
          Files.copy(baseDir.resolve(f), staged.resolve(f));
        }
      }
      try (Connection c = duck()) {
        Sql.exec(c, "CREATE TEMP TABLE s (clip_id VARCHAR, split VARCHAR)");
        try (var ps = c.prepareStatement("INSERT INTO s VALUES (?, ?)")) {
          for (var e : assignment.entrySet()) {
            ps.setString(1, e.getKey());
            ps.setString(2, e.getValue());
            ps.addBatch();
          }
          ps.executeBatch();
        }
        Sql.exec(c, "COPY (SELECT * FROM s ORDER BY clip_id) TO " + Sql.path(staged.resolve(SPLITS)) + " (FORMAT parquet)");
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return new DatasetVersion(name, next, version, base.snapshotVersion(), now, base.members(), base.frames(),
          base.labelRows(), base.boxes2dRows(), base.labelPins(), lineage, spec, clips, frames);
    });
  }

  private interface VersionFiller {
    DatasetVersion fill(Path staged) throws IOException;
  }

  private DatasetVersion write(String name, int version, VersionFiller filler) {
    Path target = dir(name, version);
    DatasetVersion[] made = new DatasetVersion[1];
    try {
      store.writeDirOnce(target, staged -> {
        made[0] = filler.fill(staged);
        CurationStore.json().writeValue(staged.resolve(MANIFEST).toFile(), made[0]);
      });
      return made[0];
    } catch (FileAlreadyExistsException e) {
      throw new IllegalStateException("dataset '" + name + "' v" + version + " was written by someone else meanwhile ("
          + target + "); run the command again", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write dataset version " + target + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, Integer> pins(List<Member> members) {
    Map<String, Integer> out = new TreeMap<>();
    members.forEach(m -> out.merge(m.labelRef(), 1, Integer::sum));
    return out;
  }

  // ---------------------------------------------------------------- sources

  private List<ClipRef> clips(LakeQuery q, MemberSource source) {
    return switch (source) {
      case MemberSource.Query s -> {
        var query = library.names().contains(s.query().strip()) ? library.get(s.query().strip()) : library.compile(s.query());
        yield ScenarioSearch.run(q, query, library).stream().map(ClipRef::of).toList();
      }
      case MemberSource.Tag s -> {
        List<ClipRef> out = new ArrayList<>();
        for (List<Object> r : q.rows("SELECT log_id, start_ns, end_ns FROM tags WHERE scenario = " + Sql.str(s.tag())
            + " ORDER BY log_id, start_ns, end_ns").values()) {
          out.add(new ClipRef((String) r.get(0), (Long) r.get(1), (Long) r.get(2)));
        }
        if (out.isEmpty()) {
          throw new IllegalArgumentException("tag '" + s.tag() + "' has no clips in the tags view; tags there: "
              + q.rows("SELECT DISTINCT scenario FROM tags ORDER BY 1").values().stream().map(r -> r.get(0)).toList());
        }
        yield out;
      }
      case MemberSource.Selection s -> new SelectionStore(lake).load(s.id()).refs();
      case MemberSource.Batch s -> batchClips(s.batch());
      case MemberSource.Clips s -> s.clips();
    };
  }

  /** The batch's latest label version, or 0 when it has none. */
  int latestLabelVersion(String batch) {
    try {
      return CurationStore.list(store.path("batches", batch, "labels")).stream().filter(n -> n.matches("v[1-9][0-9]*"))
          .mapToInt(n -> Integer.parseInt(n.substring(1))).max().orElse(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private LabelPin resolvePin(MemberSource source, LabelPin labels) {
    LabelPin pin = labels;
    if (pin == null) {
      pin = source instanceof MemberSource.Batch b && latestLabelVersion(b.batch()) > 0 ? new LabelPin(b.batch(), 0)
          : LabelPin.GROUND_TRUTH;
    }
    if (pin.isGroundTruth()) {
      return pin;
    }
    batchClips(pin.batch()); // the batch must exist
    if (pin.version() == 0) {
      int latest = latestLabelVersion(pin.batch());
      if (latest == 0) {
        throw new IllegalArgumentException("batch '" + pin.batch() + "' has no label versions yet ("
            + store.path("batches", pin.batch(), "labels") + " is empty); import labels first or use --labels gt");
      }
      return new LabelPin(pin.batch(), latest);
    }
    Path cuboids = cuboidsFile(pin);
    if (!Files.isRegularFile(cuboids)) {
      int latest = latestLabelVersion(pin.batch());
      throw new IllegalArgumentException("batch '" + pin.batch() + "' has no label version v" + pin.version() + " ("
          + cuboids + " is missing); it has " + (latest == 0 ? "none" : "v1..v" + latest));
    }
    return pin;
  }

  private Path cuboidsFile(LabelPin pin) {
    return store.path("batches", pin.batch(), "labels", "v" + pin.version()).resolve("cuboids.parquet");
  }

  /** The clips of {@code curation/batches/<batch>/batch.json} (strings LOG@S-E or objects). */
  List<ClipRef> batchClips(String batch) {
    Path f = store.path("batches", batch).resolve("batch.json");
    JsonNode root;
    try {
      root = CurationStore.readJson(f);
    } catch (java.nio.file.NoSuchFileException e) {
      List<String> there;
      try {
        there = CurationStore.list(store.root().resolve("batches"));
      } catch (IOException ex) {
        there = List.of();
      }
      throw new IllegalArgumentException("no labeling batch '" + batch + "' (" + f + " is missing); there are: " + there, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
    }
    JsonNode clips = root.get("clips");
    if (clips == null || !clips.isArray()) {
      throw new IllegalArgumentException(f + ": field 'clips' is missing or not an array");
    }
    List<ClipRef> out = new ArrayList<>();
    for (int i = 0; i < clips.size(); i++) {
      JsonNode n = clips.get(i);
      try {
        if (n.isTextual()) {
          out.add(ClipRef.parse(n.asText()));
        } else if (n.has("clip") && n.get("clip").isTextual()) {
          out.add(ClipRef.parse(n.get("clip").asText()));
        } else {
          JsonNode c = n.has("clip") ? n.get("clip") : n;
          out.add(new ClipRef(text(c, "logId", "log_id"), number(c, "startNs", "start_ns"), number(c, "endNs", "end_ns")));
        }
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new IllegalArgumentException(f + ": clips[" + i + "]: expected \"LOG@START_NS-END_NS\" or an object with"
            + " logId, startNs, endNs (" + e.getMessage() + ")", e);
      }
    }
    return out;
  }

  private static String text(JsonNode n, String a, String b) {
    JsonNode v = n.has(a) ? n.get(a) : n.get(b);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("field " + a + " is missing or not a string");
    }
    return v.asText();
  }

  private static long number(JsonNode n, String a, String b) {
    JsonNode v = n.has(a) ? n.get(a) : n.get(b);
    if (v == null || !v.canConvertToLong()) {
      throw new IllegalArgumentException("field " + a + " is missing or not an integer");
    }
    return v.asLong();
  }

  // ---------------------------------------------------------------- members and labels

  private record LogRow(String location, String sourceFormat, boolean egoPoseKnown, long startNs, long endNs) {}

  private static Map<String, LogRow> logs(LakeQuery q) {
    Map<String, LogRow> out = new HashMap<>();
    for (List<Object> r : q.rows("SELECT log_id, location, source_format, ego_pose_known, start_ns, end_ns FROM logs").values()) {
      out.put((String) r.get(0), new LogRow((String) r.get(1), (String) r.get(2), (Boolean) r.get(3), (Long) r.get(4),
          (Long) r.get(5)));
    }
    return out;
  }

  private static Set<String> cocoDatasets(LakeQuery q) {
    Set<String> out = new TreeSet<>();
    q.rows("SELECT DISTINCT dataset FROM boxes2d WHERE source = 'gt'").values().forEach(r -> out.add((String) r.get(0)));
    return out;
  }

  private static void checkClip(ClipRef c, Map<String, LogRow> logs, Set<String> coco, MemberSource source) {
    if (c.logId().startsWith(Member.COCO_PREFIX)) {
      String ds = c.logId().substring(Member.COCO_PREFIX.length());
      if (!coco.contains(ds)) {
        throw new IllegalArgumentException("clip " + c.id() + " (from " + source.kind() + "): the lake has no COCO ground truth"
            + " of dataset '" + ds + "' (table boxes2d); datasets there: " + coco);
      }
      return;
    }
    LogRow log = logs.get(c.logId());
    if (log == null) {
      throw new IllegalArgumentException("clip " + c.id() + " (from " + source.kind() + "): the lake has no log '"
          + c.logId() + "'" + (logs.size() <= 20 ? "; logs there: " + new TreeSet<>(logs.keySet()) : ""));
    }
    if (c.endNs() < log.startNs() || c.startNs() > log.endNs()) {
      throw new IllegalArgumentException("clip " + c.id() + " (from " + source.kind() + ") lies outside its log, which spans "
          + log.startNs() + "-" + log.endNs());
    }
  }

  /** Drops new clips whose scene is a near-duplicate of a member's or of an earlier new clip's. */
  private List<ClipRef> nearDedup(LakeQuery q, List<Member> old, List<ClipRef> fresh, double threshold) {
    List<ClipRef> kept = new ArrayList<>(old.stream().map(Member::clip).toList());
    List<ClipRef> out = new ArrayList<>();
    try (ClipIndex index = ClipIndex.open(lake)) {
      for (ClipRef c : fresh) {
        if (c.logId().startsWith(Member.COCO_PREFIX)) {
          out.add(c);
          continue;
        }
        // near-copies anywhere, the clip's own log included: a member may come from it
        List<Hit> hits = index.similar(q, new dev.fleetmine.query.Clip(c.logId(), c.startNs(), c.endNs(), 0, List.of()), 5,
            VectorFilter.NONE, dev.fleetmine.vector.HitSpread.ANYWHERE);
        boolean dup = hits.stream().filter(h -> h.score() >= threshold).anyMatch(h -> kept.stream().anyMatch(
            k -> k.overlaps(new ClipRef(h.meta().logId(), h.meta().startNs(), h.meta().endNs()))));
        if (!dup) {
          out.add(c);
          kept.add(c);
        }
      }
    }
    return out;
  }

  /** Members for new clips: location, source, frames and scenario tags from the lake (and the batch's tags). */
  private List<Member> describe(LakeQuery q, List<ClipRef> clips, String labelRef, Map<String, LogRow> logs, LabelPin pin) {
    Connection c = q.connection();
    List<Member> draft = new ArrayList<>();
    for (ClipRef r : clips) {
      LogRow l = logs.get(r.logId());
      draft.add(r.logId().startsWith(Member.COCO_PREFIX) ? new Member(r, null, "coco", false, 0, labelRef, List.of())
          : new Member(r, l.location(), l.sourceFormat(), l.egoPoseKnown(), 0, labelRef, List.of()));
    }
    Sql.membersTable(c, "ds_draft", draft);
    Map<String, Long> frames = new HashMap<>();
    for (Object[] row : Sql.rows(c, "SELECT d.clip_id, count(e.ts_ns) FROM ds_draft d LEFT JOIN ego e ON e.log_id = d.log_id"
        + " AND e.ts_ns BETWEEN d.start_ns AND d.end_ns GROUP BY d.clip_id")) {
      frames.put((String) row[0], ((Number) row[1]).longValue());
    }
    for (Object[] row : Sql.rows(c, "SELECT d.clip_id, count(DISTINCT b.image_id) FROM ds_draft d JOIN boxes2d b"
        + " ON b.dataset = substr(d.log_id, " + (Member.COCO_PREFIX.length() + 1) + ") AND b.source = 'gt'"
        + " AND b.image_id BETWEEN d.start_ns AND d.end_ns WHERE d.log_id LIKE 'coco:%' GROUP BY d.clip_id")) {
      frames.put((String) row[0], ((Number) row[1]).longValue());
    }
    Map<String, Set<String>> tags = new HashMap<>();
    String overlapping = " ON t.log_id = d.log_id AND t.start_ns <= d.end_ns AND d.start_ns <= t.end_ns";
    for (Object[] row : Sql.rows(c, "SELECT DISTINCT d.clip_id, t.scenario FROM ds_draft d JOIN tags t" + overlapping)) {
      tags.computeIfAbsent((String) row[0], k -> new TreeSet<>()).add((String) row[1]);
    }
    if (!pin.isGroundTruth()) {
      Path batchTags = cuboidsFile(pin).resolveSibling("tags.parquet");
      if (Files.isRegularFile(batchTags)) {
        for (Object[] row : Sql.rows(c, "SELECT DISTINCT d.clip_id, t.tag FROM ds_draft d JOIN read_parquet("
            + Sql.path(batchTags) + ") t" + overlapping)) {
          tags.computeIfAbsent((String) row[0], k -> new TreeSet<>()).add((String) row[1]);
        }
      }
    }
    return draft.stream().map(m -> new Member(m.clip(), m.location(), m.sourceFormat(), m.egoPoseKnown(),
        frames.getOrDefault(m.clipId(), 0L), m.labelRef(), List.copyOf(tags.getOrDefault(m.clipId(), Set.of())))).toList();
  }

  /**
   * Writes labels.parquet (the parent's rows plus the new members' pinned boxes, with the ego pose at each
   * box's timestamp) and, when any member is a COCO image range, boxes2d.parquet.
   */
  private void materializeLabels(Connection c, Path staged, Path parentDir, List<Member> added, LabelPin pin) {
    String ego = " LEFT JOIN ego e ON e.log_id = o.log_id AND e.ts_ns = o.ts_ns";
    String boxCols = "d.clip_id, o.log_id, o.ts_ns, o.track_id, o.category, o.raw_label, o.x, o.y, o.z, o.length, o.width,"
        + " o.height, o.yaw, ";
    String egoCols = ", e.x, e.y, e.z, e.yaw";
    String inClip = " ON o.log_id = d.log_id AND o.ts_ns BETWEEN d.start_ns AND d.end_ns";
    String fresh = pin.isGroundTruth()
        ? "SELECT " + boxCols + "'gt', '{}'" + egoCols + " FROM ds_new d JOIN objects o" + inClip + " AND o.source = 'gt'" + ego
        : "SELECT " + boxCols + "o.annotator, coalesce(o.attributes, '{}')" + egoCols + " FROM ds_new d JOIN read_parquet("
            + Sql.path(cuboidsFile(pin)) + ") o" + inClip + ego;
    Sql.exec(c, "CREATE OR REPLACE TEMP TABLE ds_labels (" + LABEL_DDL + ")");
    if (parentDir != null) {
      Sql.exec(c, "INSERT INTO ds_labels SELECT * FROM read_parquet(" + Sql.path(parentDir.resolve(LABELS)) + ")"
          + " WHERE clip_id NOT IN (SELECT clip_id FROM ds_new)"); // re-pinned members get their new labels
    }
    Sql.exec(c, "INSERT INTO ds_labels " + fresh);
    Sql.exec(c, "COPY (SELECT * FROM ds_labels ORDER BY log_id, ts_ns, clip_id, track_id, category, x, y) TO "
        + Sql.path(staged.resolve(LABELS)) + " (FORMAT parquet)");
    boolean parentBoxes = parentDir != null && Files.isRegularFile(parentDir.resolve(BOXES2D));
    if (parentBoxes || added.stream().anyMatch(Member::isCoco)) {
      String cocoNew = "SELECT d.clip_id, b.* FROM ds_new d JOIN boxes2d b ON b.dataset = substr(d.log_id, "
          + (Member.COCO_PREFIX.length() + 1) + ") AND b.source = 'gt' AND b.image_id BETWEEN d.start_ns AND d.end_ns"
          + " WHERE d.log_id LIKE 'coco:%'";
      String all = parentBoxes ? "SELECT * FROM read_parquet(" + Sql.path(parentDir.resolve(BOXES2D))
          + ") WHERE clip_id NOT IN (SELECT clip_id FROM ds_new) UNION ALL " + cocoNew
          : cocoNew;
      Sql.exec(c, "COPY (" + all + " ORDER BY dataset, image_id, ordinal NULLS FIRST) TO " + Sql.path(staged.resolve(BOXES2D))
          + " (FORMAT parquet)");
    }
  }
}
