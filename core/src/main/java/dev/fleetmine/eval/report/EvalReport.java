package dev.fleetmine.eval.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetmine.eval.ModelComparison;
import dev.fleetmine.eval.ModelEvaluation;
import dev.fleetmine.lake.Lake;
import dev.fleetmine.query.Clip;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes an evaluation (and optionally a comparison) as a terminal table, as JSON for machines and as
 * one self-contained HTML page with inline SVG charts for people. Files are written to a temporary name
 * and renamed, so a reader never sees half a report.
 */
public final class EvalReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private EvalReport() {}

  /** Where {@code eval} writes the report of {@code model} when not told: {@code <lake>/reports/eval-<model>}. */
  public static Path defaultDir(Lake lake, String model) {
    return lake.root().resolve("reports").resolve("eval-" + model.replaceAll("[^A-Za-z0-9._-]", "_"));
  }

  /** One line per slice and category: AP, ground truth, TP, FP, FN; every slice, even those without data. */
  public static String table(ModelEvaluation.Result r) {
    return table(r, true);
  }

  /**
   * One line per slice and category: AP, ground truth, TP, FP, FN. Unless {@code allSlices}, slices without
   * data (no ground truth and no detection in any category, e.g. a scenario never mined in the evaluated
   * logs) are left out and counted in a last line; slice {@code all} is always shown.
   */
  public static String table(ModelEvaluation.Result r, boolean allSlices) {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-10s %-28s %-12s %7s %7s %7s %7s %7s%n",
        "dimension", "slice", "category", "AP %", "gt", "tp", "fp", "fn"));
    int hidden = 0;
    for (ModelEvaluation.SliceResult sl : r.slices()) {
      if (!allSlices && !sl.dimension().equals("all") && !hasData(sl)) {
        hidden++;
        continue;
      }
      for (ModelEvaluation.CategoryResult c : sl.categories()) {
        s.append(String.format(Locale.ROOT, "%-10s %-28s %-12s %7s %7d %7d %7d %7d%n", sl.dimension(), cut(sl.name(), 28),
            c.category(), pct(c.ap()), c.truth(), c.tp(), c.fp(), c.fn()));
      }
      s.append(String.format(Locale.ROOT, "%-10s %-28s %-12s %7s%n", sl.dimension(), cut(sl.name(), 28), "(mean)", pct(sl.meanAp())));
    }
    if (hidden > 0) {
      s.append(hidden).append(hidden == 1 ? " slice" : " slices")
          .append(" without data (no ground truth, no detection) not shown; --all-slices shows them, report.json has them")
          .append(System.lineSeparator());
    }
    return s.toString();
  }

  /** Whether any category of the slice has ground truth or detections. */
  static boolean hasData(ModelEvaluation.SliceResult sl) {
    return sl.categories().stream().anyMatch(c -> c.truth() + c.tp() + c.fp() > 0);
  }

  /** The evaluation as JSON (every number of the table plus the interpolated PR curves and failure clips). */
  public static ObjectNode json(ModelEvaluation.Result r, ModelComparison.Result comparison) {
    ObjectNode root = JSON.createObjectNode();
    root.put("model", r.options().model());
    root.put("truth", r.options().truth());
    root.put("matching", r.options().matching().toString());
    root.set("logs", JSON.valueToTree(r.logs()));
    root.set("skipped_logs", JSON.valueToTree(r.skipped()));
    ArrayNode slices = root.putArray("slices");
    for (ModelEvaluation.SliceResult sl : r.slices()) {
      ObjectNode n = slices.addObject();
      n.put("dimension", sl.dimension());
      n.put("name", sl.name());
      n.put("samples", sl.samples());
      number(n, "mean_ap", sl.meanAp());
      ArrayNode cats = n.putArray("categories");
      for (ModelEvaluation.CategoryResult c : sl.categories()) {
        ObjectNode cn = cats.addObject();
        cn.put("category", c.category());
        number(cn, "ap", c.ap());
        cn.put("gt", c.truth()).put("tp", c.tp()).put("fp", c.fp()).put("fn", c.fn());
        cn.set("recall", JSON.valueToTree(c.recall()));
        cn.set("precision", JSON.valueToTree(c.precision()));
      }
    }
    root.set("missed_clips", clips(r.missed()));
    root.set("false_alarm_clips", clips(r.falseAlarms()));
    ArrayNode byScenario = root.putArray("failures_by_scenario");
    r.byScenario().forEach(f -> byScenario.addObject().put("scenario", f.scenario()).put("missed_clips", f.missed())
        .put("false_alarm_clips", f.falseAlarms()));
    if (comparison != null) {
      root.put("baseline", comparison.baseline());
      ArrayNode deltas = root.putArray("comparison");
      for (ModelComparison.Delta d : comparison.deltas()) {
        ObjectNode dn = deltas.addObject();
        dn.put("dimension", d.dimension()).put("slice", d.slice()).put("category", d.category());
        number(dn, "ap_baseline", d.apBaseline());
        number(dn, "ap", d.ap());
        number(dn, "delta", d.diff().estimate());
        number(dn, "ci_lo", d.diff().lo());
        number(dn, "ci_hi", d.diff().hi());
        dn.put("ci_level", d.diff().level());
        dn.put("verdict", d.verdict().name().toLowerCase(Locale.ROOT));
      }
    }
    return root;
  }

  private static ArrayNode clips(List<Clip> clips) {
    ArrayNode a = JSON.createArrayNode();
    for (Clip c : clips) {
      a.addObject().put("log_id", c.logId()).put("start_ns", c.startNs()).put("end_ns", c.endNs())
          .put("frames", c.matches().size()).put("mistakes", (int) c.score())
          .set("track_ids", JSON.valueToTree(c.matches().stream().flatMap(m -> m.trackIds().stream()).distinct().toList()));
    }
    return a;
  }

  private static void number(ObjectNode n, String field, double v) {
    if (Double.isNaN(v)) {
      n.putNull(field);
    } else {
      n.put(field, v);
    }
  }

  /** A self-contained HTML page: summary, PR curves per category (slice all), AP per slice, failures. */
  public static String html(ModelEvaluation.Result r, ModelComparison.Result comparison) {
    StringBuilder h = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(Svg.esc("Fleetmine evaluation: " + r.options().model())).append("</title><style>")
        .append("body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;margin:1em 0}")
        .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child,td:nth-child(2){text-align:left}")
        .append(".reg{background:#fdd}.imp{background:#dfd}.charts{display:flex;flex-wrap:wrap;gap:1em}</style></head><body>");
    h.append("<h1>Evaluation of <code>").append(Svg.esc(r.options().model())).append("</code></h1>");
    h.append("<p>Ground truth: <code>").append(Svg.esc(r.options().truth())).append("</code>; matching: ")
        .append(Svg.esc(r.options().matching().toString())).append("; ").append(r.logs().size()).append(" logs evaluated")
        .append(r.skipped().isEmpty() ? "" : ", " + r.skipped().size() + " without predictions skipped").append(".</p>");
    ModelEvaluation.SliceResult all = r.slices().get(0);
    h.append("<h2>Precision-recall (all)</h2><div class=\"charts\">");
    List<Svg.Series> series = new ArrayList<>();
    for (ModelEvaluation.CategoryResult c : all.categories()) {
      series.add(new Svg.Series(c.category() + " (AP " + pct(c.ap()) + ")", c.recall(), c.precision()));
    }
    h.append(Svg.lines("Interpolated precision vs recall", "recall", "precision", series)).append("</div>");
    h.append("<h2>AP per slice</h2><div class=\"charts\">");
    for (String category : all.categories().stream().map(ModelEvaluation.CategoryResult::category).toList()) {
      List<Svg.Bar> bars = new ArrayList<>();
      for (ModelEvaluation.SliceResult sl : r.slices()) {
        sl.categories().stream().filter(c -> c.category().equals(category)).findFirst()
            .ifPresent(c -> bars.add(Svg.Bar.of(sl.dimension() + ": " + sl.name() + " (" + c.truth() + ")", c.ap())));
      }
      h.append(Svg.bars("AP " + category, "AP (ground truth count in brackets)", bars, 1.0));
    }
    h.append("</div>").append(tableHtml(r));
    if (comparison != null) {
      h.append(comparisonHtml(comparison));
    }
    h.append("<h2>Failure clips</h2><p>").append(r.missed().size()).append(" clips of missed objects (tag <code>fn:")
        .append(Svg.esc(r.options().model())).append("</code>), ").append(r.falseAlarms().size())
        .append(" clips of false detections (tag <code>fp:").append(Svg.esc(r.options().model())).append("</code>).</p>");
    if (!r.byScenario().isEmpty()) {
      h.append("<table><tr><th>scenario</th><th>missed-object clips in it</th><th>false-detection clips in it</th></tr>");
      r.byScenario().forEach(f -> h.append("<tr><td>").append(Svg.esc(f.scenario())).append("</td><td>").append(f.missed())
          .append("</td><td>").append(f.falseAlarms()).append("</td></tr>"));
      h.append("</table>");
    }
    h.append("<table><tr><th>log</th><th>start ns</th><th>end ns</th><th>frames</th><th>misses</th><th>tracks</th></tr>");
    r.missed().stream().sorted((a, b) -> Double.compare(b.score(), a.score())).limit(20).forEach(c -> h.append("<tr><td>")
        .append(Svg.esc(c.logId())).append("</td><td>").append(c.startNs()).append("</td><td>").append(c.endNs())
        .append("</td><td>").append(c.matches().size()).append("</td><td>").append((int) c.score()).append("</td><td>")
        .append(Svg.esc(String.join(" ", c.matches().stream().flatMap(m -> m.trackIds().stream()).distinct().toList())))
        .append("</td></tr>"));
    return h.append("</table><p>The 20 clips with the most misses (object-frames) are listed; the JSON report has all of"
        + " them.</p></body></html>").toString();
  }

  private static String tableHtml(ModelEvaluation.Result r) {
    StringBuilder h = new StringBuilder("<h2>All numbers</h2><table><tr><th>dimension</th><th>slice</th><th>category</th>"
        + "<th>AP %</th><th>gt</th><th>tp</th><th>fp</th><th>fn</th></tr>");
    for (ModelEvaluation.SliceResult sl : r.slices()) {
      for (ModelEvaluation.CategoryResult c : sl.categories()) {
        h.append("<tr><td>").append(Svg.esc(sl.dimension())).append("</td><td>").append(Svg.esc(sl.name())).append("</td><td>")
            .append(Svg.esc(c.category())).append("</td><td>").append(pct(c.ap())).append("</td><td>").append(c.truth())
            .append("</td><td>").append(c.tp()).append("</td><td>").append(c.fp()).append("</td><td>").append(c.fn())
            .append("</td></tr>");
      }
    }
    return h.append("</table>").toString();
  }

  private static String comparisonHtml(ModelComparison.Result c) {
    StringBuilder h = new StringBuilder("<h2>Against <code>").append(Svg.esc(c.baseline())).append("</code></h2>")
        .append("<p>AP difference (this model minus baseline) with a ").append(pct(c.level()))
        .append(" % bootstrap interval over logs (").append(c.replicates())
        .append(" resamples). Red: the whole interval is below zero (regression); green: above zero.</p>")
        .append("<table><tr><th>dimension</th><th>slice</th><th>category</th><th>baseline AP %</th><th>AP %</th>"
            + "<th>delta</th><th>interval</th></tr>");
    for (ModelComparison.Delta d : c.deltas()) {
      String cls = switch (d.verdict()) {
        case REGRESSION -> " class=\"reg\"";
        case IMPROVEMENT -> " class=\"imp\"";
        case NO_CHANGE, UNKNOWN -> "";
      };
      h.append("<tr").append(cls).append("><td>").append(Svg.esc(d.dimension())).append("</td><td>").append(Svg.esc(d.slice()))
          .append("</td><td>").append(Svg.esc(d.category())).append("</td><td>")
          .append(pct(d.apBaseline())).append("</td><td>").append(pct(d.ap())).append("</td><td>")
          .append(pct(d.diff().estimate())).append("</td><td>[").append(pct(d.diff().lo())).append(", ")
          .append(pct(d.diff().hi())).append("]</td></tr>");
    }
    return h.append("</table>").toString();
  }

  /**
   * Writes {@code report.json}, {@code report.html} and {@code outcomes.csv} (every box's fate) into
   * {@code dir}; returns the HTML file.
   */
  public static Path write(Path dir, ModelEvaluation.Result r, ModelComparison.Result comparison) {
    try {
      Files.createDirectories(dir);
      atomicWrite(dir.resolve("report.json"), JSON.writeValueAsString(json(r, comparison)));
      atomicWrite(dir.resolve("outcomes.csv"), outcomesCsv(r.outcomes()));
      return atomicWrite(dir.resolve("report.html"), html(r, comparison));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + dir + ": " + e.getMessage(), e);
    }
  }

  /** One line per box of slice all: its fate, and the box it matched (or the nearest, for a false positive). */
  static String outcomesCsv(List<ModelEvaluation.Outcome> outcomes) {
    StringBuilder s = new StringBuilder("kind,log_id,ts_ns,category,track_id,score,status,other_track_id,affinity,x,y\n");
    for (ModelEvaluation.Outcome o : outcomes) {
      s.append(o.kind()).append(',').append(csv(o.logId())).append(',').append(o.tsNs()).append(',').append(csv(o.category()))
          .append(',').append(csv(o.trackId())).append(',').append(num(o.score())).append(',').append(o.status()).append(',')
          .append(csv(o.other())).append(',').append(num(o.affinity())).append(',').append(num(o.x())).append(',')
          .append(num(o.y())).append('\n');
    }
    return s.toString();
  }

  private static String csv(String v) {
    if (v == null) {
      return "";
    }
    return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "" : Double.toString(v);
  }

  private static Path atomicWrite(Path target, String content) throws IOException {
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
    Files.writeString(tmp, content);
    return Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static String pct(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f", 100 * v);
  }

  private static String cut(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "~";
  }
}
