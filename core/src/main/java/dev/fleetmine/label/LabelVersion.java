package dev.fleetmine.label;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetmine.lake.CurationStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One imported label version of a batch, {@code batches/<batch>/labels/v<N>/version.json}; its boxes and
 * tags are the sibling {@code cuboids.parquet} and {@code tags.parquet}. Immutable once written.
 *
 * @param batch             the batch
 * @param version           N (1, 2, ...)
 * @param annotators        who labelled it (the import's annotator)
 * @param format            the tool format it was imported from
 * @param sources           the imported files (name, sha256, bytes)
 * @param cuboids           boxes
 * @param tags              clip tags
 * @param framesWithBoxes   batch frames holding at least one box
 * @param framesUnannotated batch frames the file left unannotated (Label Studio tasks without a completed annotation)
 * @param categories        boxes per category
 * @param createdAt         when it was imported
 */
public record LabelVersion(String batch, int version, List<String> annotators, LabelFormat format, List<SourceFile> sources,
    long cuboids, long tags, long framesWithBoxes, long framesUnannotated, Map<String, Long> categories, Instant createdAt) {
  public LabelVersion {
    requireNonNull(batch, "batch is null");
    annotators = List.copyOf(annotators);
    sources = List.copyOf(sources);
    categories = java.util.Collections.unmodifiableMap(new TreeMap<>(categories));
  }

  /**
   * One imported file.
   *
   * @param name   its file name (no directories)
   * @param sha256 hex SHA-256 of its bytes
   * @param bytes  its size
   */
  public record SourceFile(String name, String sha256, long bytes) {}

  /** {@code v3}. */
  public String name() {
    return "v" + version;
  }

  public ObjectNode toJson() {
    ObjectNode o = CurationStore.json().createObjectNode();
    o.put("batch", batch);
    o.put("version", version);
    ArrayNode a = o.putArray("annotators");
    annotators.forEach(a::add);
    o.put("format", format.cliName());
    ArrayNode s = o.putArray("sources");
    for (SourceFile f : sources) {
      s.addObject().put("name", f.name()).put("sha256", f.sha256()).put("bytes", f.bytes());
    }
    ObjectNode c = o.putObject("counts");
    c.put("cuboids", cuboids);
    c.put("tags", tags);
    c.put("frames_with_boxes", framesWithBoxes);
    c.put("frames_unannotated", framesUnannotated);
    ObjectNode cat = c.putObject("categories");
    categories.forEach(cat::put);
    o.put("created_at", createdAt.toString());
    return o;
  }

  public static LabelVersion fromJson(JsonNode o, Path file) {
    List<String> annotators = new ArrayList<>();
    o.path("annotators").forEach(n -> annotators.add(n.asText()));
    List<SourceFile> sources = new ArrayList<>();
    o.path("sources").forEach(n -> sources.add(new SourceFile(n.path("name").asText(), n.path("sha256").asText(),
        n.path("bytes").asLong())));
    JsonNode c = o.path("counts");
    Map<String, Long> cat = new TreeMap<>();
    c.path("categories").fields().forEachRemaining(e -> cat.put(e.getKey(), e.getValue().asLong()));
    return new LabelVersion(o.path("batch").asText(), o.path("version").asInt(), annotators,
        LabelFormat.parse(o.path("format").asText()), sources, c.path("cuboids").asLong(), c.path("tags").asLong(),
        c.path("frames_with_boxes").asLong(), c.path("frames_unannotated").asLong(), cat,
        Instant.parse(o.path("created_at").asText()));
  }
}
