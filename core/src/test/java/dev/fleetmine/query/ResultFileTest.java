package dev.fleetmine.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleetmine.Fleetmine;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How each DuckDB type of a query result reads in CSV and JSON, and that Parquet keeps it. */
class ResultFileTest {
  @TempDir
  Path dir;

  /** One value of each kind the JDBC driver hands back differently. */
  static final String TYPES = "SELECT TIMESTAMP '2024-01-02 03:04:05.5' AS ts, TIMESTAMP '2024-01-02 03:04:00' AS whole,"
      + " TIMESTAMPTZ '2024-01-02 03:04:05+00' AS tz, DATE '2024-01-02' AS d, TIME '01:02:03' AS t,"
      + " 12.345::DECIMAL(10,3) AS dec, 'nan'::DOUBLE AS nan, 1e20::DOUBLE AS big, 0.1::FLOAT AS f,"
      + " {'x': 1, 'y': 'q'} AS st, MAP {'k': [1, 2]} AS m, '\\x01\\xFF'::BLOB AS b, '' AS empty, 'say \"hi\"' AS quoted";

  @Test
  void everyKindOfValueHasOneTextAndParquetReadsItBackAsItsType() throws Exception {
    try (LakeQuery q = Fleetmine.open(dir.resolve("lake")).query()) {
      StringWriter csv = new StringWriter();
      q.stream(TYPES, ResultText.csv(csv));
      assertThat(csv.toString()).isEqualTo("ts,whole,tz,d,t,dec,nan,big,f,st,m,b,empty,quoted\n"
          + "2024-01-02T03:04:05.5,2024-01-02T03:04:00,2024-01-02T03:04:05Z,2024-01-02,01:02:03,12.345,NaN,1.0E20,0.1,"
          + "\"{\"\"x\"\":1,\"\"y\"\":\"\"q\"\"}\",\"{\"\"k\"\":[1,2]}\",Af8=,\"\",\"say \"\"hi\"\"\"\n");
      StringWriter json = new StringWriter();
      q.stream(TYPES, ResultText.json(json));
      assertThat(json.toString()).isEqualTo("[\n  {\"ts\":\"2024-01-02T03:04:05.5\",\"whole\":\"2024-01-02T03:04:00\","
          + "\"tz\":\"2024-01-02T03:04:05Z\",\"d\":\"2024-01-02\",\"t\":\"01:02:03\",\"dec\":12.345,\"nan\":\"NaN\",\"big\":1.0E20,"
          + "\"f\":0.1,\"st\":{\"x\":1,\"y\":\"q\"},\"m\":{\"k\":[1,2]},\"b\":\"Af8=\",\"empty\":\"\",\"quoted\":\"say \\\"hi\\\"\"}\n]\n");

      Path parquet = dir.resolve("types.parquet");
      assertThat(ResultFile.write(parquet, ResultFile.Format.PARQUET, sink -> q.stream(TYPES, sink))).isEqualTo(1);
      assertThat(read("SELECT column_name || ' ' || column_type FROM (DESCRIBE SELECT * FROM '" + parquet + "')"))
          .containsExactly("ts TIMESTAMP", "whole TIMESTAMP", "tz TIMESTAMP WITH TIME ZONE", "d DATE", "t TIME",
              "dec DECIMAL(10,3)", "nan DOUBLE", "big DOUBLE", "f FLOAT", "st STRUCT(x INTEGER, y VARCHAR)",
              "m MAP(VARCHAR, INTEGER[])", "b VARCHAR", "empty VARCHAR", "quoted VARCHAR");
      // the same values as the query itself gives, compared by DuckDB (BLOB as its base64 text)
      assertThat(read("SELECT count(*) FROM '" + parquet + "' p, (" + TYPES + ") o WHERE p.ts = o.ts AND p.whole = o.whole"
          + " AND p.tz = o.tz AND p.d = o.d AND p.t = o.t AND p.dec = o.dec AND isnan(p.nan) AND p.big = o.big AND p.f = o.f"
          + " AND p.st = o.st AND p.m = o.m AND p.b = to_base64(o.b) AND p.empty = o.empty AND p.quoted = o.quoted"))
          .containsExactly("1");
    }
  }

  @Test
  void anEmptyResultIsAFileWithTheColumnsAndNoRows() throws Exception {
    try (LakeQuery q = Fleetmine.open(dir.resolve("lake")).query()) {
      Path parquet = dir.resolve("empty.parquet");
      assertThat(ResultFile.write(parquet, ResultFile.Format.PARQUET, sink -> q.stream("SELECT 1::BIGINT AS n WHERE false", sink)))
          .isZero();
      assertThat(read("SELECT count(*) FROM '" + parquet + "'")).containsExactly("0");
      assertThat(read("SELECT column_name || ' ' || column_type FROM (DESCRIBE SELECT * FROM '" + parquet + "')"))
          .containsExactly("n BIGINT");
      Path csv = dir.resolve("empty.csv");
      ResultFile.write(csv, ResultFile.Format.CSV, sink -> q.stream("SELECT 1 AS n WHERE false", sink));
      assertThat(Files.readString(csv)).isEqualTo("n\n");
      try (var files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly("empty.csv", "empty.parquet", "lake");
      }
    }
  }

  static List<String> read(String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
