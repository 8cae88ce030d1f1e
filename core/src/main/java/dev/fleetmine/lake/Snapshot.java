package dev.fleetmine.lake;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable, complete listing of the lake at one version: every log and its files.
 *
 * <p>Readers pick the newest snapshot and never see a half-committed ingest: a snapshot file is
 * published with one atomic filesystem operation.
 *
 * @param version     monotonically increasing, starting at 0 for the empty lake
 * @param committedAt epoch milliseconds of the commit
 * @param operation   what made it, for example {@code ingest av2 (2 logs)}
 * @param logs        log id to entry, sorted by id
 * @param tags        scenario name to the lake-relative Parquet file of its mined tags ({@link TagTable})
 * @param forecasts   model name to the lake-relative Parquet file of its forecasts ({@link ForecastTable})
 * @param boxes2d     {@code DATASET/SOURCE} to the lake-relative Parquet file of those 2D boxes ({@link Boxes2dTable})
 */
public record Snapshot(long version, long committedAt, String operation, SortedMap<String, LogEntry> logs,
    SortedMap<String, String> tags, SortedMap<String, String> forecasts, SortedMap<String, String> boxes2d) {
  public Snapshot {
    requireNonNull(operation, "operation is null");
    requireNonNull(logs, "logs is null");
    requireNonNull(tags, "tags is null");
    requireNonNull(forecasts, "forecasts is null");
    requireNonNull(boxes2d, "boxes2d is null");
    if (version < 0) {
      throw new IllegalArgumentException("version must be >= 0: " + version);
    }
    logs = Collections.unmodifiableSortedMap(new TreeMap<>(logs));
    tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
    forecasts = Collections.unmodifiableSortedMap(new TreeMap<>(forecasts));
    boxes2d = Collections.unmodifiableSortedMap(new TreeMap<>(boxes2d));
  }

  /** A snapshot without 2D boxes (as every snapshot was before the boxes2d table existed). */
  public Snapshot(long version, long committedAt, String operation, SortedMap<String, LogEntry> logs,
      SortedMap<String, String> tags, SortedMap<String, String> forecasts) {
    this(version, committedAt, operation, logs, tags, forecasts, new TreeMap<>());
  }

  /** A snapshot without forecasts (as every snapshot was before the forecasts table existed). */
  public Snapshot(long version, long committedAt, String operation, SortedMap<String, LogEntry> logs,
      SortedMap<String, String> tags) {
    this(version, committedAt, operation, logs, tags, new TreeMap<>(), new TreeMap<>());
  }

  /** The snapshot of a lake nobody has written to. */
  public static Snapshot empty() {
    return new Snapshot(0, 0, "create", new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
  }

  public Optional<LogEntry> log(String logId) {
    return Optional.ofNullable(logs.get(logId));
  }

  public Collection<LogEntry> entries() {
    return logs.values();
  }

  /** The next snapshot: this one with {@code upserts} replacing or adding logs and {@code removals} dropped. */
  public Snapshot next(long committedAt, String operation, Map<String, LogEntry> upserts, Collection<String> removals) {
    TreeMap<String, LogEntry> next = new TreeMap<>(logs);
    removals.forEach(next::remove);
    next.putAll(upserts);
    return new Snapshot(version + 1, committedAt, operation, next, tags, forecasts, boxes2d);
  }

  /** The next snapshot: this one with the tag files of {@code scenarios} replaced (scenario name to file). */
  public Snapshot nextTags(long committedAt, String operation, Map<String, String> scenarios) {
    TreeMap<String, String> next = new TreeMap<>(tags);
    next.putAll(scenarios);
    return new Snapshot(version + 1, committedAt, operation, logs, next, forecasts, boxes2d);
  }

  /** The next snapshot: this one with the forecast files of {@code models} replaced (model name to file). */
  public Snapshot nextForecasts(long committedAt, String operation, Map<String, String> models) {
    TreeMap<String, String> next = new TreeMap<>(forecasts);
    next.putAll(models);
    return new Snapshot(version + 1, committedAt, operation, logs, tags, next, boxes2d);
  }

  /** The next snapshot: this one with the 2D box files of {@code keys} replaced ({@code DATASET/SOURCE} to file). */
  public Snapshot nextBoxes2d(long committedAt, String operation, Map<String, String> keys) {
    TreeMap<String, String> next = new TreeMap<>(boxes2d);
    next.putAll(keys);
    return new Snapshot(version + 1, committedAt, operation, logs, tags, forecasts, next);
  }
}
