package dev.fleetmine.ingest.coco;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The descriptive fields of a COCO instances file's {@code images} ({@code file_name}, {@code width},
 * {@code height}), which {@link dev.fleetmine.eval.coco.CocoJson} skips because evaluation needs only ids.
 * Read in a second streaming pass after CocoJson has validated the file, so this reader is lenient: a
 * field of another type is treated as absent.
 */
final class CocoImages {
  private static final JsonFactory FACTORY = new JsonFactory();

  /** One image's descriptive fields; each null when absent. */
  record Info(String fileName, Integer width, Integer height) {}

  private CocoImages() {}

  /** Image id to its fields, for every image that has at least one of them. */
  static Map<Long, Info> read(Path file) {
    Map<Long, Info> out = new HashMap<>();
    try (InputStream in = Files.newInputStream(file); JsonParser p = FACTORY.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return out;
      }
      for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
        if (p.nextToken() == JsonToken.START_ARRAY && f.equals("images")) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            image(p, out);
          }
        } else {
          p.skipChildren();
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the images of COCO ground truth " + file + ": " + e.getMessage(), e);
    }
  }

  private static void image(JsonParser p, Map<Long, Info> out) throws IOException {
    Long id = null;
    String name = null;
    Integer width = null;
    Integer height = null;
    for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
      JsonToken t = p.nextToken();
      switch (f) {
        case "id" -> id = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null;
        case "file_name" -> name = t == JsonToken.VALUE_STRING ? p.getText() : null;
        case "width" -> width = intOrNull(p, t);
        case "height" -> height = intOrNull(p, t);
        default -> p.skipChildren();
      }
    }
    if (id != null && (name != null || width != null || height != null)) {
      out.put(id, new Info(name, width, height));
    }
  }

  private static Integer intOrNull(JsonParser p, JsonToken t) throws IOException {
    return t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT ? p.getIntValue() : null;
  }
}
