package dev.fleetmine.query;

import dev.fleetmine.lake.Lake;
import dev.fleetmine.lake.LakeException;
import dev.fleetmine.lake.LakeViews;
import dev.fleetmine.lake.Snapshot;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-process DuckDB session over one snapshot of a lake: the tables {@code logs}, {@code ego},
 * {@code objects} and {@code events} are views over the snapshot's Parquet files.
 */
public final class LakeQuery implements AutoCloseable {
  private final Connection conn;
  private final Snapshot snapshot;
  private java.util.Set<String> untrackedSources;

  private LakeQuery(Connection conn, Snapshot snapshot) {
    this.conn = conn;
    this.snapshot = snapshot;
  }

  /** Opens a session over the lake's current snapshot. */
  public static LakeQuery open(Lake lake) {
    return open(lake, lake.current());
  }

  /** Opens a session over {@code snapshot} (for example one restricted to some logs). */
  public static LakeQuery open(Lake lake, Snapshot snapshot) {
    try {
      Connection conn = DriverManager.getConnection("jdbc:duckdb:");
      LakeViews.register(conn, lake, snapshot);
      return new LakeQuery(conn, snapshot);
    } catch (SQLException e) {
      throw new LakeException("cannot open a query session on " + lake.root() + ": " + e.getMessage(), e);
    }
  }

  public Snapshot snapshot() {
    return snapshot;
  }

  /**
   * Whether every object row of {@code source} has a track id (asked once per session; Parquet null
   * counts let DuckDB skip files without NULLs, so this is cheap when it is true).
   */
  public boolean tracked(String source) {
    if (untrackedSources == null) {
      untrackedSources = rows("SELECT DISTINCT source FROM objects WHERE track_id IS NULL").values().stream()
          .map(r -> (String) r.get(0)).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
    return !untrackedSources.contains(source);
  }

  /** The underlying JDBC connection, for callers that stream large results. */
  public Connection connection() {
    return conn;
  }

  /** Runs {@code sql} and returns every row; for small results such as statistics. */
  public Rows rows(String sql) {
    List<String> names = new ArrayList<>();
    List<List<Object>> rows = new ArrayList<>();
    stream(sql, new ResultSink() {
      @Override
      public void start(List<ResultSink.Column> columns) {
        columns.forEach(c -> names.add(c.name()));
      }

      @Override
      public void row(List<Object> values) {
        rows.add(new ArrayList<>(values));
      }
    });
    return new Rows(names, rows);
  }

  /** Runs {@code sql} and hands its columns, then row after row, to {@code sink}: for results too big to hold. */
  public void stream(String sql, ResultSink sink) {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      List<ResultSink.Column> columns = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        columns.add(new ResultSink.Column(md.getColumnLabel(i), md.getColumnTypeName(i)));
      }
      sink.start(List.copyOf(columns));
      Object[] row = new Object[columns.size()];
      List<Object> view = java.util.Arrays.asList(row);
      while (rs.next()) {
        for (int i = 0; i < row.length; i++) {
          row[i] = rs.getObject(i + 1);
        }
        sink.row(java.util.Collections.unmodifiableList(view));
      }
      sink.end();
    } catch (SQLException e) {
      throw new LakeException("query failed: " + e.getMessage() + "\n" + sql, e);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot write the result of a query: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      conn.close();
    } catch (SQLException ignored) {
      // an in-memory session has nothing to lose
    }
  }

  /** A small, fully materialized result. */
  public record Rows(List<String> columns, List<List<Object>> values) {
    public Rows {
      columns = List.copyOf(columns);
      values = values.stream().map(r -> java.util.Collections.unmodifiableList(new ArrayList<>(r))).toList();
    }

    public Object single() {
      return values.get(0).get(0);
    }
  }
}
