package dev.fleetmine.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Text renderings of a streamed query result: CSV (RFC 4180: a header line, fields quoted when they hold a
 * comma, quote or line break, NULL as an empty field, the empty string as {@code ""}) and JSON (an array
 * with one object per row, keyed by column name). Lists, structs and maps become JSON arrays and objects
 * (in CSV, their JSON text); timestamps ISO-8601; BLOBs base64; floating-point values their shortest
 * decimal form.
 */
public final class ResultText {
  /** Generators that leave the output open: one per row, on a stream the caller owns. */
  private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  private ResultText() {}

  /** A sink that writes CSV to {@code out} (flushed at the end, not closed). */
  public static ResultSink csv(Writer out) {
    return new ResultSink() {
      @Override
      public void start(List<Column> columns) throws IOException {
        line(out, columns.stream().<Object>map(Column::name).toList());
      }

      @Override
      public void row(List<Object> values) throws IOException {
        line(out, values);
      }

      @Override
      public void end() throws IOException {
        out.flush();
      }
    };
  }

  /** A sink that writes a JSON array of row objects to {@code out}, one row per line (flushed, not closed). */
  public static ResultSink json(Writer out) {
    return new JsonRows(out, "[\n", "  ", ",\n", "\n]\n");
  }

  /** One JSON object per line and nothing else (newline-delimited JSON; what Parquet output is staged in). */
  static ResultSink jsonLines(Writer out) {
    return new JsonRows(out, "", "", "\n", "\n");
  }

  private static void line(Writer out, List<Object> values) throws IOException {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      Object v = values.get(i);
      if (v != null) {
        String s = text(v);
        boolean quote = s.isEmpty() || s.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        out.write(quote ? '"' + s.replace("\"", "\"\"") + '"' : s);
      }
    }
    out.write('\n');
  }

  /** The text of one non-null value, as a CSV field holds it. */
  static String text(Object v) throws IOException {
    if (v instanceof java.sql.Array || v instanceof java.sql.Struct || v instanceof Map<?, ?>) {
      StringWriter w = new StringWriter();
      try (JsonGenerator g = JSON.createGenerator(w)) {
        write(g, v);
      }
      return w.toString();
    }
    return scalar(v);
  }

  /** Writes one value as JSON. */
  static void write(JsonGenerator g, Object v) throws IOException {
    switch (v) {
      case null -> g.writeNull();
      case Boolean b -> g.writeBoolean(b);
      case Integer i -> g.writeNumber(i);
      case Long l -> g.writeNumber(l);
      case Short s -> g.writeNumber(s);
      case Byte b -> g.writeNumber(b);
      case Double d -> g.writeNumber(d);
      case Float f -> g.writeNumber(f);
      case BigInteger b -> g.writeNumber(b);
      case BigDecimal b -> g.writeNumber(b);
      case java.sql.Array a -> {
        g.writeStartArray();
        for (Object e : (Object[]) sql(() -> a.getArray())) {
          write(g, e);
        }
        g.writeEndArray();
      }
      case org.duckdb.DuckDBStruct s -> write(g, sql(s::getMap));
      case java.sql.Struct s -> {
        g.writeStartArray();
        for (Object e : sql(s::getAttributes)) {
          write(g, e);
        }
        g.writeEndArray();
      }
      case Map<?, ?> m -> {
        g.writeStartObject();
        for (Map.Entry<?, ?> e : m.entrySet()) {
          g.writeFieldName(String.valueOf(e.getKey()));
          write(g, e.getValue());
        }
        g.writeEndObject();
      }
      default -> g.writeString(scalar(v));
    }
  }

  /** Text of a value that is not a list, struct or map. */
  private static String scalar(Object v) {
    return switch (v) {
      case Double d -> Double.toString(d);
      case Float f -> Float.toString(f);
      case java.sql.Timestamp t -> DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t.toLocalDateTime());
      case LocalDateTime t -> DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t);
      case OffsetDateTime t -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
      case LocalTime t -> DateTimeFormatter.ISO_LOCAL_TIME.format(t);
      case OffsetTime t -> DateTimeFormatter.ISO_OFFSET_TIME.format(t);
      case LocalDate d -> d.toString();
      case java.sql.Blob b -> Base64.getEncoder().encodeToString(sql(() -> b.getBytes(1, (int) b.length())));
      case byte[] b -> Base64.getEncoder().encodeToString(b);
      default -> v.toString();
    };
  }

  private interface SqlValue<T> {
    T get() throws SQLException;
  }

  private static <T> T sql(SqlValue<T> v) {
    try {
      return v.get();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read a nested value of the result: " + e.getMessage(), e);
    }
  }

  /** JSON objects per row between a prefix and a suffix. */
  private static final class JsonRows implements ResultSink {
    private final Writer out;
    private final String open;
    private final String indent;
    private final String separator;
    private final String close;
    private List<Column> columns;
    private long rows;

    JsonRows(Writer out, String open, String indent, String separator, String close) {
      this.out = out;
      this.open = open;
      this.indent = indent;
      this.separator = separator;
      this.close = close;
    }

    @Override
    public void start(List<Column> columns) throws IOException {
      this.columns = columns;
      out.write(open);
    }

    @Override
    public void row(List<Object> values) throws IOException {
      out.write(rows++ == 0 ? indent : separator + indent);
      try (JsonGenerator g = JSON.createGenerator(out)) {
        g.writeStartObject();
        for (int i = 0; i < values.size(); i++) {
          g.writeFieldName(columns.get(i).name());
          write(g, values.get(i));
        }
        g.writeEndObject();
      }
    }

    @Override
    public void end() throws IOException {
      out.write(rows == 0 && close.startsWith("\n") ? close.substring(1) : close);
      out.flush();
    }
  }
}
