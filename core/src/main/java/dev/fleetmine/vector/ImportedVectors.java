package dev.fleetmine.vector;

import dev.fleetmine.lake.Lake;
import dev.fleetmine.lake.LakeViews;
import dev.fleetmine.query.LakeQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Embeddings from the user's own model (image, lidar or scene encoders) imported into a named index
 * beside the lake, {@code vectors/NAME}, searchable with the same filters as the clip index.
 *
 * <p>Input: a Parquet (or CSV) file with columns {@code log_id}, {@code start_ns}, {@code end_ns} (or a
 * single {@code ts_ns} for per-frame vectors), optional {@code track_id} (per-object vectors) and
 * {@code vector} (a list of numbers, the same length on every row). Vectors are compared by cosine
 * similarity, so they need not be normalised. Importing a name again replaces its index.
 */
public final class ImportedVectors {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.@-]*");

  private ImportedVectors() {}

  /** What an import did. */
  public record Imported(String name, int vectors, int dimension, int logs, Duration elapsed) {}

  /** Where an imported index lives. */
  public static Path directory(Lake lake, String name) {
    if (!NAME.matcher(name).matches() || name.equals("clips")) {
      throw new IllegalArgumentException("index name '" + name + "': expected lower-case letters, digits, _ . @ - (and not 'clips')");
    }
    return lake.root().resolve("vectors").resolve(name);
  }

  /** Imports {@code file} as index {@code name}, replacing an earlier one; a bad row leaves no index behind. */
  public static Imported importFile(Lake lake, String name, Path file) {
    long t0 = System.nanoTime();
    Path dir = directory(lake, name);
    Path tmp = dir.resolveSibling("." + name + ".importing");
    Lake.deleteTreeQuietly(tmp);
    List<VectorDoc> docs = read(lake, file);
    int dim = docs.get(0).vector().length;
    try (VectorIndex index = VectorIndex.create(tmp, IndexOptions.of(dim, Similarity.COSINE))) {
      for (int i = 0; i < docs.size(); i += 10_000) {
        index.add(docs.subList(i, Math.min(docs.size(), i + 10_000)));
      }
      index.commit();
    } catch (IOException e) {
      Lake.deleteTreeQuietly(tmp);
      throw new UncheckedIOException("cannot write index " + name + ": " + e.getMessage(), e);
    }
    Lake.deleteTreeQuietly(dir);
    try {
      Files.move(tmp, dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish index " + name + ": " + e.getMessage(), e);
    }
    return new Imported(name, docs.size(), dim, (int) docs.stream().map(d -> d.meta().logId()).distinct().count(),
        Duration.ofNanos(System.nanoTime() - t0));
  }

  /** Opens an imported index for search. */
  public static VectorIndex open(Lake lake, String name) {
    Path dir = directory(lake, name);
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("no imported vectors named '" + name + "' in the lake; import them with"
          + " `fleetmine index --import FILE --name " + name + "`");
    }
    try {
      return VectorIndex.open(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open index " + name + ": " + e.getMessage(), e);
    }
  }

  private static List<VectorDoc> read(Lake lake, Path file) {
    String f = LakeViews.quote(file.toString());
    String scan = file.toString().endsWith(".csv") ? "read_csv(" + f + ")" : "read_parquet(" + f + ")";
    try (LakeQuery q = LakeQuery.open(lake); Statement st = q.connection().createStatement()) {
      Set<String> columns = new HashSet<>();
      try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + scan)) {
        while (rs.next()) {
          columns.add(rs.getString(1));
        }
      }
      for (String required : List.of("log_id", "vector")) {
        if (!columns.contains(required)) {
          throw new IllegalArgumentException(file + ": missing column " + required + "; expected log_id, start_ns and end_ns"
              + " (or ts_ns), optional track_id, and vector");
        }
      }
      boolean frames = !columns.contains("start_ns");
      if (frames && !columns.contains("ts_ns")) {
        throw new IllegalArgumentException(file + ": missing column start_ns/end_ns (per clip) or ts_ns (per frame)");
      }
      Map<String, String> sources = new HashMap<>();
      q.rows("SELECT log_id, source_format FROM logs").values().forEach(r -> sources.put((String) r.get(0), (String) r.get(1)));
      String select = "SELECT log_id, " + (frames ? "ts_ns, ts_ns" : "start_ns, end_ns") + ", "
          + (columns.contains("track_id") ? "CAST(track_id AS VARCHAR)" : "NULL") + ", CAST(vector AS DOUBLE[]) FROM " + scan;
      List<VectorDoc> docs = new ArrayList<>();
      int row = 0;
      try (ResultSet rs = st.executeQuery(select)) {
        while (rs.next()) {
          row++;
          docs.add(doc(file, row, rs, sources, docs.isEmpty() ? -1 : docs.get(0).vector().length));
        }
      }
      if (docs.isEmpty()) {
        throw new IllegalArgumentException(file + ": no rows");
      }
      return docs;
    } catch (SQLException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  private static VectorDoc doc(Path file, int row, ResultSet rs, Map<String, String> sources, int dim) throws SQLException {
    String log = rs.getString(1);
    if (log == null || !sources.containsKey(log)) {
      throw new IllegalArgumentException(file + ": row " + row + ", column log_id: log '" + log + "' is not in the lake");
    }
    Array a = rs.getArray(5);
    Object[] values = a == null ? null : (Object[]) a.getArray();
    if (values == null || values.length == 0 || dim >= 0 && values.length != dim) {
      throw new IllegalArgumentException(file + ": row " + row + ", column vector: expected " + (dim < 0 ? "a non-empty list"
          : dim + " numbers like the first row") + ", got " + (values == null ? "NULL" : values.length + " numbers"));
    }
    float[] v = new float[values.length];
    for (int i = 0; i < v.length; i++) {
      double d = values[i] == null ? Double.NaN : ((Number) values[i]).doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException(file + ": row " + row + ", column vector: element " + i + " is not a finite number");
      }
      v[i] = (float) d;
    }
    long start = rs.getLong(2);
    long end = rs.getLong(3);
    String track = rs.getString(4);
    String id = log + "@" + start + "-" + end + (track == null ? "" : "#" + track);
    return new VectorDoc(id, v, new ClipMeta(log, sources.get(log), List.of(), List.of(), start, end));
  }


}
