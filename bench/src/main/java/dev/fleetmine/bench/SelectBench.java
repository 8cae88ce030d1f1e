package dev.fleetmine.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetmine.select.KCenterGreedy;
import dev.fleetmine.vector.ClusteredVectors;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code bench/run select}: k-center greedy ({@link KCenterGreedy}) on n x dim clustered vectors on a
 * given number of threads, against the physical bound (one pass over the packed points per pick, timed as a
 * plain streaming sum over the same array), plus the brute-force reference on a smaller set with a check
 * that both pick the same points.
 */
final class SelectBench {
  private SelectBench() {}

  static void run(int n, int dim, int budget, int threads, int refN, int refBudget, Path out) throws Exception {
    Map<String, Object> json = new LinkedHashMap<>();
    ClusteredVectors gen = new ClusteredVectors(dim, 1000, 1.0f, 11);
    long t0 = System.nanoTime();
    float[][] rows = gen.points(n, 1);
    KCenterGreedy.Points points = KCenterGreedy.Points.of(rows);
    rows = null; // only the packed copy is scanned
    System.err.printf("generated and packed %,d x %d in %.1f s (%,d MB packed)%n", n, dim, (System.nanoTime() - t0) / 1e9,
        points.bytes() >> 20);
    // streaming-sum yardstick: best of 5 passes, after a warm-up
    points.streamingSum(threads);
    double bestPass = Double.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      long s = System.nanoTime();
      points.streamingSum(threads);
      bestPass = Math.min(bestPass, (System.nanoTime() - s) / 1e9);
    }
    double bandwidth = points.bytes() / bestPass;
    System.err.printf("streaming sum: %.1f ms per pass, %.2f GB/s on %d threads%n", bestPass * 1e3, bandwidth / 1e9, threads);
    // warm the update loop on a small run so the big one is timed compiled
    KCenterGreedy.select(KCenterGreedy.Points.of(gen.points(20_000, 5)), new int[0], 0, 50, threads, k -> { });
    long s = System.nanoTime();
    int every = Math.max(1, budget / 10);
    long[] lastReport = {System.nanoTime()};
    KCenterGreedy.Result r = KCenterGreedy.select(points, new int[0], 0, budget, threads, k -> {
      if (k % every == 0) {
        System.err.printf("  %d / %d picks, %.1f s%n", k, budget, (System.nanoTime() - s) / 1e9);
        lastReport[0] = System.nanoTime();
      }
    });
    double secs = (System.nanoTime() - s) / 1e9;
    double passes = r.picks().length; // one update pass per pick (the last pick needs none, the first centre one)
    double scanned = passes * points.bytes();
    Map<String, Object> big = new LinkedHashMap<>();
    big.put("n", n);
    big.put("dim", dim);
    big.put("budget", budget);
    big.put("threads", threads);
    big.put("seconds", secs);
    big.put("ms_per_pick", secs * 1e3 / budget);
    big.put("bytes_scanned", scanned);
    big.put("scan_gb_per_s", scanned / secs / 1e9);
    big.put("streaming_sum_gb_per_s", bandwidth / 1e9);
    big.put("bound_seconds", passes * bestPass);
    big.put("fraction_of_bound", passes * bestPass / secs);
    big.put("final_radius", Math.sqrt(r.radius()[r.radius().length - 1]));
    json.put("kcenter", big);
    System.out.printf("k-center greedy %,d x %d, budget %d, %d threads: %.1f s (%.1f ms per pick), %.2f GB/s scanned;"
        + " streaming-sum bound %.1f s (%.2f GB/s), %.0f %% of it%n", n, dim, budget, threads, secs, secs * 1e3 / budget,
        scanned / secs / 1e9, passes * bestPass, bandwidth / 1e9, 100 * passes * bestPass / secs);
    points = null;
    // brute force reference on a smaller set
    float[][] small = gen.points(refN, 2);
    KCenterGreedy.Points sp = KCenterGreedy.Points.of(small);
    KCenterGreedy.select(sp, new int[0], 0, refBudget, threads, k -> { }); // warm-up
    long f0 = System.nanoTime();
    KCenterGreedy.Result fast = KCenterGreedy.select(sp, new int[0], 0, refBudget, threads, k -> { });
    double fastS = (System.nanoTime() - f0) / 1e9;
    long b0 = System.nanoTime();
    KCenterGreedy.Result brute = KCenterGreedy.bruteForce(small, new int[0], 0, refBudget);
    double bruteS = (System.nanoTime() - b0) / 1e9;
    boolean equal = fast.equals(brute);
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("n", refN);
    ref.put("dim", dim);
    ref.put("budget", refBudget);
    ref.put("incremental_seconds", fastS);
    ref.put("brute_force_seconds", bruteS);
    ref.put("speedup", bruteS / fastS);
    ref.put("identical_picks_and_radii", equal);
    json.put("reference", ref);
    System.out.printf("reference %,d x %d, budget %d: incremental %.3f s (%d threads), brute force %.1f s (1 thread),"
        + " %.0fx; picks and radii identical: %s%n", refN, dim, refBudget, fastS, threads, bruteS, bruteS / fastS, equal);
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.resolve("select.json").toFile(), json);
    if (!equal) {
      throw new IllegalStateException("incremental and brute-force k-center greedy differ: " + fast + " vs " + brute);
    }
  }
}
