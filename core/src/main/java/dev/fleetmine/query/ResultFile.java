package dev.fleetmine.query;

import dev.fleetmine.lake.LakeViews;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A query result written to a file as a whole or not at all: rows go to a temporary file beside the
 * target, which is renamed over it once complete, so a failed or killed run leaves any earlier file as it
 * was. Parquet is written by a private in-memory DuckDB from newline-delimited JSON staged beside the
 * target, with the result's own column types: the session that ran the query never writes files.
 */
public final class ResultFile {
  /** The file formats a result can be written in. */
  public enum Format { CSV, JSON, PARQUET }

  private ResultFile() {}

  /**
   * Writes what {@code run} streams into the sink it is handed (for example {@code sink -> q.stream(sql, sink)})
   * to {@code file} in {@code format}; returns the number of rows.
   */
  public static long write(Path file, Format format, Consumer<ResultSink> run) {
    Path tmp = sibling(file, ".tmp");
    Path staged = sibling(file, ".jsonl.tmp");
    requireDirectory(file);
    try {
      Path text = format == Format.PARQUET ? staged : tmp;
      Counting counted;
      try (Writer w = Files.newBufferedWriter(text, StandardCharsets.UTF_8)) {
        ResultSink sink = switch (format) {
          case CSV -> ResultText.csv(w);
          case JSON -> ResultText.json(w);
          case PARQUET -> ResultText.jsonLines(w);
        };
        counted = new Counting(sink);
        run.accept(counted);
      }
      if (format == Format.PARQUET) {
        toParquet(staged, counted.columns, tmp);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return counted.rows;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(staged);
      deleteQuietly(tmp);
    }
  }

  /** Writes {@code text} (for example a rendered table) to {@code file} as a whole or not at all. */
  public static void writeText(Path file, String text) {
    Path tmp = sibling(file, ".tmp");
    requireDirectory(file);
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  /** Converts staged JSON lines to Parquet with the result's column types, in a DuckDB of its own. */
  private static void toParquet(Path staged, List<ResultSink.Column> columns, Path out) {
    String types = columns.stream().map(c -> LakeViews.quote(c.name()) + ": " + LakeViews.quote(parquetType(c.type())))
        .collect(Collectors.joining(", ", "{", "}"));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("COPY (SELECT * FROM read_json(" + LakeViews.quote(staged.toString()) + ", format = 'newline_delimited',"
          + " columns = " + types + ")) TO " + LakeViews.quote(out.toString()) + " (FORMAT parquet)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write the result as Parquet (" + out.getFileName() + "): " + e.getMessage(), e);
    }
  }

  /**
   * The type a column is read back as from its JSON text: its own, except the few whose JSON form is not
   * their value (BLOB as base64 text, untyped NULL, ENUM and UNION) which stay text.
   */
  static String parquetType(String type) {
    String t = type.strip();
    if (t.equals("BLOB") || t.equals("\"NULL\"") || t.equals("NULL") || t.equals("ENUM") || t.startsWith("UNION(")) {
      return "VARCHAR";
    }
    return t;
  }

  /** Rejects an output whose directory is missing before any work is done. */
  private static void requireDirectory(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new IllegalArgumentException("cannot write " + file + ": directory " + dir + " does not exist");
    }
  }

  private static Path sibling(Path file, String suffix) {
    Path name = file.getFileName();
    if (name == null) {
      throw new IllegalArgumentException("output file " + file + " has no file name");
    }
    return file.resolveSibling("." + name + suffix);
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // a leftover temporary file is harmless; the target is either whole or untouched
    }
  }

  /** Passes everything on, remembering the columns and counting rows. */
  private static final class Counting implements ResultSink {
    private final ResultSink sink;
    private List<Column> columns = new ArrayList<>();
    private long rows;

    Counting(ResultSink sink) {
      this.sink = sink;
    }

    @Override
    public void start(List<Column> columns) throws IOException {
      this.columns = columns;
      sink.start(columns);
    }

    @Override
    public void row(List<Object> values) throws IOException {
      rows++;
      sink.row(values);
    }

    @Override
    public void end() throws IOException {
      sink.end();
    }
  }
}
