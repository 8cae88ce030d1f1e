package dev.fleetmine.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetmine.eval.coco.CocoDetections;
import dev.fleetmine.eval.coco.CocoEvaluator;
import dev.fleetmine.eval.coco.CocoGroundTruth;
import dev.fleetmine.eval.coco.CocoJson;
import dev.fleetmine.eval.coco.CocoResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * COCO bbox evaluation time on a val2017-sized synthetic problem ({@link CocoSynth}): the evaluator of
 * dev.fleetmine.eval.coco (cold, then warm on 1 and 2 threads) against {@link NaiveCocoEval}, a literal
 * port of cocoeval.py, checking that both give bit-identical stats. Also writes the problem as COCO
 * JSON (so pycocotools can be run on it) and times reading it back.
 */
final class CocoBench {
  private static final long SEED = 2017;
  private static final int WARM_RUNS = 5;
  private static final ObjectMapper JSON = new ObjectMapper();

  private CocoBench() {}

  static ObjectNode run(int images, int detsPerImage, Path out) throws Exception {
    long t0 = System.nanoTime();
    CocoSynth.Data data = CocoSynth.generate(images, detsPerImage, SEED);
    double genS = secs(t0);
    describe(data, genS);

    t0 = System.nanoTime();
    CocoResult cold = CocoEvaluator.evaluate(data.gt(), data.dt(), 1);
    double coldS = secs(t0);
    double warm1 = warm(data, 1);
    double warm2 = warm(data, 2);
    double[] ours = cold.stats().toArray();
    System.out.printf("fleetmine: cold %.3f s (1 thread), warm median of %d: %.3f s (1 thread), %.3f s (2 threads)%n",
        coldS, WARM_RUNS, warm1, warm2);

    List<Map<String, Object>> gtDicts = gtDicts(data);
    List<Map<String, Object>> dtDicts = dtDicts(data);
    List<Long> imgIds = Arrays.stream(data.imageIds()).boxed().toList();
    List<Long> catIds = Arrays.stream(CocoSynth.CATEGORY_IDS).boxed().toList();
    t0 = System.nanoTime();
    double[] ref = new NaiveCocoEval(gtDicts, dtDicts, imgIds, catIds).run();
    double refColdS = secs(t0);
    t0 = System.nanoTime();
    new NaiveCocoEval(gtDicts(data), dtDicts, imgIds, catIds).run();
    double refWarmS = secs(t0);
    System.out.printf("reference (literal cocoeval.py port): %.3f s first run, %.3f s second run%n", refColdS,
        refWarmS);

    double maxDiff = 0;
    boolean identical = true;
    for (int i = 0; i < 12; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(ours[i] - ref[i]));
      identical &= Double.doubleToLongBits(ours[i]) == Double.doubleToLongBits(ref[i]);
    }
    System.out.println("stats fleetmine: " + Arrays.toString(ours));
    System.out.println("stats reference: " + Arrays.toString(ref));
    System.out.printf("identical: %s (max |diff| %.3g); reference / fleetmine warm: %.1fx (1 thread), %.1fx (2 threads)%n",
        identical, maxDiff, refWarmS / warm1, refWarmS / warm2);

    ObjectNode json = JSON.createObjectNode();
    json.put("images", images).put("dets_per_image", detsPerImage).put("gt_boxes", data.gts().size())
        .put("detections", data.dets().size()).put("fleetmine_cold_s", coldS).put("fleetmine_warm_1t_s", warm1)
        .put("fleetmine_warm_2t_s", warm2).put("reference_first_s", refColdS).put("reference_second_s", refWarmS)
        .put("identical", identical).put("max_abs_diff", maxDiff);
    json.set("stats", JSON.valueToTree(ours));
    jsonRoundTrip(data, out, ours, json);
    Files.writeString(out.resolve("coco.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
    if (!identical) {
      throw new IllegalStateException("fleetmine and the reference disagree");
    }
    return json;
  }

  private static void describe(CocoSynth.Data data, double genS) {
    int[] sizes = new int[3];
    int crowd = 0;
    for (CocoSynth.Box g : data.gts()) {
      sizes[g.area() <= 32 * 32 ? 0 : g.area() <= 96 * 96 ? 1 : 2]++;
      crowd += g.crowd() ? 1 : 0;
    }
    System.out.printf("generated in %.2f s: %d images, %d gt boxes (small %d, medium %d, large %d; crowd %d), "
        + "%d detections%n", genS, data.imageIds().length, data.gts().size(), sizes[0], sizes[1], sizes[2], crowd,
        data.dets().size());
  }

  /** Median of WARM_RUNS evaluations after two unmeasured ones. */
  private static double warm(CocoSynth.Data data, int threads) {
    for (int i = 0; i < 2; i++) {
      CocoEvaluator.evaluate(data.gt(), data.dt(), threads);
    }
    double[] t = new double[WARM_RUNS];
    for (int i = 0; i < WARM_RUNS; i++) {
      long t0 = System.nanoTime();
      CocoEvaluator.evaluate(data.gt(), data.dt(), threads);
      t[i] = secs(t0);
    }
    Arrays.sort(t);
    return t[WARM_RUNS / 2];
  }

  /** Writes the problem as COCO JSON, reads it back with CocoJson and checks the stats survive. */
  private static void jsonRoundTrip(CocoSynth.Data data, Path out, double[] expected, ObjectNode json)
      throws IOException {
    Path gtFile = out.resolve("coco_synth_instances.json");
    Path dtFile = out.resolve("coco_synth_results.json");
    writeGroundTruth(data, gtFile);
    writeResults(data, dtFile);
    long t0 = System.nanoTime();
    CocoGroundTruth gt = CocoJson.readGroundTruth(gtFile);
    CocoDetections dt = CocoJson.readResults(dtFile);
    double readS = secs(t0);
    boolean same = Arrays.equals(CocoEvaluator.evaluate(gt, dt).stats().toArray(), expected);
    System.out.printf("COCO JSON written to %s and %s (%.1f MB); read back in %.3f s; same stats: %s%n", gtFile,
        dtFile, (Files.size(gtFile) + Files.size(dtFile)) / 1e6, readS, same);
    json.put("json_read_s", readS).put("json_same_stats", same);
  }

  private static void writeGroundTruth(CocoSynth.Data data, Path file) throws IOException {
    try (JsonGenerator g = new JsonFactory().createGenerator(file.toFile(), com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeArrayFieldStart("images");
      for (long id : data.imageIds()) {
        g.writeStartObject();
        g.writeNumberField("id", id);
        g.writeNumberField("width", 640);
        g.writeNumberField("height", 480);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("categories");
      for (long c : CocoSynth.CATEGORY_IDS) {
        g.writeStartObject();
        g.writeNumberField("id", c);
        g.writeStringField("name", "c" + c);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("annotations");
      List<CocoSynth.Box> gts = data.gts();
      for (int i = 0; i < gts.size(); i++) {
        CocoSynth.Box b = gts.get(i);
        g.writeStartObject();
        g.writeNumberField("id", i + 1);
        g.writeNumberField("image_id", b.imageId());
        g.writeNumberField("category_id", b.categoryId());
        bbox(g, b);
        g.writeNumberField("area", b.area());
        g.writeNumberField("iscrowd", b.crowd() ? 1 : 0);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private static void writeResults(CocoSynth.Data data, Path file) throws IOException {
    try (JsonGenerator g = new JsonFactory().createGenerator(file.toFile(), com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
      g.writeStartArray();
      for (CocoSynth.Box b : data.dets()) {
        g.writeStartObject();
        g.writeNumberField("image_id", b.imageId());
        g.writeNumberField("category_id", b.categoryId());
        bbox(g, b);
        g.writeNumberField("score", b.score());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
  }

  private static void bbox(JsonGenerator g, CocoSynth.Box b) throws IOException {
    g.writeArrayFieldStart("bbox");
    g.writeNumber(b.x());
    g.writeNumber(b.y());
    g.writeNumber(b.w());
    g.writeNumber(b.h());
    g.writeEndArray();
  }

  /** The ground truth as the dicts pycocotools would hold (fresh maps: the reference mutates them). */
  private static List<Map<String, Object>> gtDicts(CocoSynth.Data data) {
    List<Map<String, Object>> list = new ArrayList<>();
    List<CocoSynth.Box> gts = data.gts();
    for (int i = 0; i < gts.size(); i++) {
      CocoSynth.Box b = gts.get(i);
      Map<String, Object> m = new HashMap<>();
      m.put("id", (long) (i + 1));
      m.put("image_id", b.imageId());
      m.put("category_id", b.categoryId());
      m.put("bbox", List.of(b.x(), b.y(), b.w(), b.h()));
      m.put("area", b.area());
      m.put("iscrowd", b.crowd() ? 1 : 0);
      list.add(m);
    }
    return list;
  }

  private static List<Map<String, Object>> dtDicts(CocoSynth.Data data) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (CocoSynth.Box b : data.dets()) {
      Map<String, Object> m = new HashMap<>();
      m.put("image_id", b.imageId());
      m.put("category_id", b.categoryId());
      m.put("bbox", List.of(b.x(), b.y(), b.w(), b.h()));
      m.put("score", b.score());
      list.add(m);
    }
    return list;
  }

  private static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
