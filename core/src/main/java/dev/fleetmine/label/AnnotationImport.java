package dev.fleetmine.label;

import dev.fleetmine.ingest.Category;
import dev.fleetmine.query.LakeQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Imports completed annotations of a batch as its next label version. The files are read by the format's
 * reader and checked against the batch: every box must be at a frame of the batch, with a known category,
 * finite position and yaw, finite positive sizes, and at most one box per track and frame; every tag must
 * be of a clip of the batch. Any problem rejects the whole import ({@link LabelImportException}, listing each
 * problem with its file and place) and nothing is written; otherwise {@code labels/v<N>/} is written whole
 * and an {@code imported} event recorded.
 */
public final class AnnotationImport {
  private AnnotationImport() {}

  /** The categories an annotation may use: the lake's taxonomy (docs/schema.md#categories), without dont_care. */
  static final List<String> CATEGORIES = Arrays.stream(Category.values()).filter(c -> c != Category.DONT_CARE)
      .map(Category::sqlName).toList();

  /** Imports {@code files} (a directory stands for the files in it with the format's extension). */
  public static LabelVersion run(LabelStore store, String batchId, LabelFormat format, String annotator, List<Path> files) {
    if (annotator == null || annotator.isBlank() || annotator.length() > 128 || annotator.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("--annotator '" + annotator + "': expected a name of 1-128 printable characters");
    }
    LabelBatch batch = store.batch(batchId);
    List<Path> inputs = expand(files, format);
    Map<String, String> systems = coordinateSystems(store, batch);
    AnnotationReader reader = switch (format) {
      case OPENLABEL -> new OpenLabelReader();
      case CVAT -> new CvatReader();
      case LABELSTUDIO -> new LabelStudioReader();
    };
    Parsed parsed = new Parsed();
    List<LabelVersion.SourceFile> sources = new ArrayList<>();
    for (Path f : inputs) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(f);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
      }
      sources.add(new LabelVersion.SourceFile(f.getFileName().toString(), sha256(bytes), bytes.length));
      reader.read(f, bytes, batch, systems, parsed);
    }
    List<Cuboid> boxes = check(parsed, annotator);
    List<ClipTag> tags = new ArrayList<>();
    java.util.Set<String> seenTags = new java.util.HashSet<>();
    for (Parsed.Located<ClipTag> t : parsed.tags) {
      if (seenTags.add(t.value().clip().id() + "\u0000" + t.value().tag())) {
        tags.add(new ClipTag(t.value().clip(), t.value().tag(), annotator));
      }
    }
    if (!parsed.problems.isEmpty()) {
      throw new LabelImportException(parsed.problems);
    }
    return store.writeVersion(batch, format, annotator, sources, boxes, tags, parsed.unannotated);
  }

  /** The checks every format shares; adds problems to {@code parsed}, returns the boxes as the annotator's. */
  private static List<Cuboid> check(Parsed parsed, String annotator) {
    List<Cuboid> out = new ArrayList<>();
    Map<String, String> tracks = new HashMap<>();
    for (Parsed.Located<Cuboid> l : parsed.boxes) {
      Cuboid b = l.value();
      Category category;
      try {
        category = Category.fromSqlName(b.category());
      } catch (IllegalArgumentException e) {
        category = null;
      }
      if (category == null || category == Category.DONT_CARE) {
        parsed.problems.add(l.where() + ": unknown category '" + b.category() + "'; expected one of " + String.join(", ", CATEGORIES));
        continue;
      }
      String bad = badNumbers(b);
      if (bad != null) {
        parsed.problems.add(l.where() + ": " + bad);
        continue;
      }
      if (b.trackId() != null) {
        String key = b.logId() + "\u0000" + b.tsNs() + "\u0000" + b.trackId();
        String other = tracks.putIfAbsent(key, l.where());
        if (other != null) {
          parsed.problems.add(l.where() + ": track '" + b.trackId() + "' has a second box at " + b.logId() + " " + b.tsNs()
              + " (the first: " + other + ")");
          continue;
        }
      }
      out.add(new Cuboid(b.logId(), b.tsNs(), b.trackId(), category.sqlName(), b.rawLabel(), b.x(), b.y(), b.z(), b.length(),
          b.width(), b.height(), b.yaw(), annotator, b.score(), b.attributes()));
    }
    return out;
  }

  private static String badNumbers(Cuboid b) {
    Map<String, Double> position = new LinkedHashMap<>();
    position.put("x", b.x());
    position.put("y", b.y());
    position.put("z", b.z());
    position.put("yaw", b.yaw());
    for (var e : position.entrySet()) {
      if (!Double.isFinite(e.getValue())) {
        return e.getKey() + " = " + e.getValue() + ": expected a finite number";
      }
    }
    Map<String, Double> size = new LinkedHashMap<>();
    size.put("length", b.length());
    size.put("width", b.width());
    size.put("height", b.height());
    for (var e : size.entrySet()) {
      if (!Double.isFinite(e.getValue()) || !(e.getValue() > 0)) {
        return e.getKey() + " = " + e.getValue() + ": expected a finite size > 0 (metres)";
      }
    }
    return null;
  }

  /** Each log's coordinate system ({@code ego} for logs without ego poses, else {@code log_local}). */
  static Map<String, String> coordinateSystems(LabelStore store, LabelBatch batch) {
    Map<String, String> out = new HashMap<>();
    batch.refs().forEach(c -> out.put(c.logId(), BatchContent.LOG_LOCAL));
    try (LakeQuery q = LakeQuery.open(store.lake())) {
      q.rows("SELECT log_id, ego_pose_known FROM logs").values().forEach(r -> {
        if (out.containsKey((String) r.get(0)) && Boolean.FALSE.equals(r.get(1))) {
          out.put((String) r.get(0), BatchContent.EGO);
        }
      });
    }
    return out;
  }

  private static List<Path> expand(List<Path> files, LabelFormat format) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no annotation file given");
    }
    String ext = format == LabelFormat.CVAT ? ".xml" : ".json";
    List<Path> out = new ArrayList<>();
    for (Path f : files) {
      if (Files.isDirectory(f)) {
        try (Stream<Path> s = Files.list(f)) {
          List<Path> in = s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(ext)).sorted().toList();
          if (in.isEmpty()) {
            throw new IllegalArgumentException(f + ": no " + ext + " files in this directory");
          }
          out.addAll(in);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      } else if (!Files.isRegularFile(f)) {
        throw new IllegalArgumentException(f + ": no such file");
      } else {
        out.add(f);
      }
    }
    List<String> names = out.stream().map(p -> p.getFileName().toString()).toList();
    if (names.stream().distinct().count() != names.size()) {
      throw new IllegalArgumentException("two annotation files share a name: " + names.stream()
          .collect(Collectors.groupingBy(n -> n, Collectors.counting())).entrySet().stream().filter(e -> e.getValue() > 1)
          .map(Map.Entry::getKey).sorted().toList());
    }
    return out;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
