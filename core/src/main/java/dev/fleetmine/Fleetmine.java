package dev.fleetmine;

import static java.util.Objects.requireNonNull;

import dev.fleetmine.ingest.Importer;
import dev.fleetmine.ingest.Importers;
import dev.fleetmine.ingest.Ingestor;
import dev.fleetmine.ingest.LogSink;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.lake.Lake;
import dev.fleetmine.lake.Snapshot;
import dev.fleetmine.query.LakeQuery;
import dev.fleetmine.query.LakeStats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Java API's front door: one lake and what can be done with it. Every method is what a CLI command
 * does; the CLI is a thin layer over this class.
 *
 * <pre>{@code
 * Fleetmine fm = Fleetmine.open(Path.of("fleetmine-lake"));
 * fm.ingest("av2", List.of(Path.of("../shared/data/argoverse2/sensor")), Progress.NONE);
 * LakeStats stats = fm.stats();
 * }</pre>
 */
public final class Fleetmine {
  private final Lake lake;

  private Fleetmine(Lake lake) {
    this.lake = lake;
  }

  /** Opens (creating if needed) the lake at {@code root}. */
  public static Fleetmine open(Path root) {
    return new Fleetmine(Lake.open(root));
  }

  /** Wraps an already open lake (for example one with a test commit hook). */
  public static Fleetmine of(Lake lake) {
    return new Fleetmine(requireNonNull(lake, "lake is null"));
  }

  public Lake lake() {
    return lake;
  }

  /**
   * Ingests {@code inputs} with the importer for {@code format}, atomically: on any error nothing is
   * written and the exception propagates.
   */
  public IngestResult ingest(String format, List<Path> inputs, Progress progress) {
    Importer importer = Importers.byFormat(format);
    return write("ingest " + format, sink -> importer.read(inputs, sink, progress));
  }

  /** Runs {@code writer} against a fresh ingest and commits what it wrote as one snapshot. */
  public IngestResult write(String operation, Consumer<LogSink> writer) {
    long start = System.nanoTime();
    try (Ingestor ingestor = Ingestor.begin(lake)) {
      writer.accept(ingestor);
      Snapshot s = ingestor.commit(operation + " (" + ingestor.logIds().size() + " logs)");
      return new IngestResult(s.version(), ingestor.logIds(), ingestor.egoRows(), ingestor.objectRows(),
          Duration.ofNanos(System.nanoTime() - start));
    }
  }

  /** Statistics of the current snapshot. */
  public LakeStats stats() {
    return LakeStats.of(lake);
  }

  /** A SQL session over the current snapshot; close it when done. */
  public LakeQuery query() {
    return LakeQuery.open(lake);
  }

  /** Deletes files no snapshot needs any more; returns how many. */
  public int vacuum() {
    return lake.vacuum();
  }

  /**
   * What one ingest committed.
   *
   * @param snapshotVersion the snapshot it published
   * @param logIds          the logs it wrote (replacing any with the same id)
   * @param egoRows         ego rows written
   * @param objectRows      object rows written
   * @param elapsed         wall time
   */
  public record IngestResult(long snapshotVersion, List<String> logIds, long egoRows, long objectRows, Duration elapsed) {
    public IngestResult {
      logIds = List.copyOf(logIds);
    }
  }
}
