package dev.fleetmine.bench;

import dev.fleetmine.ingest.EgoSample;
import dev.fleetmine.ingest.EventSample;
import dev.fleetmine.ingest.LogInfo;
import dev.fleetmine.ingest.LogSink;
import dev.fleetmine.ingest.ObjectSample;
import dev.fleetmine.lake.Lake;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The physical bound of the lake's write path: the same rows appended to DuckDB and written as
 * Parquet, one file per table per log, with no validation, no derived columns and no commit.
 */
final class BareParquetSink implements LogSink, AutoCloseable {
  private final DuckDBConnection conn;
  private final Path out;
  private DuckDBAppender ego;
  private DuckDBAppender objects;
  private int log;

  BareParquetSink(Path out) throws SQLException {
    this.out = out;
    this.conn = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
    try (Statement st = conn.createStatement()) {
      st.execute("CREATE TABLE e (ts_ns BIGINT, x DOUBLE, y DOUBLE, z DOUBLE, yaw DOUBLE, speed DOUBLE)");
      st.execute("CREATE TABLE o (ts_ns BIGINT, source VARCHAR, track_id VARCHAR, category VARCHAR, raw_label VARCHAR,"
          + " x DOUBLE, y DOUBLE, z DOUBLE, length DOUBLE, width DOUBLE, height DOUBLE, yaw DOUBLE, vx DOUBLE,"
          + " vy DOUBLE, score DOUBLE)");
    }
  }

  @Override
  public void beginLog(LogInfo info) {
    try {
      ego = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "e");
      objects = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "o");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void ego(EgoSample s) {
    try {
      ego.beginRow().append(s.tsNs()).append(s.x()).append(s.y()).append(s.z()).append(s.yaw());
      nullable(ego, s.speed());
      ego.endRow();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void object(ObjectSample o) {
    try {
      objects.beginRow().append(o.tsNs()).append(o.source());
      if (o.trackId() == null) {
        objects.appendNull();
      } else {
        objects.append(o.trackId());
      }
      objects.append(o.category().sqlName()).append(o.rawLabel()).append(o.x()).append(o.y()).append(o.z())
          .append(o.length()).append(o.width()).append(o.height()).append(o.yaw());
      nullable(objects, o.vx());
      nullable(objects, o.vy());
      nullable(objects, o.score());
      objects.endRow();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void event(EventSample e) {
    // events are a handful per log; the bound ignores them
  }

  @Override
  public void endLog() {
    try (Statement st = conn.createStatement()) {
      ego.close();
      objects.close();
      st.execute("COPY e TO '" + out.resolve("ego-" + log + ".parquet") + "' (" + Lake.PARQUET_COPY_OPTIONS + ")");
      st.execute("COPY o TO '" + out.resolve("objects-" + log + ".parquet") + "' (" + Lake.PARQUET_COPY_OPTIONS + ")");
      st.execute("DELETE FROM e; DELETE FROM o");
      log++;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void nullable(DuckDBAppender a, double v) throws SQLException {
    if (Double.isNaN(v)) {
      a.appendNull();
    } else {
      a.append(v);
    }
  }

  @Override
  public void close() throws SQLException {
    conn.close();
  }
}
