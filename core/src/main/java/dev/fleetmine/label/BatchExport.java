package dev.fleetmine.label;

import dev.fleetmine.lake.CurationStore;
import dev.fleetmine.lake.Lake;
import dev.fleetmine.query.LakeQuery;
import dev.fleetmine.query.ScenarioLibrary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Exports a batch for an annotation tool into a new directory (written beside it and renamed at the end; a
 * non-empty target is refused), then records an {@code exported} event. Files:
 * {@code openlabel}: one {@code <clip>.json} per clip ({@link OpenLabelWriter}); {@code cvat}:
 * {@code annotations.xml} ({@link CvatXml}); {@code labelstudio}: {@code tasks.json} and
 * {@code label_config.xml} ({@link LabelStudioTasks}).
 */
public final class BatchExport {
  private BatchExport() {}

  /**
   * What was exported.
   *
   * @param batch         the batch
   * @param format        the format
   * @param dir           the directory written
   * @param files         the files in it, relative, sorted
   * @param frames        frames exported
   * @param boxes         pre-annotation boxes
   * @param tags          pre-annotation clip tags
   * @param preAnnotation where the boxes came from (gt, model:NAME, none)
   */
  public record Result(String batch, LabelFormat format, Path dir, List<String> files, int frames, long boxes, long tags,
      String preAnnotation) {
    public Result {
      files = List.copyOf(files);
    }
  }

  /** Exports {@code batch}; {@code preAnnotate} as {@link BatchContent#read} takes it. */
  public static Result export(LabelStore store, String batch, LabelFormat format, Path out, String preAnnotate) {
    LabelBatch b = store.batch(batch);
    Path target = out.toAbsolutePath().normalize();
    try {
      if (Files.isRegularFile(target) || (Files.isDirectory(target) && !isEmpty(target))) {
        throw new IllegalArgumentException("--out " + target + " exists and is not an empty directory; export into a new one");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    BatchContent content;
    try (LakeQuery q = LakeQuery.open(store.lake())) {
      content = BatchContent.read(q, b, preAnnotate);
    }
    Map<String, byte[]> files = render(content, format);
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + java.util.UUID.randomUUID());
    try {
      Files.createDirectories(tmp);
      for (var e : files.entrySet()) {
        Files.write(tmp.resolve(e.getKey()), e.getValue());
      }
      Files.deleteIfExists(target); // an empty directory, checked above
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Lake.deleteTreeQuietly(tmp);
      throw new UncheckedIOException("cannot export batch '" + batch + "' to " + target + ": " + e.getMessage(), e);
    }
    long boxes = content.clips().stream().flatMap(c -> c.frames().stream()).mapToLong(f -> f.boxes().size()).sum();
    long tags = content.clips().stream().mapToLong(c -> c.tags().size()).sum();
    Map<String, String> detail = new LinkedHashMap<>();
    detail.put("format", format.cliName());
    detail.put("out", target.toString());
    detail.put("pre_annotation", content.preAnnotation());
    detail.put("files", Integer.toString(files.size()));
    detail.put("boxes", Long.toString(boxes));
    store.appendEvent(batch, BatchEvent.Type.EXPORTED, detail);
    return new Result(batch, format, target, new ArrayList<>(files.keySet()), b.frameCount(), boxes, tags, content.preAnnotation());
  }

  /** The files of an export, by relative name, in order. */
  static Map<String, byte[]> render(BatchContent content, LabelFormat format) {
    Map<String, byte[]> files = new java.util.TreeMap<>();
    List<String> vocabulary = CvatXml.vocabulary(content, ScenarioLibrary.BUILT_IN);
    try {
      switch (format) {
        case OPENLABEL -> {
          for (BatchContent.Clip clip : content.clips()) {
            files.put(fileName(clip.clip().clip().id()) + ".json",
                CurationStore.json().writeValueAsBytes(OpenLabelWriter.toJson(scene(content, clip))));
          }
        }
        case CVAT -> files.put("annotations.xml", CvatXml.write(content, vocabulary).getBytes(StandardCharsets.UTF_8));
        case LABELSTUDIO -> {
          files.put("tasks.json", CurationStore.json().writeValueAsBytes(LabelStudioTasks.write(content)));
          files.put("label_config.xml", LabelStudioTasks.labelConfig(vocabulary).getBytes(StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** The OpenLABEL scene of one batch clip. */
  static OpenLabelWriter.Scene scene(BatchContent content, BatchContent.Clip clip) {
    List<OpenLabelWriter.Frame> frames = clip.frames().stream().map(f -> new OpenLabelWriter.Frame(f.tsNs(), f.boxes())).toList();
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("batch", content.batch().id());
    meta.put("pre_annotation", content.preAnnotation());
    return new OpenLabelWriter.Scene(clip.clip().clip().id(), clip.coordinateSystem(), frames, clip.tags(), meta);
  }

  /** A clip id as a file name: {@code LOG_START_END}, other characters than letters, digits, '.', '-' as '_'. */
  static String fileName(String clipId) {
    int at = clipId.lastIndexOf('@');
    String s = clipId.substring(0, at) + "_" + clipId.substring(at + 1).replace('-', '_');
    return s.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }
}
