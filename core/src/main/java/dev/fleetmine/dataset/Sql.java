package dev.fleetmine.dataset;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Small JDBC helpers for the dataset package's DuckDB work. */
final class Sql {
  private Sql() {}

  /** A SQL string literal. */
  static String str(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  /** A file path as a SQL string literal. */
  static String path(Path p) {
    return str(p.toAbsolutePath().toString());
  }

  static void exec(Connection c, String sql) {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("dataset SQL failed: " + e.getMessage() + "\n" + sql, e);
    }
  }

  static List<Object[]> rows(Connection c, String sql) {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      List<Object[]> out = new ArrayList<>();
      while (rs.next()) {
        Object[] r = new Object[n];
        for (int i = 0; i < n; i++) {
          Object v = rs.getObject(i + 1);
          if (v instanceof java.sql.Array a) {
            v = List.of((Object[]) a.getArray());
          }
          r[i] = v;
        }
        out.add(r);
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("dataset SQL failed: " + e.getMessage() + "\n" + sql, e);
    }
  }

  static long count(Connection c, String sql) {
    return ((Number) rows(c, sql).get(0)[0]).longValue();
  }

  /** Creates a temporary table of members (tags as a VARCHAR[]) in {@code c}. */
  static void membersTable(Connection c, String table, List<Member> members) {
    exec(c, "CREATE OR REPLACE TEMP TABLE " + table + " (clip_id VARCHAR, log_id VARCHAR, start_ns BIGINT, end_ns BIGINT,"
        + " location VARCHAR, source_format VARCHAR, ego_pose_known BOOLEAN, frames BIGINT, label_ref VARCHAR, tags_s VARCHAR)");
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?,?,?,?,?,?,?,?,?,?)")) {
      for (Member m : members) {
        ps.setString(1, m.clipId());
        ps.setString(2, m.logId());
        ps.setLong(3, m.clip().startNs());
        ps.setLong(4, m.clip().endNs());
        ps.setString(5, m.location());
        ps.setString(6, m.sourceFormat());
        ps.setBoolean(7, m.egoPoseKnown());
        ps.setLong(8, m.frames());
        ps.setString(9, m.labelRef());
        ps.setString(10, String.join("\u001f", m.tags()));
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot stage dataset members: " + e.getMessage(), e);
    }
  }

  /** The members.parquet columns from a table made by {@link #membersTable}. */
  static String memberColumns() {
    return "clip_id, log_id, start_ns, end_ns, location, label_ref,"
        + " CASE WHEN tags_s = '' THEN []::VARCHAR[] ELSE string_split(tags_s, chr(31)) END AS tags,"
        + " source_format, ego_pose_known, frames";
  }
}
