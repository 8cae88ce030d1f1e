package dev.fleetmine.label;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads completed CVAT XML 1.1 as {@link CvatXml} writes it (and CVAT keeps it): {@code <image name="LOG/TS_NS">}
 * frames with {@code <cuboid_3d>} boxes and {@code <tag>} clip tags. Problems name the element and its line.
 * 2D shapes ({@code box}, {@code polygon}, ...) are rejected: they are not 3D boxes. DTDs are refused.
 */
final class CvatReader implements AnnotationReader {
  /** An element with its line, attributes, children and text. */
  record El(String name, int line, Map<String, String> attrs, List<El> children, StringBuilder text) {
    String where() {
      return "line " + line + " <" + name + ">";
    }

    El child(String n) {
      return children.stream().filter(c -> c.name.equals(n)).findFirst().orElse(null);
    }
  }

  private static final Set<String> SHAPES_2D = Set.of("box", "polygon", "polyline", "points", "cuboid", "ellipse", "mask",
      "skeleton");

  @Override
  public void read(Path file, byte[] bytes, LabelBatch batch, Map<String, String> coordinateSystems, Parsed out) {
    El root = parse(file, bytes, out);
    if (root == null) {
      return;
    }
    if (!root.name.equals("annotations")) {
      out.problem(file, root.where(), "expected the CVAT root element <annotations>");
      return;
    }
    El version = root.child("version");
    if (version == null || !version.text.toString().trim().equals(CvatXml.VERSION)) {
      out.problem(file, version == null ? root.where() : version.where(), "expected <version>" + CvatXml.VERSION
          + "</version> (CVAT XML 1.1), got " + (version == null ? "none" : "'" + version.text.toString().trim() + "'"));
    }
    El meta = root.child("meta");
    El exported = meta == null || meta.child("fleetmine") == null ? null : meta.child("fleetmine").child("batch");
    if (exported != null && !exported.text.toString().trim().equals(batch.id())) {
      out.problem(file, exported.where(), "the file was exported from batch '" + exported.text.toString().trim() + "', not '"
          + batch.id() + "'");
      return;
    }
    Set<String> seenFrames = new HashSet<>();
    for (El image : root.children) {
      if (!image.name.equals("image")) {
        if (image.name.equals("track")) {
          out.problem(file, image.where(), "tracks (CVAT for video) are not read; export the task as CVAT for images 1.1");
        }
        continue;
      }
      String name = image.attrs.get("name");
      if (name == null) {
        out.problem(file, image.where(), "missing attribute 'name'; expected LOG/TS_NS");
        continue;
      }
      String stem = name.contains(".") && name.lastIndexOf('.') > name.lastIndexOf('/') ? name.substring(0, name.lastIndexOf('.'))
          : name;
      int slash = stem.lastIndexOf('/');
      long ts;
      try {
        ts = Long.parseLong(stem.substring(slash + 1));
      } catch (NumberFormatException e) {
        out.problem(file, image.where(), "name '" + name + "': expected LOG/TS_NS (a frame of the batch)");
        continue;
      }
      String log = slash < 0 ? "" : stem.substring(0, slash);
      LabelBatch.BatchClip clip = batch.clipOfFrame(log, ts).orElse(null);
      if (clip == null) {
        out.problem(file, image.where(), "name '" + name + "': " + log + " at " + ts + " is not a frame of batch '" + batch.id()
            + "'");
        continue;
      }
      if (!seenFrames.add(stem)) {
        out.problem(file, image.where(), "frame '" + name + "' is given twice");
        continue;
      }
      for (El shape : image.children) {
        if (SHAPES_2D.contains(shape.name)) {
          out.problem(file, shape.where(), "a 2D shape is not a 3D box; expected <" + CvatXml.SHAPE + ">");
        } else if (shape.name.equals("tag")) {
          String label = shape.attrs.get("label");
          if (label == null || label.isBlank()) {
            out.problem(file, shape.where(), "missing attribute 'label'; expected a scenario tag");
          } else {
            out.tags.add(new Parsed.Located<>(Parsed.where(file, shape.where()), new ClipTag(clip.clip(), label, null)));
          }
        } else if (shape.name.equals(CvatXml.SHAPE)) {
          cuboid(file, shape, log, ts, out);
        }
      }
    }
  }

  private static void cuboid(Path file, El shape, String log, long ts, Parsed out) {
    String label = shape.attrs.get("label");
    if (label == null) {
      out.problem(file, shape.where(), "missing attribute 'label'; expected a category");
      return;
    }
    String[] names = {"position_x", "position_y", "position_z", "rotation_x", "rotation_y", "rotation_z", "scale_x", "scale_y",
        "scale_z"};
    double[] v = new double[names.length];
    int before = out.problems.size();
    for (int i = 0; i < names.length; i++) {
      String s = shape.attrs.get(names[i]);
      if (s == null) {
        out.problem(file, shape.where(), "missing attribute '" + names[i] + "'; expected a number");
        continue;
      }
      try {
        v[i] = Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        out.problem(file, shape.where(), "attribute " + names[i] + "=\"" + s + "\": expected a number");
      }
    }
    if (out.problems.size() > before) {
      return;
    }
    if (Math.abs(v[3]) > 1e-9 || Math.abs(v[4]) > 1e-9) {
      out.problem(file, shape.where(), "rotation_x = " + v[3] + ", rotation_y = " + v[4]
          + ": expected 0 (boxes are upright; rotation_z is the yaw)");
      return;
    }
    String track = null;
    Double score = null;
    for (El a : shape.children) {
      if (!a.name.equals("attribute")) {
        continue;
      }
      String an = a.attrs.getOrDefault("name", "");
      String text = a.text.toString().trim();
      if (an.equals("track_id")) {
        track = text.isEmpty() ? null : text;
      } else if (an.equals("score") && !text.isEmpty()) {
        try {
          score = Double.parseDouble(text);
        } catch (NumberFormatException e) {
          out.problem(file, a.where(), "score '" + text + "': expected a number");
          return;
        }
      }
    }
    out.boxes.add(new Parsed.Located<>(Parsed.where(file, shape.where()), new Cuboid(log, ts, track, label, label, v[0], v[1], v[2],
        v[6], v[7], v[8], v[5], null, score, "{}")));
  }

  /** Parses into elements with line numbers; a syntax error becomes a problem with its line and column. */
  static El parse(Path file, byte[] bytes, Parsed out) {
    try {
      SAXParserFactory f = SAXParserFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setNamespaceAware(false);
      SAXParser p = f.newSAXParser();
      List<El> stack = new ArrayList<>();
      El[] root = new El[1];
      p.parse(new ByteArrayInputStream(bytes), new DefaultHandler() {
        Locator locator;

        @Override
        public void setDocumentLocator(Locator l) {
          this.locator = l;
        }

        @Override
        public void startElement(String uri, String local, String qName, Attributes attributes) {
          Map<String, String> a = new LinkedHashMap<>();
          for (int i = 0; i < attributes.getLength(); i++) {
            a.put(attributes.getQName(i), attributes.getValue(i));
          }
          El e = new El(qName, locator == null ? 0 : locator.getLineNumber(), a, new ArrayList<>(), new StringBuilder());
          if (stack.isEmpty()) {
            root[0] = e;
          } else {
            stack.get(stack.size() - 1).children.add(e);
          }
          stack.add(e);
        }

        @Override
        public void endElement(String uri, String local, String qName) {
          stack.remove(stack.size() - 1);
        }

        @Override
        public void characters(char[] ch, int start, int length) {
          if (!stack.isEmpty()) {
            stack.get(stack.size() - 1).text.append(ch, start, length);
          }
        }
      });
      return root[0];
    } catch (SAXParseException e) {
      out.problem(file, "line " + e.getLineNumber() + " column " + e.getColumnNumber(), "not well-formed XML: " + e.getMessage());
      return null;
    } catch (Exception e) {
      out.problem(file, "XML", "cannot parse: " + e.getMessage());
      return null;
    }
  }

}
