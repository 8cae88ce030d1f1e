package dev.fleetmine.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The lake's curation area, {@code <lake>/curation/}: selections, labeling batches with their label
 * versions, and datasets (layout in docs/curation.md). Unlike the per-log tables these objects are not
 * listed in snapshots: each is written once, whole, and never changed, so a reader sees it entirely or
 * not at all.
 *
 * <p>Every write goes to a private staging path first and is then published with one atomic step that
 * fails if the target exists: {@code link(2)} for a file, {@code rename(2)} onto a missing name for a
 * directory. A failed or killed writer leaves only staging debris ({@link #cleanStaging()} removes it),
 * never a half-written object, and two writers racing for one name cannot both win.
 * {@link Lake#vacuum()} never touches this area.
 */
public final class CurationStore {
  /** Names of selections, batches, datasets: safe as one path segment. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path root;

  private CurationStore(Path root) {
    this.root = root;
  }

  /** The curation area of a lake (created on first write). */
  public static CurationStore of(Lake lake) {
    return new CurationStore(lake.root().resolve("curation"));
  }

  public Path root() {
    return root;
  }

  /** Checks a user-chosen name; the message says what is allowed. */
  public static String checkName(String what, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(what + " name '" + name
          + "' is not allowed: expected 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    return name;
  }

  /** The path of {@code kind/name/...} inside the area (nothing is created). */
  public Path path(String kind, String... names) {
    Path p = root.resolve(checkName("kind", kind));
    for (String n : names) {
      p = p.resolve(checkName(kind, n));
    }
    return p;
  }

  /** Writes {@code value} as JSON to {@code target} (create-only, atomic). */
  public void writeJsonOnce(Path target, Object value) throws IOException {
    writeOnce(target, tmp -> JSON.writeValue(tmp.toFile(), value));
  }

  /** Reads a JSON object written by {@link #writeJsonOnce}. */
  public static JsonNode readJson(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new java.nio.file.NoSuchFileException(file.toString());
    }
    return JSON.readTree(file.toFile());
  }

  /** Reads a JSON file into a type (records work). */
  public static <T> T readJson(Path file, Class<T> type) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new java.nio.file.NoSuchFileException(file.toString());
    }
    return JSON.readValue(file.toFile(), type);
  }

  /** The mapper used for curation JSON (indenting, records supported). */
  public static ObjectMapper json() {
    return JSON;
  }

  /** What fills a staged file or directory. */
  @FunctionalInterface
  public interface Filler {
    void fill(Path staged) throws IOException;
  }

  /**
   * Writes one file: {@code filler} writes a staged file, which then appears at {@code target} with one
   * {@code link(2)}; fails with {@link FileAlreadyExistsException} when {@code target} exists.
   */
  public void writeOnce(Path target, Filler filler) throws IOException {
    Path tmp = newStaging().resolve(target.getFileName().toString());
    try {
      filler.fill(tmp);
      Files.createDirectories(target.getParent());
      Files.createLink(target, tmp);
    } finally {
      Lake.deleteTreeQuietly(tmp.getParent());
    }
  }

  /**
   * Writes one directory: {@code filler} fills a staged directory, which then appears at {@code target}
   * with one {@code rename(2)}; fails with {@link FileAlreadyExistsException} when {@code target} exists.
   */
  public void writeDirOnce(Path target, Filler filler) throws IOException {
    Path staging = newStaging();
    Path tmp = staging.resolve("d");
    try {
      Files.createDirectories(tmp);
      filler.fill(tmp);
      Files.createDirectories(target.getParent());
      if (Files.exists(target)) {
        throw new FileAlreadyExistsException(target.toString());
      }
      try {
        // rename(2) of a directory onto an existing non-empty one fails: the race loser sees it here
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (DirectoryNotEmptyException e) {
        throw new FileAlreadyExistsException(target.toString());
      }
    } finally {
      Lake.deleteTreeQuietly(staging);
    }
  }

  /** Names of the entries (files or directories) directly under {@code dir}, sorted; empty if none. */
  public static List<String> list(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".") && !n.startsWith("_")).sorted()
          .toList();
    }
  }

  /** Removes debris of killed writers; returns how many staging directories were deleted. */
  public int cleanStaging() throws IOException {
    Path staging = root.resolve("_staging");
    try (Stream<Path> s = Files.isDirectory(staging) ? Files.list(staging) : Stream.empty()) {
      List<Path> all = s.toList();
      all.forEach(Lake::deleteTreeQuietly);
      return all.size();
    }
  }

  private Path newStaging() throws IOException {
    return Files.createDirectories(root.resolve("_staging").resolve(UUID.randomUUID().toString()));
  }
}
