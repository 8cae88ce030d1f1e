package dev.fleetmine.dataset;

import static java.util.Objects.requireNonNull;

import dev.fleetmine.query.ClipRef;
import java.util.List;

/** Where the clips of a {@code create} or {@code add} come from; its text goes into the lineage verbatim. */
public sealed interface MemberSource {
  /** The lineage kind: query, tag, selection, batch, clips. */
  String kind();

  /** The exact text the user gave. */
  String text();

  /** Every clip of a scenario query (the scenario language, or a library scenario name). */
  record Query(String query) implements MemberSource {
    public Query {
      requireNonNull(query, "query is null");
    }

    public String kind() {
      return "query";
    }

    public String text() {
      return query;
    }
  }

  /** Every clip of one tag in the {@code tags} view (a mined scenario, {@code fn:MODEL}, ...). */
  record Tag(String tag) implements MemberSource {
    public Tag {
      requireNonNull(tag, "tag is null");
    }

    public String kind() {
      return "tag";
    }

    public String text() {
      return tag;
    }
  }

  /** The picks of a saved selection ({@code curation/selections/<id>.json}). */
  record Selection(String id) implements MemberSource {
    public Selection {
      requireNonNull(id, "selection id is null");
    }

    public String kind() {
      return "selection";
    }

    public String text() {
      return id;
    }
  }

  /** The clips of a labeling batch ({@code curation/batches/<batch>/batch.json}). */
  record Batch(String batch) implements MemberSource {
    public Batch {
      requireNonNull(batch, "batch is null");
    }

    public String kind() {
      return "batch";
    }

    public String text() {
      return batch;
    }
  }

  /** Explicit clips ({@code LOG@START-END}; {@code coco:DATASET@FIRST-LAST} for COCO image ids). */
  record Clips(List<ClipRef> clips) implements MemberSource {
    public Clips {
      clips = List.copyOf(clips);
    }

    /** Parses comma-separated clip ids. */
    public static Clips parse(String ids) {
      List<ClipRef> out = new java.util.ArrayList<>();
      for (String id : ids.split(",")) {
        if (!id.isBlank()) {
          out.add(ClipRef.parse(id.strip()));
        }
      }
      if (out.isEmpty()) {
        throw new IllegalArgumentException("--clips '" + ids + "': expected one or more LOG@START_NS-END_NS, comma-separated");
      }
      return new Clips(out);
    }

    public String kind() {
      return "clips";
    }

    public String text() {
      return String.join(",", clips.stream().map(ClipRef::id).toList());
    }
  }
}
