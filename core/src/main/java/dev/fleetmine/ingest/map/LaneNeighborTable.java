package dev.fleetmine.ingest.map;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The staging table of a log's lane graph in the ingest's DuckDB: one row per lane and neighbour a lane
 * change reaches from it, with the side ({@code 'left'} or {@code 'right'}, seen from the first lane),
 * for the ingest to join each track's consecutive lane ids with (column lane_change, docs/schema.md).
 * Ids are the decimal strings of the lane_id column. A pair a map lists on both sides says nothing about
 * the side and is left out.
 */
public final class LaneNeighborTable {
  /** Name of the table in the ingest database. */
  public static final String NAME = "map_lane_neighbors";

  private LaneNeighborTable() {}

  /** Creates the (empty) table. */
  public static void create(DuckDBConnection conn) throws SQLException {
    try (Statement st = conn.createStatement()) {
      st.execute("CREATE TABLE " + NAME + " (lane_id VARCHAR NOT NULL, neighbor_id VARCHAR NOT NULL,"
          + " side VARCHAR NOT NULL, PRIMARY KEY (lane_id, neighbor_id))");
    }
  }

  /** Replaces the table's rows with the neighbour pairs of {@code map}; returns the row count. */
  public static long load(DuckDBConnection conn, VectorMap map) throws SQLException {
    try (Statement st = conn.createStatement()) {
      st.execute("DELETE FROM " + NAME);
    }
    Map<List<String>, String> sides = sides(map);
    try (DuckDBAppender a = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, NAME)) {
      for (Map.Entry<List<String>, String> e : sides.entrySet()) {
        a.beginRow().append(e.getKey().get(0)).append(e.getKey().get(1)).append(e.getValue()).endRow();
      }
    }
    return sides.size();
  }

  /** Side per (lane id, neighbour id), in map order, without the pairs listed on both sides. */
  static Map<List<String>, String> sides(VectorMap map) {
    Map<List<String>, String> sides = new LinkedHashMap<>();
    Set<List<String>> both = new HashSet<>();
    for (Lane lane : map.lanes()) {
      for (String side : List.of("left", "right")) {
        for (long n : side.equals("left") ? lane.leftNeighbors() : lane.rightNeighbors()) {
          List<String> pair = List.of(Long.toString(lane.id()), Long.toString(n));
          String was = sides.putIfAbsent(pair, side);
          if (was != null && !was.equals(side)) {
            both.add(pair);
          }
        }
      }
    }
    sides.keySet().removeAll(both);
    return sides;
  }
}
