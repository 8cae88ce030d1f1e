package dev.fleetmine.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetmine.label.Cuboid;
import dev.fleetmine.label.OpenLabelWriter;
import dev.fleetmine.lake.Lake;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Exports a dataset version for training into a new directory: the format's files per split and a
 * {@code manifest.json} with the SHA-256 and size of each. The export is written to a temporary sibling
 * directory and renamed onto the target at the end, so a failed export leaves nothing; a non-empty target
 * is refused. Formats in docs/curation.md#exports.
 */
public final class DatasetExport {
  /** The default shard size of the Parquet export. */
  public static final int DEFAULT_SHARD_ROWS = 100_000;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * What to export and where.
   *
   * @param format     the format
   * @param out        the target directory (missing or empty)
   * @param shardRows  rows per Parquet shard at most
   * @param kittiCalib a KITTI root or calib folder: KITTI logs without ego poses are then written in camera
   *                   coordinates (without it, and for other logs, in the ego/LiDAR frame)
   */
  public record Options(ExportFormat format, Path out, int shardRows, Path kittiCalib) {
    public Options {
      if (shardRows < 1) {
        throw new IllegalArgumentException("--shard-rows " + shardRows + ": expected a positive number of rows");
      }
    }
  }

  private DatasetExport() {}

  /** Exports {@code version} (null: the newest) of {@code name}; returns the manifest written. */
  public static ExportManifest export(DatasetStore store, String name, Integer version, Options o) {
    DatasetVersion v = store.resolve(name, version);
    Path dir = store.dir(name, v.version());
    Path out = o.out().toAbsolutePath().normalize();
    refuseNonEmpty(out);
    List<Member> members = DatasetStore.readMembers(dir.resolve(DatasetStore.MEMBERS));
    Map<String, String> splits = DatasetStore.readSplits(dir);
    List<String> parts = v.split() == null ? List.of("") : v.split().names();
    Path tmp = out.resolveSibling("." + out.getFileName() + ".tmp-" + java.util.UUID.randomUUID());
    try {
      Files.createDirectories(tmp);
      Map<String, Long> counts = new TreeMap<>();
      Map<LeftOut, Long> leftOut = new java.util.EnumMap<>(LeftOut.class);
      counts.put("members", (long) members.size());
      for (String p : parts) {
        List<Member> pm = members.stream().filter(m -> splits.getOrDefault(m.clipId(), "").equals(p)).toList();
        if (!p.isEmpty()) {
          counts.put("members:" + p, (long) pm.size());
        }
        long[] in = inputs(dir, pm);
        counts.merge("label_rows", in[0], Long::sum);
        counts.merge("image_boxes", in[1], Long::sum);
        Path target = p.isEmpty() ? tmp : Files.createDirectories(tmp.resolve(p));
        exportPart(o, target, dir, pm, in, counts, leftOut);
      }
      if (o.format() == ExportFormat.COCO && counts.get("images") == 0) {
        throw new IllegalArgumentException("dataset '" + name + "' v" + v.version() + " has no 2D boxes: COCO export needs"
            + " members that are COCO images (clips coco:DATASET@FIRST_ID-LAST_ID from `fleetmine coco import-gt`)");
      }
      Map<String, Long> leftOutById = new TreeMap<>();
      leftOut.forEach((r, n) -> leftOutById.put(r.id(), n));
      ExportManifest manifest = new ExportManifest(name, v.version(), o.format().id(), files(tmp), counts, leftOutById);
      JSON.writeValue(tmp.resolve("manifest.json").toFile(), manifest);
      if (Files.isDirectory(out)) {
        Files.delete(out); // empty, checked above
      }
      Files.createDirectories(out.getParent());
      Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
      return manifest;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot export to " + out + ": " + e.getMessage(), e);
    } finally {
      Lake.deleteTreeQuietly(tmp);
    }
  }

  /**
   * Writes one split (or the whole version) in the format; adds what was written to {@code counts} and what
   * was not to {@code leftOut}. {@code in} holds the part's 3D label rows and 2D image boxes.
   */
  private static void exportPart(Options o, Path target, Path dir, List<Member> pm, long[] in, Map<String, Long> counts,
      Map<LeftOut, Long> leftOut) throws IOException {
    switch (o.format()) {
      case KITTI -> counts.merge("boxes", KittiExport.write(target, pm, boxes(dir, pm), o.kittiCalib(), leftOut), Long::sum);
      case OPENLABEL -> counts.merge("boxes", openLabel(target, pm, boxes(dir, pm), leftOut), Long::sum);
      case PARQUET -> {
        long[] rows = parquet(target, dir, pm, o.shardRows());
        counts.merge("boxes", rows[0], Long::sum);
        counts.merge("boxes2d_rows", rows[1], Long::sum);
      }
      case COCO -> {
        long[] c = coco(target, dir, pm);
        counts.merge("images", c[0], Long::sum);
        counts.merge("annotations", c[1], Long::sum);
        addLeftOut(leftOut, LeftOut.CUBOID_3D, in[0]);
      }
    }
    if (o.format() == ExportFormat.KITTI || o.format() == ExportFormat.OPENLABEL) {
      addLeftOut(leftOut, LeftOut.IMAGE_BOX_2D, in[1]);
    }
  }

  private static void addLeftOut(Map<LeftOut, Long> leftOut, LeftOut reason, long n) {
    if (n > 0) {
      leftOut.merge(reason, n, Long::sum);
    }
  }

  /** The 3D label rows and the 2D image boxes (COCO annotations) of {@code members} in the version. */
  private static long[] inputs(Path dir, List<Member> members) {
    try (Connection c = DatasetStore.duck()) {
      Sql.membersTable(c, "pm", members);
      long labels = Sql.count(c, "SELECT count(*) FROM read_parquet(" + Sql.path(dir.resolve(DatasetStore.LABELS))
          + ") SEMI JOIN pm USING (clip_id)");
      Path boxes2d = dir.resolve(DatasetStore.BOXES2D);
      long images = !Files.isRegularFile(boxes2d) ? 0 : Sql.count(c, "SELECT count(*) FROM read_parquet(" + Sql.path(boxes2d)
          + ") SEMI JOIN pm USING (clip_id) WHERE annotation_id IS NOT NULL");
      return new long[] {labels, images};
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void refuseNonEmpty(Path out) {
    if (Files.isRegularFile(out)) {
      throw new IllegalArgumentException("export target " + out + " is a file; expected a missing or empty directory");
    }
    if (Files.isDirectory(out)) {
      try (Stream<Path> s = Files.list(out)) {
        if (s.findAny().isPresent()) {
          throw new IllegalArgumentException("export target " + out + " is not empty; choose a new directory");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Every file under {@code root} with its checksum, sorted by path. */
  static List<ExportManifest.FileEntry> files(Path root) throws IOException {
    List<ExportManifest.FileEntry> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        out.add(new ExportManifest.FileEntry(root.relativize(p).toString().replace('\\', '/'), sha256(p), Files.size(p)));
      }
    }
    return out;
  }

  /** The SHA-256 of a file, lower-case hex. */
  public static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The pinned boxes of {@code members}, by member, in (timestamp, track) order. */
  static Map<String, List<Box>> boxes(Path dir, List<Member> members) {
    Map<String, List<Box>> out = new LinkedHashMap<>();
    members.forEach(m -> out.put(m.clipId(), new ArrayList<>()));
    try (Connection c = DatasetStore.duck()) {
      for (Object[] r : Sql.rows(c, "SELECT clip_id, log_id, ts_ns, track_id, category, raw_label, x, y, z, length, width, height,"
          + " yaw, annotator, attributes, coalesce(ego_x, 'NaN'), coalesce(ego_y, 'NaN'), coalesce(ego_z, 'NaN'),"
          + " coalesce(ego_yaw, 'NaN') FROM read_parquet(" + Sql.path(dir.resolve(DatasetStore.LABELS)) + ")"
          + " ORDER BY clip_id, ts_ns, TRY_CAST(track_id AS BIGINT) NULLS LAST, track_id, category, x, y")) {
        List<Box> list = out.get((String) r[0]);
        if (list != null) {
          list.add(new Box((String) r[0], (String) r[1], (Long) r[2], (String) r[3], (String) r[4], (String) r[5], d(r[6]),
              d(r[7]), d(r[8]), d(r[9]), d(r[10]), d(r[11]), d(r[12]), (String) r[13], (String) r[14], d(r[15]), d(r[16]),
              d(r[17]), d(r[18])));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  private static double d(Object o) {
    return ((Number) o).doubleValue();
  }

  // ---------------------------------------------------------------- OpenLABEL

  private static long openLabel(Path target, List<Member> members, Map<String, List<Box>> boxes, Map<LeftOut, Long> leftOut)
      throws IOException {
    OpenLabelWriter writer = new OpenLabelWriter();
    long n = 0;
    for (Member m : members) {
      if (m.isCoco()) {
        continue;
      }
      List<Box> b = boxes.get(m.clipId());
      String frame = m.egoPoseKnown() ? "log_local" : "ego";
      String file = m.logId().replaceAll("[^A-Za-z0-9._-]", "_") + "_" + m.clip().startNs() + "_" + m.clip().endNs() + ".json";
      writer.write(new OpenLabelWriter.Scene(m.clipId(), frame, frames(b), m.tags(), Map.of()), target.resolve(file));
      // a frame's objects are keyed by track and category (an untracked box is an object of its own), so of
      // boxes repeating a tracked object in one frame only one is in the file
      java.util.Set<List<Object>> objects = new java.util.HashSet<>();
      long repeated = b.stream().filter(x -> x.trackId() != null && !objects.add(List.of(x.tsNs(), x.trackId(), x.category())))
          .count();
      addLeftOut(leftOut, LeftOut.SAME_OBJECT_IN_FRAME, repeated);
      n += b.size() - repeated;
    }
    return n;
  }

  /** A member's boxes (in timestamp order) as the OpenLABEL writer's frames, one per labelled timestamp. */
  private static List<OpenLabelWriter.Frame> frames(List<Box> boxes) {
    Map<Long, List<Cuboid>> byTs = new TreeMap<>();
    for (Box b : boxes) {
      byTs.computeIfAbsent(b.tsNs(), t -> new ArrayList<>()).add(new Cuboid(b.logId(), b.tsNs(), b.trackId(), b.category(),
          b.rawLabel(), b.x(), b.y(), b.z(), b.length(), b.width(), b.height(), b.yaw(), b.annotator(), null, b.attributes()));
    }
    List<OpenLabelWriter.Frame> out = new ArrayList<>(byTs.size());
    byTs.forEach((ts, cs) -> out.add(new OpenLabelWriter.Frame(ts, cs)));
    return out;
  }

  // ---------------------------------------------------------------- Parquet

  /** Members, labels and (for COCO members) 2D boxes as shards; returns the label rows and 2D box rows written. */
  private static long[] parquet(Path target, Path dir, List<Member> members, int shardRows) throws IOException {
    try (Connection c = DatasetStore.duck()) {
      Sql.membersTable(c, "pm", members);
      Sql.exec(c, "CREATE TEMP TABLE pmo AS SELECT " + Sql.memberColumns() + " FROM pm ORDER BY log_id, start_ns, end_ns");
      Sql.exec(c, "CREATE TEMP TABLE plo AS SELECT l.* FROM read_parquet(" + Sql.path(dir.resolve(DatasetStore.LABELS))
          + ") l SEMI JOIN pm USING (clip_id) ORDER BY log_id, ts_ns, clip_id, track_id, category, x, y");
      shards(c, "pmo", Files.createDirectories(target.resolve("members")), shardRows);
      long labels = shards(c, "plo", Files.createDirectories(target.resolve("labels")), shardRows);
      long boxes2d = 0;
      if (Files.isRegularFile(dir.resolve(DatasetStore.BOXES2D)) && members.stream().anyMatch(Member::isCoco)) {
        Sql.exec(c, "CREATE TEMP TABLE pbo AS SELECT b.* FROM read_parquet(" + Sql.path(dir.resolve(DatasetStore.BOXES2D))
            + ") b SEMI JOIN pm USING (clip_id) ORDER BY dataset, image_id, ordinal NULLS FIRST");
        boxes2d = shards(c, "pbo", Files.createDirectories(target.resolve("boxes2d")), shardRows);
      }
      return new long[] {labels, boxes2d};
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long shards(Connection c, String table, Path dir, int shardRows) {
    long rows = Sql.count(c, "SELECT count(*) FROM " + table);
    for (long off = 0, i = 0; off < Math.max(rows, 1); off += shardRows, i++) {
      Sql.exec(c, "COPY (SELECT * FROM " + table + " LIMIT " + shardRows + " OFFSET " + off + ") TO "
          + Sql.path(dir.resolve(String.format(Locale.ROOT, "part-%05d.parquet", i))) + " (FORMAT parquet)");
    }
    return rows;
  }

  // ---------------------------------------------------------------- COCO

  private static long[] coco(Path target, Path dir, List<Member> members) throws IOException {
    Path boxes = dir.resolve(DatasetStore.BOXES2D);
    if (!Files.isRegularFile(boxes) || members.stream().noneMatch(Member::isCoco)) {
      return new long[] {0, 0};
    }
    try (Connection c = DatasetStore.duck()) {
      Sql.membersTable(c, "pm", members);
      Sql.exec(c, "CREATE TEMP TABLE b AS SELECT x.* FROM read_parquet(" + Sql.path(boxes) + ") x SEMI JOIN pm USING (clip_id)");
      ObjectNode root = JSON.createObjectNode();
      ArrayNode images = root.putArray("images");
      for (Object[] r : Sql.rows(c, "SELECT image_id, any_value(file_name), any_value(width), any_value(height) FROM b"
          + " GROUP BY image_id ORDER BY image_id")) {
        ObjectNode i = images.addObject();
        i.put("id", (Long) r[0]);
        if (r[1] != null) {
          i.put("file_name", (String) r[1]);
        }
        if (r[2] != null) {
          i.put("width", ((Number) r[2]).intValue());
        }
        if (r[3] != null) {
          i.put("height", ((Number) r[3]).intValue());
        }
      }
      ArrayNode anns = root.putArray("annotations");
      for (Object[] r : Sql.rows(c, "SELECT annotation_id, image_id, category_id, x, y, w, h, area, iscrowd FROM b"
          + " WHERE annotation_id IS NOT NULL ORDER BY ordinal")) {
        ObjectNode a = anns.addObject();
        a.put("id", (Long) r[0]);
        a.put("image_id", (Long) r[1]);
        a.put("category_id", (Long) r[2]);
        ArrayNode bb = a.putArray("bbox");
        for (int k = 3; k < 7; k++) {
          bb.add(d(r[k]));
        }
        a.put("area", d(r[7]));
        a.put("iscrowd", Boolean.TRUE.equals(r[8]) ? 1 : 0);
      }
      ArrayNode cats = root.putArray("categories");
      for (Object[] r : Sql.rows(c, "SELECT DISTINCT category_id, category FROM b WHERE category_id IS NOT NULL ORDER BY 1")) {
        cats.addObject().put("id", (Long) r[0]).put("name", (String) r[1]);
      }
      JSON.writeValue(target.resolve("instances.json").toFile(), root);
      return new long[] {images.size(), anns.size()};
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
