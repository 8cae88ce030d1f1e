package dev.fleetmine.lake;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Exposes a snapshot's tables to a DuckDB connection as views named {@code logs}, {@code ego},
 * {@code objects}, {@code events}, {@code tags}, {@code forecasts} and {@code boxes2d}, reading the snapshot's Parquet files in place.
 */
public final class LakeViews {
  private LakeViews() {}

  /** Creates (or replaces) the views on {@code conn} over {@code snapshot}'s files. */
  public static void register(Connection conn, Lake lake, Snapshot snapshot) throws SQLException {
    // files written by this schema need no reconciling: bind them by the first file, which is much faster
    boolean current = snapshot.entries().stream().allMatch(e -> Table.schemaId().equals(e.schema()));
    try (Statement st = conn.createStatement()) {
      for (Table t : Table.values()) {
        List<String> files = snapshot.entries().stream().map(e -> lake.resolve(e.file(t)).toString()).toList();
        drop(st, t.tableName());
        if (files.isEmpty()) {
          st.execute("CREATE TABLE " + t.tableName() + " (" + t.ddlColumns() + ")");
          continue;
        }
        String scan = "read_parquet(" + sqlList(files) + (current ? ")" : ", union_by_name = true)");
        String select = current ? t.columnNames() : reconciled(st, t.columns(), scan);
        // logs is one row per log and joined by most queries: keep it in memory for the session
        st.execute((t == Table.LOGS ? "CREATE TABLE " : "CREATE VIEW ") + t.tableName() + " AS SELECT " + select
            + " FROM " + scan);
      }
      registerAcrossLogs(st, lake, TagTable.NAME, TagTable.COLUMNS, snapshot.tags().values());
      registerAcrossLogs(st, lake, ForecastTable.NAME, ForecastTable.COLUMNS, snapshot.forecasts().values());
      registerAcrossLogs(st, lake, Boxes2dTable.NAME, Boxes2dTable.COLUMNS, snapshot.boxes2d().values());
    }
  }

  /**
   * A view over files that each span all logs (one per scenario or model); an empty typed table when there
   * are none. Files written before a nullable column existed read it as NULL.
   */
  private static void registerAcrossLogs(Statement st, Lake lake, String name, List<Column> columns,
      Collection<String> relativeFiles) throws SQLException {
    drop(st, name);
    List<String> files = relativeFiles.stream().map(f -> lake.resolve(f).toString()).toList();
    if (files.isEmpty()) {
      st.execute("CREATE TABLE " + name + " (" + columns.stream().map(c -> c.name() + " " + c.sqlType())
          .collect(Collectors.joining(", ")) + ")");
    } else {
      String scan = "read_parquet(" + sqlList(files) + ", union_by_name = true)";
      st.execute("CREATE VIEW " + name + " AS SELECT " + reconciled(st, columns, scan) + " FROM " + scan);
    }
  }

  /**
   * Drops a relation registered earlier on this connection, table or view: registering again (a newer
   * snapshot, another lake) replaces it. DuckDB's {@code DROP VIEW IF EXISTS} fails on a table of that
   * name, so the kind is looked up first.
   */
  private static void drop(Statement st, String name) throws SQLException {
    String kind = null;
    try (ResultSet rs = st.executeQuery("SELECT table_type FROM information_schema.tables WHERE table_schema = 'main'"
        + " AND table_name = " + quote(name))) {
      if (rs.next()) {
        kind = rs.getString(1);
      }
    }
    if (kind != null) {
      st.execute(("VIEW".equals(kind) ? "DROP VIEW " : "DROP TABLE ") + name);
    }
  }

  /** The table's columns over files of mixed schemas: files written before a nullable column existed read it as NULL. */
  private static String reconciled(Statement st, List<Column> columns, String scan) throws SQLException {
    Set<String> present = new HashSet<>();
    try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + scan)) {
      while (rs.next()) {
        present.add(rs.getString(1));
      }
    }
    return columns.stream()
        .map(c -> present.contains(c.name()) || !c.nullable() ? c.name() : "NULL::" + c.sqlType() + " AS " + c.name())
        .collect(Collectors.joining(", "));
  }

  /** A DuckDB list literal of quoted strings. */
  public static String sqlList(List<String> values) {
    return values.stream().map(LakeViews::quote).collect(Collectors.joining(", ", "[", "]"));
  }

  /** A single-quoted SQL string literal. */
  public static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
