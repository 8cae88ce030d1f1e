package dev.fleetmine.eval.coco;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads COCO instances (ground truth) and results JSON with Jackson's streaming parser: one pass, no
 * tree, unknown fields (segmentation polygons, image sizes, ...) skipped without being built. Errors
 * are {@link CocoFormatException}s naming the file, the record and the field, for example
 * {@code instances.json: annotations[17].bbox: expected 4 numbers, got 3}.
 */
public final class CocoJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private CocoJson() {}

  /** Reads {@code images[].id}, {@code categories[].id,name} and the annotations' box fields. */
  public static CocoGroundTruth readGroundTruth(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return readGroundTruth(in, file.getFileName().toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read COCO ground truth " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads a results file: a JSON array of {@code {image_id, category_id, bbox, score}}. */
  public static CocoDetections readResults(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return readResults(in, file.getFileName().toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read COCO results " + file + ": " + e.getMessage(), e);
    }
  }

  /** As {@link #readGroundTruth(Path)}, from a stream; {@code source} names it in errors. */
  public static CocoGroundTruth readGroundTruth(InputStream in, String source) throws IOException {
    Reader r = new Reader(source);
    try (JsonParser p = FACTORY.createParser(in)) {
      r.p = p;
      return r.groundTruth();
    } catch (JsonProcessingException e) {
      throw r.malformed(e);
    }
  }

  /** As {@link #readResults(Path)}, from a stream; {@code source} names it in errors. */
  public static CocoDetections readResults(InputStream in, String source) throws IOException {
    Reader r = new Reader(source);
    try (JsonParser p = FACTORY.createParser(in)) {
      r.p = p;
      return r.results();
    } catch (JsonProcessingException e) {
      throw r.malformed(e);
    }
  }

  /** One read: the parser and the record being read (for messages about malformed JSON). */
  private static final class Reader {
    private final String source;
    private JsonParser p;
    /** The record being read, for messages: {@code section[index]} ("" and -1 outside records). */
    private String section = "";
    private int index = -1;
    /** The last bbox read. */
    private final double[] bb = new double[4];

    Reader(String source) {
      this.source = source;
    }

    CocoGroundTruth groundTruth() throws IOException {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw error("", "expected a JSON object with \"images\", \"annotations\" and \"categories\"");
      }
      CocoGroundTruth.Builder b = CocoGroundTruth.builder(source);
      boolean images = false;
      boolean categories = false;
      for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
        record("", -1);
        p.nextToken();
        switch (f) {
          case "images" -> {
            array("images");
            images = true;
            for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
              record("images", i);
              image(b);
            }
          }
          case "categories" -> {
            array("categories");
            categories = true;
            for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
              record("categories", i);
              category(b);
            }
          }
          case "annotations" -> {
            array("annotations");
            for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
              record("annotations", i);
              annotation(b);
            }
          }
          default -> p.skipChildren();
        }
      }
      record("", -1);
      if (!images) {
        throw error("images", "missing (expected an array of {\"id\": ...})");
      }
      if (!categories) {
        throw error("categories", "missing (expected an array of {\"id\": ..., \"name\": ...})");
      }
      return b.build();
    }

    private void image(CocoGroundTruth.Builder b) throws IOException {
      object();
      Long id = null;
      for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
        p.nextToken();
        if (f.equals("id")) {
          id = integer("id");
        } else {
          p.skipChildren();
        }
      }
      b.addImage(required(id, "id", "an integer"));
    }

    private void category(CocoGroundTruth.Builder b) throws IOException {
      object();
      Long id = null;
      String name = "";
      for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
        JsonToken t = p.nextToken();
        if (f.equals("id")) {
          id = integer("id");
        } else if (f.equals("name") && t == JsonToken.VALUE_STRING) {
          name = p.getText();
        } else {
          p.skipChildren();
        }
      }
      b.addCategory(required(id, "id", "an integer"), name);
    }

    private void annotation(CocoGroundTruth.Builder b) throws IOException {
      object();
      long id = 0;
      long image = 0;
      long category = 0;
      double area = 0;
      boolean crowd = false;
      int seen = 0;
      // primitives and a bit per field seen: these records number in the hundreds of thousands
      for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
        p.nextToken();
        switch (f) {
          case "id" -> {
            id = integer("id");
            seen |= 1;
          }
          case "image_id" -> {
            image = integer("image_id");
            seen |= 2;
          }
          case "category_id" -> {
            category = integer("category_id");
            seen |= 4;
          }
          case "bbox" -> {
            bbox("bbox");
            seen |= 8;
          }
          case "area" -> {
            area = number("area");
            seen |= 16;
          }
          case "iscrowd" -> {
            crowd = flag("iscrowd");
            seen |= 32;
          }
          default -> p.skipChildren();
        }
      }
      require(seen, 1, "id", "an integer");
      require(seen, 2, "image_id", "an integer");
      require(seen, 4, "category_id", "an integer");
      require(seen, 8, "bbox", "4 numbers [x, y, width, height]");
      require(seen, 16, "area", "a number");
      require(seen, 32, "iscrowd", "0 or 1");
      b.addAnnotation(id, image, category, bb[0], bb[1], bb[2], bb[3], area, crowd);
    }

    CocoDetections results() throws IOException {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw error("", "expected a JSON array of {\"image_id\", \"category_id\", \"bbox\", \"score\"}");
      }
      CocoDetections.Builder b = CocoDetections.builder(source, "");
      for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
        record("", i);
        object();
        long image = 0;
        long category = 0;
        double score = 0;
        int seen = 0;
        for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
          p.nextToken();
          switch (f) {
            case "image_id" -> {
              image = integer("image_id");
              seen |= 1;
            }
            case "category_id" -> {
              category = integer("category_id");
              seen |= 2;
            }
            case "bbox" -> {
              bbox("bbox");
              seen |= 4;
            }
            case "score" -> {
              score = number("score");
              seen |= 8;
            }
            default -> p.skipChildren();
          }
        }
        require(seen, 1, "image_id", "an integer");
        require(seen, 2, "category_id", "an integer");
        require(seen, 4, "bbox", "4 numbers [x, y, width, height]");
        require(seen, 8, "score", "a number");
        b.add(image, category, bb[0], bb[1], bb[2], bb[3], score);
      }
      return b.build();
    }

    private void array(String at) {
      if (p.currentToken() != JsonToken.START_ARRAY) {
        throw error(at, "expected an array, got " + describe(p.currentToken()));
      }
    }

    private void record(String section, int index) {
      this.section = section;
      this.index = index;
    }

    private void object() {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw error("", "expected an object, got " + describe(p.currentToken()));
      }
    }

    private long integer(String field) throws IOException {
      JsonToken t = p.currentToken();
      if (t != JsonToken.VALUE_NUMBER_INT) {
        throw fieldError(field, "expected an integer, got " + describe(t));
      }
      if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        throw fieldError(field, "expected a 64-bit integer, got " + p.getText());
      }
      return p.getLongValue();
    }

    private double number(String field) throws IOException {
      JsonToken t = p.currentToken();
      if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
        throw fieldError(field, "expected a number, got " + describe(t));
      }
      return p.getDoubleValue();
    }

    /** {@code iscrowd}: 0/1 (any non-zero integer is crowd, as Python's truth test) or a boolean. */
    private boolean flag(String field) throws IOException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
        return t == JsonToken.VALUE_TRUE;
      }
      if (t != JsonToken.VALUE_NUMBER_INT) {
        throw fieldError(field, "expected 0 or 1, got " + describe(t));
      }
      return p.getLongValue() != 0;
    }

    /** Reads a 4-number array into {@link #bb}. */
    private void bbox(String field) throws IOException {
      if (p.currentToken() != JsonToken.START_ARRAY) {
        throw fieldError(field, "expected 4 numbers [x, y, width, height], got " + describe(p.currentToken()));
      }
      int n = 0;
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
          throw fieldError(field,
              "expected 4 numbers [x, y, width, height], got " + describe(t) + " at position " + n);
        }
        if (n < 4) {
          bb[n] = p.getDoubleValue();
        }
        n++;
      }
      if (n != 4) {
        throw fieldError(field, "expected 4 numbers [x, y, width, height], got " + n);
      }
    }

    private void require(int seen, int bit, String field, String expected) {
      if ((seen & bit) == 0) {
        throw fieldError(field, "missing (expected " + expected + ")");
      }
    }

    private <T> T required(T value, String field, String expected) {
      if (value == null) {
        throw fieldError(field, "missing (expected " + expected + ")");
      }
      return value;
    }

    private static String describe(JsonToken t) {
      if (t == null) {
        return "end of input";
      }
      return switch (t) {
        case START_OBJECT -> "an object";
        case START_ARRAY -> "an array";
        case VALUE_STRING -> "a string";
        case VALUE_NUMBER_INT -> "an integer";
        case VALUE_NUMBER_FLOAT -> "a fractional number";
        case VALUE_TRUE, VALUE_FALSE -> "a boolean";
        case VALUE_NULL -> "null";
        default -> t.toString();
      };
    }

    /** An error about the whole current record ({@code at} empty), or a top-level section. */
    CocoFormatException error(String at, String message) {
      return new CocoFormatException(source, at.isEmpty() ? where("") : at, message);
    }

    /** An error about one field of the current record. */
    CocoFormatException fieldError(String field, String message) {
      return new CocoFormatException(source, where(field), message);
    }

    /** {@code section[index].field}, built only when an error needs it. */
    private String where(String field) {
      if (index < 0) {
        return field;
      }
      return section + "[" + index + "]" + (field.isEmpty() ? "" : "." + field);
    }

    CocoFormatException malformed(JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String pos = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      return new CocoFormatException(source, where(""), "malformed JSON" + pos + ": " + e.getOriginalMessage(), e);
    }
  }
}
