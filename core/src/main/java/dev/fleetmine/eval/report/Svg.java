package dev.fleetmine.eval.report;

import java.util.List;
import java.util.Locale;

/**
 * Charts drawn as inline SVG, so a report is one self-contained HTML file with no script and no
 * network: precision-recall curves (lines over [0, 1] x [0, 1]) and per-slice values as horizontal bars
 * with optional confidence intervals.
 */
public final class Svg {
  /** Colour per series, in order (colour-blind safe palette of Okabe and Ito). */
  static final String[] PALETTE = {"#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"};

  private Svg() {}

  /** A named line: x and y of equal length. */
  public record Series(String name, double[] x, double[] y) {
    public Series {
      if (x.length != y.length) {
        throw new IllegalArgumentException("series " + name + ": " + x.length + " x values but " + y.length + " y values");
      }
    }
  }

  /** A bar: its value and, when known, the interval around it (NaN when not). */
  public record Bar(String label, double value, double lo, double hi) {
    public static Bar of(String label, double value) {
      return new Bar(label, value, Double.NaN, Double.NaN);
    }
  }

  /** Lines over the unit square, e.g. precision (y) against recall (x). */
  public static String lines(String title, String xLabel, String yLabel, List<Series> series) {
    int w = 560;
    int h = 320;
    int left = 50;
    int top = 30;
    int pw = 260;
    int ph = 240;
    StringBuilder s = new StringBuilder();
    s.append(open(w, h, title));
    s.append(text(left + pw / 2.0, 18, title, "middle", 14, "bold"));
    for (int i = 0; i <= 5; i++) {
      double v = i / 5.0;
      double gx = left + v * pw;
      double gy = top + ph - v * ph;
      s.append(line(left, gy, left + pw, gy, "#ddd")).append(line(gx, top, gx, top + ph, "#ddd"));
      s.append(text(left - 6, gy + 4, fmt(v, 1), "end", 11, "normal"));
      s.append(text(gx, top + ph + 16, fmt(v, 1), "middle", 11, "normal"));
    }
    s.append(rect(left, top, pw, ph, "none", "#333"));
    s.append(text(left + pw / 2.0, top + ph + 32, xLabel, "middle", 12, "normal"));
    s.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%.1f\" transform=\"rotate(-90 14 %.1f)\" text-anchor=\"middle\""
        + " font-size=\"12\">%s</text>", top + ph / 2.0, top + ph / 2.0, esc(yLabel)));
    for (int k = 0; k < series.size(); k++) {
      Series sr = series.get(k);
      String colour = PALETTE[k % PALETTE.length];
      StringBuilder pts = new StringBuilder();
      for (int i = 0; i < sr.x().length; i++) {
        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", left + clamp(sr.x()[i]) * pw, top + ph - clamp(sr.y()[i]) * ph));
      }
      s.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\" points=\"")
          .append(pts.toString().strip()).append("\"><title>").append(esc(sr.name())).append("</title></polyline>");
      double ly = top + 14 + 18 * k;
      s.append(line(left + pw + 12, ly - 4, left + pw + 30, ly - 4, colour, 3));
      s.append(text(left + pw + 34, ly, sr.name(), "start", 11, "normal"));
    }
    return s.append("</svg>").toString();
  }

  /** Horizontal bars with values in [0, max], one row per bar, intervals drawn as whiskers. */
  public static String bars(String title, String valueLabel, List<Bar> bars, double max) {
    int left = 220;
    int pw = 320;
    int row = 20;
    int top = 30;
    int h = top + row * bars.size() + 40;
    int w = left + pw + 70;
    StringBuilder s = new StringBuilder(open(w, h, title));
    s.append(text(w / 2.0, 18, title, "middle", 14, "bold"));
    for (int i = 0; i <= 4; i++) {
      double v = max * i / 4;
      double gx = left + pw * i / 4.0;
      s.append(line(gx, top, gx, top + row * bars.size(), "#ddd"));
      s.append(text(gx, top + row * bars.size() + 14, fmt(v, 2), "middle", 11, "normal"));
    }
    s.append(text(left + pw / 2.0, top + row * bars.size() + 30, valueLabel, "middle", 12, "normal"));
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      double y = top + i * row;
      s.append(text(left - 6, y + 14, b.label(), "end", 11, "normal"));
      if (!Double.isNaN(b.value())) {
        double bw = pw * Math.max(0, Math.min(b.value(), max)) / max;
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s: %s</title></rect>",
            left, y + 3, bw, row - 6, PALETTE[0], esc(b.label()), fmt(b.value(), 4)));
        s.append(text(left + bw + 4, y + 14, fmt(b.value(), 3), "start", 10, "normal"));
      } else {
        s.append(text(left + 4, y + 14, "n/a", "start", 10, "normal"));
      }
      if (!Double.isNaN(b.lo()) && !Double.isNaN(b.hi())) {
        double x0 = left + pw * clamp(b.lo() / max);
        double x1 = left + pw * clamp(b.hi() / max);
        s.append(line(x0, y + row / 2.0, x1, y + row / 2.0, "#333"));
        s.append(line(x0, y + 5, x0, y + row - 5, "#333")).append(line(x1, y + 5, x1, y + row - 5, "#333"));
      }
    }
    return s.append("</svg>").toString();
  }

  private static String open(int w, int h, String title) {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"" + h + "\" viewBox=\"0 0 " + w + " " + h
        + "\" role=\"img\" aria-label=\"" + esc(title) + "\" font-family=\"sans-serif\">";
  }

  private static String line(double x0, double y0, double x1, double y1, String colour) {
    return line(x0, y0, x1, y1, colour, 1);
  }

  private static String line(double x0, double y0, double x1, double y1, String colour, int width) {
    return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%d\"/>",
        x0, y0, x1, y1, colour, width);
  }

  private static String rect(double x, double y, double w, double h, String fill, String stroke) {
    return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" stroke=\"%s\"/>",
        x, y, w, h, fill, stroke);
  }

  private static String text(double x, double y, String t, String anchor, int size, String weight) {
    return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\" font-weight=\"%s\">%s</text>",
        x, y, anchor, size, weight, esc(t));
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }

  static String fmt(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  /** XML/HTML escaping of text content and attribute values. */
  public static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
