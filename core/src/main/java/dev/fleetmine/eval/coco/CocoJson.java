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
    private String where = "";

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
        p.nextToken();
        switch (f) {
          case "images" -> {
            array("images");
            images = true;
            for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
              image(b, "images[" + i + "]");
            }
          }
          case "categories" -> {
            array("categories");
            categories = true;
            for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
              category(b, "categories[" + i + "]");
            }
          }
          case "annotations" -> {
            array("annotations");
            for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
              annotation(b, "annotations[" + i + "]");
            }
          }
          default -> p.skipChildren();
        }
      }
      where = "";
      if (!images) {
        throw error("images", "missing (expected an array of {\"id\": ...})");
      }
      if (!categories) {
        throw error("categories", "missing (expected an array of {\"id\": ..., \"name\": ...})");
      }
      return b.build();
    }

    private void image(CocoGroundTruth.Builder b, String at) throws IOException {
      object(at);
      Long id = null;
      for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
        p.nextToken();
        if (f.equals("id")) {
          id = integer(at + ".id");
        } else {
          p.skipChildren();
        }
      }
      b.addImage(required(id, at + ".id", "an integer"));
    }

    private void category(CocoGroundTruth.Builder b, String at) throws IOException {
      object(at);
      Long id = null;
      String name = "";
      for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
        JsonToken t = p.nextToken();
        if (f.equals("id")) {
          id = integer(at + ".id");
        } else if (f.equals("name") && t == JsonToken.VALUE_STRING) {
          name = p.getText();
        } else {
          p.skipChildren();
        }
      }
      b.addCategory(required(id, at + ".id", "an integer"), name);
    }

    private void annotation(CocoGroundTruth.Builder b, String at) throws IOException {
      object(at);
      Long id = null;
      Long image = null;
      Long category = null;
      double[] box = null;
      Double area = null;
      Boolean crowd = null;
      for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
        p.nextToken();
        switch (f) {
          case "id" -> id = integer(at + ".id");
          case "image_id" -> image = integer(at + ".image_id");
          case "category_id" -> category = integer(at + ".category_id");
          case "bbox" -> box = bbox(at + ".bbox");
          case "area" -> area = number(at + ".area");
          case "iscrowd" -> crowd = flag(at + ".iscrowd");
          default -> p.skipChildren();
        }
      }
      long gid = required(id, at + ".id", "an integer");
      long img = required(image, at + ".image_id", "an integer");
      long cat = required(category, at + ".category_id", "an integer");
      double[] bb = required(box, at + ".bbox", "4 numbers [x, y, width, height]");
      double ar = required(area, at + ".area", "a number");
      boolean cr = required(crowd, at + ".iscrowd", "0 or 1");
      b.addAnnotation(gid, img, cat, bb[0], bb[1], bb[2], bb[3], ar, cr);
    }

    CocoDetections results() throws IOException {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw error("", "expected a JSON array of {\"image_id\", \"category_id\", \"bbox\", \"score\"}");
      }
      CocoDetections.Builder b = CocoDetections.builder(source, "");
      for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
        String at = "[" + i + "]";
        object(at);
        Long image = null;
        Long category = null;
        double[] box = null;
        Double score = null;
        for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
          p.nextToken();
          switch (f) {
            case "image_id" -> image = integer(at + ".image_id");
            case "category_id" -> category = integer(at + ".category_id");
            case "bbox" -> box = bbox(at + ".bbox");
            case "score" -> score = number(at + ".score");
            default -> p.skipChildren();
          }
        }
        long img = required(image, at + ".image_id", "an integer");
        long cat = required(category, at + ".category_id", "an integer");
        double[] bb = required(box, at + ".bbox", "4 numbers [x, y, width, height]");
        double sc = required(score, at + ".score", "a number");
        b.add(img, cat, bb[0], bb[1], bb[2], bb[3], sc);
      }
      return b.build();
    }

    private void array(String at) {
      where = at;
      if (p.currentToken() != JsonToken.START_ARRAY) {
        throw error(at, "expected an array, got " + describe(p.currentToken()));
      }
    }

    private void object(String at) {
      where = at;
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw error(at, "expected an object, got " + describe(p.currentToken()));
      }
    }

    private long integer(String at) throws IOException {
      JsonToken t = p.currentToken();
      if (t != JsonToken.VALUE_NUMBER_INT) {
        throw error(at, "expected an integer, got " + describe(t));
      }
      if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        throw error(at, "expected a 64-bit integer, got " + p.getText());
      }
      return p.getLongValue();
    }

    private double number(String at) throws IOException {
      JsonToken t = p.currentToken();
      if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
        throw error(at, "expected a number, got " + describe(t));
      }
      return p.getDoubleValue();
    }

    /** {@code iscrowd}: 0/1 (any non-zero integer is crowd, as Python's truth test) or a boolean. */
    private boolean flag(String at) throws IOException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
        return t == JsonToken.VALUE_TRUE;
      }
      if (t != JsonToken.VALUE_NUMBER_INT) {
        throw error(at, "expected 0 or 1, got " + describe(t));
      }
      return p.getLongValue() != 0;
    }

    private double[] bbox(String at) throws IOException {
      if (p.currentToken() != JsonToken.START_ARRAY) {
        throw error(at, "expected 4 numbers [x, y, width, height], got " + describe(p.currentToken()));
      }
      double[] bb = new double[4];
      int n = 0;
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
          throw error(at, "expected 4 numbers [x, y, width, height], got " + describe(t) + " at position " + n);
        }
        if (n < 4) {
          bb[n] = p.getDoubleValue();
        }
        n++;
      }
      if (n != 4) {
        throw error(at, "expected 4 numbers [x, y, width, height], got " + n);
      }
      return bb;
    }

    private <T> T required(T value, String at, String expected) {
      if (value == null) {
        throw error(at, "missing (expected " + expected + ")");
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

    CocoFormatException error(String at, String message) {
      return new CocoFormatException(source, at, message);
    }

    CocoFormatException malformed(JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String pos = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      return new CocoFormatException(source, where, "malformed JSON" + pos + ": " + e.getOriginalMessage(), e);
    }
  }
}
