package dev.fleetmine.label;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetmine.lake.CurationStore;
import dev.fleetmine.query.ClipRef;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A labeling batch: clips to label and the frames of each that annotators see, written once as
 * {@code curation/batches/<id>/batch.json} (docs/curation.md#labeling). Clips of one batch never overlap,
 * so every frame belongs to exactly one clip.
 *
 * @param id              the batch's name
 * @param selectionId     the selection it was created from, null when made from explicit clip ids
 * @param clips           its clips, in the order given (a selection's pick order), each with its frames
 * @param every           frames are every N-th ego timestamp of a clip (1 = all)
 * @param snapshotVersion the lake snapshot the frames were read from
 * @param createdAt       when it was made
 */
public record LabelBatch(String id, String selectionId, List<BatchClip> clips, int every, long snapshotVersion,
    Instant createdAt) {
  public LabelBatch {
    CurationStore.checkName("batch", id);
    clips = List.copyOf(clips);
    requireNonNull(createdAt, "createdAt is null");
    if (every < 1) {
      throw new IllegalArgumentException("every must be >= 1, got " + every);
    }
  }

  /**
   * One clip of a batch.
   *
   * @param clip   where it is
   * @param frames the ego timestamps annotators label, ascending
   */
  public record BatchClip(ClipRef clip, List<Long> frames) {
    public BatchClip {
      requireNonNull(clip, "clip is null");
      frames = List.copyOf(frames);
    }
  }

  /** The clips' positions, in batch order. */
  public List<ClipRef> refs() {
    return clips.stream().map(BatchClip::clip).toList();
  }

  /** Frames over all clips. */
  public int frameCount() {
    return clips.stream().mapToInt(c -> c.frames().size()).sum();
  }

  /** The clip holding frame {@code (logId, tsNs)}, if that is a frame of the batch. */
  public Optional<BatchClip> clipOfFrame(String logId, long tsNs) {
    for (BatchClip c : clips) {
      if (c.clip().logId().equals(logId) && java.util.Collections.binarySearch(c.frames(), tsNs) >= 0) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The batch clip with this id, if any. */
  public Optional<BatchClip> clip(String clipId) {
    return clips.stream().filter(c -> c.clip().id().equals(clipId)).findFirst();
  }

  /** The batch.json document: {@code clips} is an array of clip ids (what selection and datasets read). */
  public ObjectNode toJson() {
    ObjectNode o = CurationStore.json().createObjectNode();
    o.put("id", id);
    if (selectionId == null) {
      o.putNull("selection_id");
    } else {
      o.put("selection_id", selectionId);
    }
    ArrayNode ids = o.putArray("clips");
    clips.forEach(c -> ids.add(c.clip().id()));
    ObjectNode frames = o.putObject("frames");
    for (BatchClip c : clips) {
      ArrayNode a = frames.putArray(c.clip().id());
      c.frames().forEach(a::add);
    }
    o.put("every", every);
    o.put("snapshot_version", snapshotVersion);
    o.put("created_at", createdAt.toString());
    return o;
  }

  /** Reads batch.json; the message names the file and field when it is not a batch. */
  public static LabelBatch fromJson(JsonNode o, Path file) {
    String id = text(o, "id", file);
    JsonNode sel = o.get("selection_id");
    JsonNode clips = o.get("clips");
    JsonNode frames = o.get("frames");
    if (clips == null || !clips.isArray()) {
      throw new IllegalArgumentException(file + ": 'clips': expected an array of clip ids (LOG@START_NS-END_NS)");
    }
    if (frames == null || !frames.isObject()) {
      throw new IllegalArgumentException(file + ": 'frames': expected an object of clip id -> frame timestamps");
    }
    List<BatchClip> out = new ArrayList<>();
    for (int i = 0; i < clips.size(); i++) {
      ClipRef ref;
      try {
        ref = ClipRef.parse(clips.get(i).asText());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ": clips[" + i + "]: " + e.getMessage(), e);
      }
      JsonNode f = frames.get(ref.id());
      if (f == null || !f.isArray()) {
        throw new IllegalArgumentException(file + ": frames." + ref.id() + ": expected an array of timestamps");
      }
      List<Long> ts = new ArrayList<>();
      f.forEach(t -> ts.add(t.asLong()));
      out.add(new BatchClip(ref, ts));
    }
    return new LabelBatch(id, sel == null || sel.isNull() ? null : sel.asText(), out, o.path("every").asInt(1),
        o.path("snapshot_version").asLong(0), Instant.parse(text(o, "created_at", file)));
  }

  private static String text(JsonNode o, String field, Path file) {
    JsonNode v = o.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException(file + ": '" + field + "': expected a string");
    }
    return v.asText();
  }
}
