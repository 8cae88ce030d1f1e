package dev.fleetmine.ingest.predictions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleetmine.ingest.Category;
import dev.fleetmine.ingest.IngestException;
import dev.fleetmine.ingest.ObjectSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The native predictions format: what a good file gives and how each kind of bad input is reported. */
class NativePredictionsTest {
  static final String HEADER = "log_id,ts_ns,category,x,y,z,length,width,height,yaw,score";

  @TempDir
  Path dir;

  Path csv(String... lines) throws Exception {
    Path f = dir.resolve("preds.csv");
    Files.writeString(f, String.join("\n", lines) + "\n");
    return f;
  }

  @Test
  void aCsvFileGivesOneListPerLogWithTheModelAsSource() throws Exception {
    Path f = csv(HEADER + ",track_id,raw_label",
        "log-b,100,car,10.5,-2,0.8,4.5,1.8,1.5,0.25,0.9,7,Sedan",
        "log-a,0,pedestrian,3,1,0.9,0.6,0.7,1.75,-3.1,0.125,,",
        "log-b,200,cyclist,11,-2,0.8,1.9,0.6,1.7,0.25,0.5,8,");
    Map<String, List<ObjectSample>> read = PredictionReaders.read("native", List.of(f), "mine@2", null);
    assertThat(read).containsExactly(
        Map.entry("log-a", List.of(new ObjectSample(0, "mine@2", null, Category.PEDESTRIAN, "pedestrian",
            3, 1, 0.9, 0.6, 0.7, 1.75, -3.1, Double.NaN, Double.NaN, 0.125))),
        Map.entry("log-b", List.of(
            new ObjectSample(100, "mine@2", "7", Category.CAR, "Sedan", 10.5, -2, 0.8, 4.5, 1.8, 1.5, 0.25,
                Double.NaN, Double.NaN, 0.9),
            new ObjectSample(200, "mine@2", "8", Category.CYCLIST, "cyclist", 11, -2, 0.8, 1.9, 0.6, 1.7, 0.25,
                Double.NaN, Double.NaN, 0.5))));
  }

  @Test
  void aParquetFileWithNarrowerNumericTypesIsAccepted() throws Exception {
    Path f = dir.resolve("preds.parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("COPY (SELECT 'log-a' AS log_id, 42::INTEGER AS ts_ns, 'truck' AS category, 1.5::FLOAT AS x,"
          + " 2 AS y, 0.5::DECIMAL(4,2) AS z, 8.0 AS length, 2.5 AS width, 3.0 AS height, 0.0 AS yaw,"
          + " 0.75::FLOAT AS score, 'extra' AS ignored) TO '" + f + "' (FORMAT parquet)");
    }
    assertThat(NativePredictions.read(List.of(f), "m")).containsExactly(Map.entry("log-a", List.of(
        new ObjectSample(42, "m", null, Category.TRUCK, "truck", 1.5, 2, 0.5, 8, 2.5, 3, 0, Double.NaN,
            Double.NaN, 0.75))));
  }

  @Test
  void aMissingColumnIsNamed() throws Exception {
    Path f = csv("log_id,ts_ns,category,x,y,z,length,width,height,yaw", "a,0,car,1,2,0,4,2,1.5,0");
    assertThatThrownBy(() -> NativePredictions.read(List.of(f), "m")).isInstanceOf(IngestException.class)
        .hasMessage(f + ": field score: missing required column 'score' (DOUBLE); columns found: log_id, ts_ns,"
            + " category, x, y, z, length, width, height, yaw");
  }

  @Test
  void aParquetColumnOfTheWrongTypeIsNamed() throws Exception {
    Path f = dir.resolve("preds.parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("COPY (SELECT 'a' AS log_id, 0 AS ts_ns, 'car' AS category, '1.0' AS x, 2.0 AS y, 0.0 AS z,"
          + " 4.0 AS length, 2.0 AS width, 1.5 AS height, 0.0 AS yaw, 0.5 AS score) TO '" + f + "' (FORMAT parquet)");
    }
    assertThatThrownBy(() -> NativePredictions.read(List.of(f), "m")).isInstanceOf(IngestException.class)
        .hasMessage(f + ": field x: column 'x' has type VARCHAR, expected DOUBLE");
  }

  @Test
  void aCsvValueThatDoesNotParseIsReportedWithItsLineAndColumn() throws Exception {
    Path f = csv(HEADER, "a,0,car,1,2,0,4,2,1.5,0,0.5", "a,1,car,1,two,0,4,2,1.5,0,0.5");
    assertThatThrownBy(() -> NativePredictions.read(List.of(f), "m")).isInstanceOf(IngestException.class)
        .hasMessageStartingWith(f + ": ")
        .hasMessageContaining("\"two\"")
        .hasMessageContaining("Line: 3")
        .hasMessageContaining("column \"y\"");
  }

  @Test
  void anUnknownCategoryIsNamedWithItsRow() throws Exception {
    Path f = csv(HEADER, "a,0,car,1,2,0,4,2,1.5,0,0.5", "a,1,Car,1,2,0,4,2,1.5,0,0.5");
    assertThatThrownBy(() -> NativePredictions.read(List.of(f), "m")).isInstanceOf(IngestException.class)
        .hasMessage(f + ": row 2, field category: unknown category; expected one of car, truck, bus, motorcycle,"
            + " other_vehicle, pedestrian, cyclist, motorcyclist, bicycle, animal, static_object, unknown, dont_care,"
            + " got 'Car'");
  }

  @Test
  void aNanPositionIsNamedWithItsRow() throws Exception {
    Path f = csv(HEADER, "a,0,car,1,2,0,4,2,1.5,0,0.5", "a,1,car,1,2,0,4,2,1.5,0,0.5", "a,2,car,1,nan,0,4,2,1.5,0,0.5");
    assertThatThrownBy(() -> NativePredictions.read(List.of(f), "m")).isInstanceOf(IngestException.class)
        .hasMessage(f + ": row 3, field y: expected a finite number, got 'nan'");
  }

  @Test
  void aNonPositiveSizeAndAnEmptyValueAreNamedWithTheirRows() throws Exception {
    Path zero = csv(HEADER, "a,0,car,1,2,0,4,0,1.5,0,0.5");
    assertThatThrownBy(() -> NativePredictions.read(List.of(zero), "m")).isInstanceOf(IngestException.class)
        .hasMessage(zero + ": row 1, field width: expected a positive size in metres, got '0.0'");
    Path empty = csv(HEADER, "a,0,car,1,2,0,4,2,1.5,0,0.5", "a,,car,1,2,0,4,2,1.5,0,0.5");
    assertThatThrownBy(() -> NativePredictions.read(List.of(empty), "m")).isInstanceOf(IngestException.class)
        .hasMessage(empty + ": row 2, field ts_ns: required value is empty (BIGINT)");
  }

  @Test
  void aFileThatIsNeitherCsvNorParquetIsRejected() throws Exception {
    Path f = Files.writeString(dir.resolve("preds.json"), "{}");
    assertThatThrownBy(() -> NativePredictions.read(List.of(f), "m")).isInstanceOf(IngestException.class)
        .hasMessage(f + ": unknown file type; expected a predictions file ending in .csv or .parquet");
  }
}
