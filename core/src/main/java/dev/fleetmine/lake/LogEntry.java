package dev.fleetmine.lake;

import static java.util.Objects.requireNonNull;

import java.util.EnumMap;
import java.util.Map;

/**
 * What a snapshot knows of one log: the lake-relative Parquet file of each table and the optional map.
 *
 * @param logId   the log's id
 * @param files   lake-relative path of the log's file per table; every table is present
 * @param mapFile lake-relative path of the log's vector map, or null
 * @param schema  {@link Table#schemaId()} of the code that wrote the files, or null when unknown (older lakes)
 */
public record LogEntry(String logId, Map<Table, String> files, String mapFile, String schema) {
  public LogEntry {
    requireNonNull(logId, "logId is null");
    requireNonNull(files, "files is null");
    for (Table t : Table.values()) {
      if (!files.containsKey(t)) {
        throw new IllegalArgumentException("log " + logId + " has no file for table " + t.tableName());
      }
    }
    files = Map.copyOf(new EnumMap<>(files));
  }

  /** An entry written with the current schema. */
  public LogEntry(String logId, Map<Table, String> files, String mapFile) {
    this(logId, files, mapFile, Table.schemaId());
  }

  public String file(Table table) {
    return files.get(table);
  }
}
