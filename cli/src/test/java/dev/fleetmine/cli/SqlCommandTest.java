package dev.fleetmine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fleetmine sql} prints a table, CSV or JSON, or writes any of them or Parquet to a file atomically. */
class SqlCommandTest {
  @TempDir
  static Path dir;

  static String lake;

  /**
   * The first frame of KITTI tracking sequence 0000: label_02/0000.txt frame 0 holds a Van (track 0,
   * h w l = 2.000000 1.823255 4.433886), a Cyclist (1) and a Pedestrian (2); plus a text with a comma, a
   * FLOAT, a list, an untyped NULL and a boolean.
   */
  static final String QUERY = "SELECT track_id, category, raw_label || ', frame 0' AS label, length, width, height,"
      + " CAST(width AS FLOAT) AS w32, [category, raw_label] AS names, NULL AS nothing, height > 1.8 AS tall"
      + " FROM objects WHERE log_id = 'kitti-0000' AND ts_ns = 0 AND source = 'gt' ORDER BY track_id";

  static final String CSV = """
      track_id,category,label,length,width,height,w32,names,nothing,tall
      0,car,"Van, frame 0",4.433886,1.823255,2.0,1.823255,"[""car"",""Van""]",,true
      1,cyclist,"Cyclist, frame 0",1.785241,0.824591,1.739063,0.824591,"[""cyclist"",""Cyclist""]",,false
      2,pedestrian,"Pedestrian, frame 0",0.972283,0.767881,1.714062,0.767881,"[""pedestrian"",""Pedestrian""]",,false
      """;

  static final String JSON = """
      [
        {"track_id":"0","category":"car","label":"Van, frame 0","length":4.433886,"width":1.823255,"height":2.0,\
      "w32":1.823255,"names":["car","Van"],"nothing":null,"tall":true},
        {"track_id":"1","category":"cyclist","label":"Cyclist, frame 0","length":1.785241,"width":0.824591,\
      "height":1.739063,"w32":0.824591,"names":["cyclist","Cyclist"],"nothing":null,"tall":false},
        {"track_id":"2","category":"pedestrian","label":"Pedestrian, frame 0","length":0.972283,"width":0.767881,\
      "height":1.714062,"w32":0.767881,"names":["pedestrian","Pedestrian"],"nothing":null,"tall":false}
      ]
      """;

  @BeforeAll
  static void ingestOneKittiSequence() {
    lake = dir.resolve("lake").toString();
    Path labels = QuickstartTest.sharedData().resolve("kitti-tracking/label_02/0000.txt");
    CliRun ingest = CliRun.run("ingest", "kitti", labels.toString(), "--lake", lake);
    assertThat(ingest.code()).as(ingest.err()).isZero();
  }

  @Test
  void aTableShowsTheFirstRowsAndSaysWhenThereAreMore() {
    CliRun r = CliRun.run("sql", "--lake", lake, QUERY);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("""
        track_id  category    label                length    width     height   w32       names                     nothing  tall
        0         car         Van, frame 0         4.43389   1.82326   2.00000  1.823255  [car, Van]                NULL     true
        1         cyclist     Cyclist, frame 0     1.78524   0.824591  1.73906  0.824591  [cyclist, Cyclist]        NULL     false
        2         pedestrian  Pedestrian, frame 0  0.972283  0.767881  1.71406  0.767881  [pedestrian, Pedestrian]  NULL     false
        """);
    CliRun two = CliRun.run("sql", "--lake", lake, "--max-rows", "2", "SELECT track_id FROM (" + QUERY + ")");
    assertThat(two.out()).isEqualTo("track_id\n0\n1\n... more rows (raise --max-rows)\n");
  }

  @Test
  void csvAndJsonGoToStdoutWithEveryRow() {
    CliRun csv = CliRun.run("sql", "--lake", lake, "--format", "csv", QUERY);
    assertThat(csv.code()).as(csv.err()).isZero();
    assertThat(csv.out()).isEqualTo(CSV);
    CliRun json = CliRun.run("sql", "--lake", lake, "--format", "json", QUERY);
    assertThat(json.out()).isEqualTo(JSON);
    assertThat(CliRun.run("sql", "--lake", lake, "--format", "json", "SELECT 1 AS one WHERE false").out()).isEqualTo("[\n]\n");
    assertThat(CliRun.run("sql", "--lake", lake, "--format", "csv", "--max-rows", "1", QUERY).out())
        .isEqualTo(CSV.lines().limit(2).map(l -> l + "\n").reduce("", String::concat));
  }

  @Test
  void filesHoldWhatStdoutShowsAndParquetKeepsTheColumnTypes() throws Exception {
    for (String format : List.of("csv", "json")) {
      Path file = dir.resolve("out." + format);
      CliRun r = CliRun.run("sql", "--lake", lake, "--format", format, "-o", file.toString(), QUERY);
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).isEqualTo("3 row(s) -> " + file + "\n");
      assertThat(Files.readString(file)).isEqualTo(format.equals("csv") ? CSV : JSON);
    }
    Path parquet = dir.resolve("out.parquet");
    CliRun r = CliRun.run("sql", "--lake", lake, "--format", "parquet", "-o", parquet.toString(), QUERY);
    assertThat(r.out()).isEqualTo("3 row(s) -> " + parquet + "\n");
    assertThat(read("SELECT column_name || ' ' || column_type FROM (DESCRIBE SELECT * FROM '" + parquet + "')"))
        .containsExactly("track_id VARCHAR", "category VARCHAR", "label VARCHAR", "length DOUBLE", "width DOUBLE",
            "height DOUBLE", "w32 FLOAT", "names VARCHAR[]", "nothing VARCHAR", "tall BOOLEAN");
    assertThat(read("SELECT concat_ws('|', track_id, label, length, w32, names::VARCHAR, tall) FROM '" + parquet + "'"))
        .containsExactly("0|Van, frame 0|4.433886|1.823255|[car, Van]|true", "1|Cyclist, frame 0|1.785241|0.824591|[cyclist, Cyclist]|false",
            "2|Pedestrian, frame 0|0.972283|0.767881|[pedestrian, Pedestrian]|false");
    Path table = dir.resolve("out.txt");
    assertThat(CliRun.run("sql", "--lake", lake, "-o", table.toString(), QUERY).out()).isEqualTo("3 row(s) -> " + table + "\n");
    assertThat(Files.readString(table)).isEqualTo(CliRun.run("sql", "--lake", lake, QUERY).out());
  }

  @Test
  void aFailedQueryLeavesTheFileAsItWasAndNoTemporaryFiles() throws Exception {
    Path out = Files.createDirectories(dir.resolve("atomic"));
    Path file = Files.writeString(out.resolve("r.parquet"), "earlier");
    CliRun r = CliRun.run("sql", "--lake", lake, "--format", "parquet", "-o", file.toString(),
        "SELECT ts_ns, CASE WHEN ts_ns > 5000000000 THEN error('boom at ' || ts_ns) END FROM objects");
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("boom at");
    assertThat(Files.readString(file)).isEqualTo("earlier");
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("r.parquet");
    }
  }

  @Test
  void parquetNeedsAFileAndTheFileItsDirectory() {
    CliRun r = CliRun.run("sql", "--lake", lake, "--format", "parquet", QUERY);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("--format parquet needs -o FILE\n");
    Path nowhere = dir.resolve("nope/r.csv");
    CliRun missing = CliRun.run("sql", "--lake", lake, "--format", "csv", "-o", nowhere.toString(), QUERY);
    assertThat(missing.code()).isEqualTo(3);
    assertThat(missing.err()).isEqualTo("error: cannot write " + nowhere + ": directory " + nowhere.getParent()
        + " does not exist\n");
  }

  /** The first column of every row of {@code sql}, in a DuckDB of the test's own (not the lake's session). */
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
