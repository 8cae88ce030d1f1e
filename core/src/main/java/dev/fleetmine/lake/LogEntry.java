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
 */
public record LogEntry(String logId, Map<Table, String> files, String mapFile) {
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

  public String file(Table table) {
    return files.get(table);
  }
}
