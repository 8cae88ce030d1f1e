package dev.fleetmine.ingest.nativefmt;

import static dev.fleetmine.TestLakes.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fleetmine.TestLakes;
import dev.fleetmine.ingest.IngestException;
import dev.fleetmine.ingest.Ingestor;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.lake.Lake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeImporterTest {
  @TempDir
  Path dir;

  private Path input() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("logs.csv"), "log_id,location,frame,origin_x,origin_y\nn1,lab,utm,500000.5,4000000.25\n");
    Files.writeString(in.resolve("ego.csv"), "log_id,ts_ns,x,y,yaw,speed\n"
        + "n1,0,0,0,0,10\nn1,100000000,1,0,0,10\nn1,200000000,2,0,0,10\n");
    Files.writeString(in.resolve("objects.csv"), "log_id,ts_ns,track_id,category,x,y,length,width,height,yaw\n"
        + "n1,0,p1,pedestrian,10,3,0.5,0.5,1.8,-1.5707963\n"
        + "n1,100000000,p1,pedestrian,10,2.9,0.5,0.5,1.8,-1.5707963\n"
        + "n1,200000000,p1,pedestrian,10,2.8,0.5,0.5,1.8,-1.5707963\n");
    Files.writeString(in.resolve("events.csv"), "log_id,ts_ns,end_ns,type,track_ids,detail\n"
        + "n1,0,200000000,scenario:crossing,\"[p1]\",\"{}\"\n");
    return in;
  }

  private Lake ingest(Path in) {
    Lake lake = Lake.open(dir.resolve("lake"));
    try (Ingestor ing = Ingestor.begin(lake)) {
      new NativeImporter().read(List.of(in), ing, Progress.NONE);
      ing.commit("ingest native");
    }
    return lake;
  }

  @Test
  void csvTablesBecomeALogWithDerivedColumns() throws Exception {
    Lake lake = ingest(input());
    assertThat(query(lake, "SELECT log_id, source_format, location, frame, origin_x, ego_frames, object_rows FROM logs"))
        .containsExactly(List.of("n1", "native", "lab", "utm", 500000.5, 3L, 3L));
    List<Object> p = query(lake, "SELECT lon, lat, speed, category, raw_label FROM objects WHERE ts_ns = 100000000").get(0);
    // derived columns are FLOAT: 7 significant digits
    assertThat((double) p.get(0)).isCloseTo(9.0, within(1e-6));
    assertThat((double) p.get(1)).isCloseTo(2.9, within(1e-6));
    assertThat((double) p.get(2)).isCloseTo(1.0, within(1e-6));
    assertThat(p.subList(3, 5)).containsExactly("pedestrian", "pedestrian");
    assertThat(query(lake, "SELECT type, track_ids[1] FROM events")).containsExactly(List.of("scenario:crossing", "p1"));
  }

  @Test
  void parquetTablesAreReadToo() throws Exception {
    Path csv = input();
    Path pq = Files.createDirectories(dir.resolve("pq"));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      for (String t : List.of("logs", "ego", "objects")) {
        st.execute("COPY (SELECT * FROM read_csv('" + csv.resolve(t + ".csv") + "')) TO '" + pq.resolve(t + ".parquet") + "'");
      }
    }
    Lake lake = ingest(pq);
    assertThat(TestLakes.scalar(lake, "SELECT count(*) FROM objects")).isEqualTo(3L);
  }

  @Test
  void aBadValueNamesTheFileLineAndColumn() throws Exception {
    Path in = input();
    Files.writeString(in.resolve("ego.csv"), "log_id,ts_ns,x,y,yaw\nn1,0,0,0,0\nn1,100000000,oops,0,0\n");
    assertThatThrownBy(() -> ingest(in)).isInstanceOf(IngestException.class)
        .hasMessageStartingWith(in.resolve("ego.csv").toString())
        .hasMessageContaining("Line: 3")
        .hasMessageContaining("\"x\"");
  }

  @Test
  void aMissingRequiredColumnIsNamed() throws Exception {
    Path in = input();
    Files.writeString(in.resolve("ego.csv"), "log_id,ts_ns,x,y\nn1,0,0,0\n");
    assertThatThrownBy(() -> ingest(in)).isInstanceOf(IngestException.class)
        .hasMessage(in.resolve("ego.csv") + ": field yaw: missing required column 'yaw' (DOUBLE); columns found: log_id, ts_ns, x, y");
  }

  @Test
  void aWrongParquetTypeIsNamed() throws Exception {
    Path in = input();
    Files.delete(in.resolve("ego.csv"));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("COPY (SELECT 'n1' AS log_id, 'zero' AS ts_ns, 0.0 AS x, 0.0 AS y, 0.0 AS yaw) TO '"
          + in.resolve("ego.parquet") + "'");
    }
    assertThatThrownBy(() -> ingest(in)).isInstanceOf(IngestException.class)
        .hasMessage(in.resolve("ego.parquet") + ": field ts_ns: column 'ts_ns' has type VARCHAR, expected BIGINT");
  }

  @Test
  void rowsOfAnUnlistedLogOrAnUnknownCategoryAreRejectedAndNothingIsWritten() throws Exception {
    Path in = input();
    Files.writeString(in.resolve("objects.csv"), "log_id,ts_ns,category,x,y,length,width,height,yaw\n"
        + "n1,0,spaceship,1,1,1,1,1,0\n");
    assertThatThrownBy(() -> ingest(in)).isInstanceOf(IngestException.class)
        .hasMessageContaining("objects.csv: row 1, field category: unknown category 'spaceship'");
    Files.writeString(in.resolve("objects.csv"), "log_id,ts_ns,category,x,y,length,width,height,yaw\n"
        + "n1,0,car,1,1,1,1,1,0\nn2,0,car,1,1,1,1,1,0\n");
    assertThatThrownBy(() -> ingest(in)).isInstanceOf(IngestException.class)
        .hasMessageContaining("objects.csv: row 2, field log_id: log 'n2' is not listed in logs.csv");
    Lake lake = Lake.open(dir.resolve("lake"));
    assertThat(lake.current().logs()).isEmpty();
    assertThat(TestLakes.listing(lake.root())).isEmpty();
  }
}
