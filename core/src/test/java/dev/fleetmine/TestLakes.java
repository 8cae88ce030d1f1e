package dev.fleetmine;

import dev.fleetmine.lake.Lake;
import dev.fleetmine.lake.LakeViews;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Helpers shared by tests: the real-data folder and SQL over a lake's current snapshot. */
public final class TestLakes {
  private TestLakes() {}

  /** ../shared/data, as passed by Surefire (or found relative to the module). */
  public static Path sharedData() {
    String prop = System.getProperty("fleetmine.shared.data");
    if (prop != null && Files.isDirectory(Path.of(prop))) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolveSibling("shared").resolve("data");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("../shared/data not found; tests need the real data samples");
  }

  /**
   * A lake at {@code dir} with the four real samples that carry objects: the two Argoverse 2 sensor logs,
   * the AV2 motion-forecasting scenario and the Waymo motion scenario, committed in one snapshot.
   */
  public static Lake realSamples(Path dir) {
    Path data = sharedData();
    Lake lake = Lake.open(dir);
    try (dev.fleetmine.ingest.Ingestor in = dev.fleetmine.ingest.Ingestor.begin(lake)) {
      new dev.fleetmine.ingest.av2.Av2SensorImporter().read(List.of(data.resolve("argoverse2/sensor")), in,
          dev.fleetmine.ingest.Progress.NONE);
      new dev.fleetmine.ingest.av2.Av2MotionImporter().read(List.of(data.resolve("argoverse2/forecasting")), in,
          dev.fleetmine.ingest.Progress.NONE);
      new dev.fleetmine.ingest.waymo.WaymoMotionImporter().read(List.of(data.resolve("waymo-motion")), in,
          dev.fleetmine.ingest.Progress.NONE);
      in.commit("real samples");
    }
    return lake;
  }

  /** Runs a query over the lake's current snapshot and returns the rows as lists of objects. */
  public static List<List<Object>> query(Lake lake, String sql) {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
      LakeViews.register(c, lake, lake.current());
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
        List<List<Object>> rows = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<Object> row = new ArrayList<>();
          for (int i = 1; i <= n; i++) {
            Object v = rs.getObject(i);
            // derived columns are stored as FLOAT; tests compare them as doubles
            row.add(v instanceof Float f ? Double.valueOf(f) : v);
          }
          rows.add(row);
        }
        return rows;
      }
    } catch (SQLException e) {
      throw new AssertionError(sql + ": " + e.getMessage(), e);
    }
  }

  /** A single value. */
  public static Object scalar(Lake lake, String sql) {
    return query(lake, sql).get(0).get(0);
  }

  /** Every file under the lake root with its size, to compare a lake before and after a failed write. */
  public static TreeMap<String, Long> listing(Path root) throws Exception {
    TreeMap<String, Long> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isRegularFile(p) && !root.relativize(p).startsWith("_staging")) {
          files.put(root.relativize(p).toString(), Files.size(p));
        }
      }
    }
    return files;
  }
}
