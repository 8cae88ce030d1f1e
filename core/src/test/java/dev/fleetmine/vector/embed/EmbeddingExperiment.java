package dev.fleetmine.vector.embed;

import dev.fleetmine.Fleetmine;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.query.Clip;
import dev.fleetmine.query.LakeQuery;
import dev.fleetmine.synth.FleetGenerator;
import dev.fleetmine.synth.FleetSpec;
import dev.fleetmine.synth.FleetSummary;
import dev.fleetmine.synth.InjectedScenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** The measurement behind docs/similarity.md: run with -Dfleetmine.embed.experiment=HOURS. */
@EnabledIfSystemProperty(named = "fleetmine.embed.experiment", matches = ".+")
class EmbeddingExperiment {
  @TempDir
  Path dir;

  @Test
  void variants() {
    double hours = Double.parseDouble(System.getProperty("fleetmine.embed.experiment"));
    Fleetmine fm = Fleetmine.open(dir.resolve("lake"));
    FleetSummary[] s = new FleetSummary[1];
    long t0 = System.nanoTime();
    fm.write("generate", sink -> s[0] = new FleetGenerator(new FleetSpec(hours, 11, 10, 15)).generate(sink, Progress.NONE));
    System.out.printf("generated %d logs, %d frames, %d objects rows, %d scenarios in %.1f s%n", s[0].logs(),
        s[0].egoFrames(), s[0].objectRows(), s[0].truth().size(), (System.nanoTime() - t0) / 1e9);
    List<InjectedScenario> truth = s[0].truth();
    List<Clip> truthWindows = truth.stream().map(t -> new Clip(t.logId(), t.startNs(), t.endNs(), 0, List.of())).toList();
    truth.stream().collect(java.util.stream.Collectors.groupingBy(InjectedScenario::type,
        java.util.stream.Collectors.summarizingDouble(t -> (t.endNs() - t.startNs()) / 1e9)))
        .forEach((t, d) -> System.out.println(t + " " + d));
    List<String> spec = new ArrayList<>(List.of(System.getProperty("fleetmine.embed.variants", "default").split(";")));
    try (LakeQuery q = fm.query()) {
      for (String v : spec) {
        EmbeddingRecipe r = parse(v);
        String[] p = v.split(",");
        double windowS = p.length > 5 ? Double.parseDouble(p[5]) : 0;
        ScenarioEmbedder e = new ScenarioEmbedder(r);
        long a = System.nanoTime();
        float[][] tv = e.embedAll(q, windowS > 0 ? centred(truth, windowS) : truthWindows);
        long b = System.nanoTime();
        WindowEmbeddings sliding = e.embedSlidingWindows(q, windowS > 0 ? windowS : 8, windowS > 0 ? windowS / 4 : 2);
        long c = System.nanoTime();
        if (p.length > 6 && !p[6].equals("0")) {
          double eps = Double.parseDouble(p[6]);
          double[][] ms = meanStd(sliding.vectors());
          tv = standardise(tv, ms, eps);
          sliding = new WindowEmbeddings(sliding.windows(), standardise(sliding.vectors(), ms, eps));
        }
        long d = System.nanoTime();
        SimilarityEval ev = SimilarityEval.measure(truth, tv, sliding);
        System.out.printf("knn+eval %.2f s%n", (System.nanoTime() - d) / 1e9);
        System.out.printf("VARIANT %s dim=%d truth=%d in %.2f s, sliding=%d in %.2f s, macro %.3f / %.3f%n%s%n", v,
            r.dimension(), tv.length, (b - a) / 1e9, sliding.size(), (c - b) / 1e9, ev.macro(0), ev.macro(1), ev.table());
      }
    }
  }

  static double[][] meanStd(float[][] v) {
    int d = v[0].length;
    double[] m = new double[d];
    double[] sd = new double[d];
    for (float[] x : v) {
      for (int i = 0; i < d; i++) {
        m[i] += x[i];
        sd[i] += (double) x[i] * x[i];
      }
    }
    for (int i = 0; i < d; i++) {
      m[i] /= v.length;
      sd[i] = Math.sqrt(Math.max(0, sd[i] / v.length - m[i] * m[i]));
    }
    return new double[][] {m, sd};
  }

  static float[][] standardise(float[][] v, double[][] ms, double eps) {
    float[][] out = new float[v.length][];
    for (int j = 0; j < v.length; j++) {
      float[] x = new float[v[j].length];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) ((v[j][i] - ms[0][i]) / (ms[1][i] + eps));
      }
      ScenarioEmbedder.normalise(x);
      out[j] = x;
    }
    return out;
  }

  /** Windows of {@code windowS} centred on each truth interval. */
  static List<Clip> centred(List<InjectedScenario> truth, double windowS) {
    long half = Math.round(windowS * 0.5e9);
    return truth.stream().map(t -> {
      long mid = t.startNs() + (t.endNs() - t.startNs()) / 2;
      return new Clip(t.logId(), mid - half, mid + half - 1, 0, List.of());
    }).toList();
  }

  /** "default" or slices,lonCells,latCells,velocityScale,egoWeight. */
  static EmbeddingRecipe parse(String v) {
    if (v.equals("default")) {
      return EmbeddingRecipe.DEFAULT;
    }
    String[] p = v.split(",");
    return EmbeddingRecipe.DEFAULT.withGrid(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]))
        .withWeights(Double.parseDouble(p[3]), Double.parseDouble(p[4]));
  }
}
