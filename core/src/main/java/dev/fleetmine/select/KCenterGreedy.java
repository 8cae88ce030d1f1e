package dev.fleetmine.select;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * k-center greedy coreset selection (Sener and Savarese 2018, "Active Learning for Convolutional Neural
 * Networks: A Core-Set Approach"): starting from centres that are already chosen (labeled points, or one
 * seeded first pick), repeatedly pick the point farthest from its nearest centre. A min-distance array is
 * kept and updated with each new centre only, so a run costs O(n * budget * d) and one pass over the points
 * per pick.
 *
 * <p>Distances are squared Euclidean, summed in float over the dimensions in order 0..d-1, so every
 * implementation here (the blocked multi-threaded one and {@link #bruteForce}) computes bit-identical
 * values. Ties (equal distances) go to the lowest point index; the result is therefore the same for any
 * thread count. The points are kept in a blocked column layout ({@link Points}): within a block of
 * {@link Points#BLOCK} points each dimension is contiguous, so the distance update is an element-wise loop
 * the JIT compiles to SIMD instructions.
 */
public final class KCenterGreedy {
  private KCenterGreedy() {}

  /**
   * Points packed for the greedy scan: blocks of {@link #BLOCK} points, each block stored dimension-major
   * ({@code data[block * BLOCK * d + j * BLOCK + i]} is coordinate j of point {@code block * BLOCK + i});
   * the last block is padded with zeros, which are never read as candidates.
   */
  public static final class Points {
    /** Points per block. */
    public static final int BLOCK = 1024;
    private final int n;
    private final int d;
    private final float[] data;

    private Points(int n, int d, float[] data) {
      this.n = n;
      this.d = d;
      this.data = data;
    }

    /** Packs row vectors (all of one dimension). */
    public static Points of(float[][] rows) {
      int n = rows.length;
      int d = n == 0 ? 0 : rows[0].length;
      long blocks = (n + BLOCK - 1L) / BLOCK;
      long size = blocks * BLOCK * d;
      if (size > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(n + " x " + d + " floats do not fit one array (at most ~2.1e9)");
      }
      float[] data = new float[(int) size];
      for (int p = 0; p < n; p++) {
        float[] r = rows[p];
        if (r.length != d) {
          throw new IllegalArgumentException("point " + p + " has " + r.length + " dimensions, point 0 has " + d);
        }
        int base = (p / BLOCK) * BLOCK * d + (p % BLOCK);
        for (int j = 0; j < d; j++) {
          data[base + j * BLOCK] = r[j];
        }
      }
      return new Points(n, d, data);
    }

    public int size() {
      return n;
    }

    public int dimension() {
      return d;
    }

    /** Coordinate {@code j} of point {@code p}. */
    public float get(int p, int j) {
      return data[(p / BLOCK) * BLOCK * d + j * BLOCK + (p % BLOCK)];
    }

    /** Point {@code p} as a row. */
    public float[] row(int p) {
      float[] r = new float[d];
      for (int j = 0; j < d; j++) {
        r[j] = get(p, j);
      }
      return r;
    }

    int blocks() {
      return (n + BLOCK - 1) / BLOCK;
    }

    /** Bytes of the packed array (what one pass reads). */
    public long bytes() {
      return 4L * data.length;
    }

    /** A plain sum over the packed array on {@code threads} threads: the memory-bandwidth yardstick. */
    public double streamingSum(int threads) {
      return parallel(threads, blocks(), (from, to) -> {
        double s = 0;
        float a0 = 0;
        float a1 = 0;
        float a2 = 0;
        float a3 = 0;
        int end = to * BLOCK * d;
        int i = from * BLOCK * d;
        for (; i + 3 < end; i += 4) {
          a0 += data[i];
          a1 += data[i + 1];
          a2 += data[i + 2];
          a3 += data[i + 3];
        }
        s += (double) a0 + a1 + a2 + a3;
        return new double[] {s};
      }).stream().mapToDouble(r -> r[0]).sum();
    }

    private interface Task {
      double[] run(int fromBlock, int toBlock);
    }

    private static List<double[]> parallel(int threads, int blocks, Task task) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<double[]>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int from = (int) ((long) blocks * t / threads);
          int to = (int) ((long) blocks * (t + 1) / threads);
          fs.add(pool.submit(() -> task.run(from, to)));
        }
        List<double[]> out = new ArrayList<>();
        for (Future<double[]> f : fs) {
          out.add(f.get());
        }
        return out;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /**
   * The outcome of a run.
   *
   * @param picks  the chosen point indices, in pick order (the initial centres are not repeated)
   * @param radius for each pick, its squared distance to the nearest earlier centre when it was picked
   *               (the coreset radius, non-increasing; {@code +Infinity} for a first pick without initial centres)
   */
  public record Result(int[] picks, float[] radius) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Result r && Arrays.equals(picks, r.picks) && Arrays.equals(radius, r.radius);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(picks) * 31 + Arrays.hashCode(radius);
    }

    @Override
    public String toString() {
      return "Result" + Arrays.toString(picks);
    }
  }

  /**
   * Picks {@code budget} points (fewer when there are fewer points not already centres).
   *
   * @param points   the candidates
   * @param initial  indices of points that are already centres (labeled); may be empty
   * @param first    the first pick when {@code initial} is empty (e.g. seeded at random); ignored otherwise
   * @param budget   how many to pick, >= 0
   * @param threads  threads for the distance update (the result does not depend on it)
   * @param progress told the number of picks made so far, every pick
   */
  public static Result select(Points points, int[] initial, int first, int budget, int threads, IntConsumer progress) {
    return select(points, initial, first, budget, threads, progress, p -> new int[0]);
  }

  /**
   * {@link #select(Points, int[], int, int, int, IntConsumer)} where each pick also removes the points
   * {@code excludedBy} names (they are never picked; fewer than {@code budget} picks when none is left).
   */
  public static Result select(Points points, int[] initial, int first, int budget, int threads, IntConsumer progress,
      IntFunction<int[]> excludedBy) {
    int n = points.size();
    check(n, initial, first, budget, threads);
    int d = points.d;
    float[] data = points.data;
    int blocks = points.blocks();
    float[] minDist = new float[blocks * Points.BLOCK];
    Arrays.fill(minDist, Float.POSITIVE_INFINITY);
    Arrays.fill(minDist, n, minDist.length, Float.NEGATIVE_INFINITY); // padding: never the farthest
    int want = Math.min(budget, n - distinct(initial));
    int[] picks = new int[Math.max(want, 0)];
    float[] radius = new float[picks.length];
    if (want <= 0) {
      return new Result(new int[0], new float[0]);
    }
    int nThreads = Math.max(1, Math.min(threads, blocks));
    ExecutorService pool = nThreads > 1 ? Executors.newFixedThreadPool(nThreads) : null;
    try {
      int made = 0;
      int[] queue = initial.length > 0 ? initial.clone() : new int[] {first};
      if (initial.length == 0) {
        picks[made] = first;
        radius[made] = Float.POSITIVE_INFINITY;
        made++;
        progress.accept(made);
        exclude(minDist, excludedBy.apply(first));
      }
      long best = -1;
      for (int c : queue) {
        minDist[c] = Float.NEGATIVE_INFINITY; // a centre is never picked again
        best = update(pool, nThreads, data, d, blocks, minDist, points.row(c));
      }
      while (made < want && best >= 0 && minDist[(int) best] != Float.NEGATIVE_INFINITY) {
        int pick = (int) best;
        picks[made] = pick;
        radius[made] = minDist[pick];
        made++;
        progress.accept(made);
        if (made < want) {
          minDist[pick] = Float.NEGATIVE_INFINITY;
          exclude(minDist, excludedBy.apply(pick));
          best = update(pool, nThreads, data, d, blocks, minDist, points.row(pick));
        }
      }
      return made == picks.length ? new Result(picks, radius)
          : new Result(Arrays.copyOf(picks, made), Arrays.copyOf(radius, made));
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }

  private static void exclude(float[] minDist, int[] points) {
    for (int p : points) {
      minDist[p] = Float.NEGATIVE_INFINITY; // below every distance: never the farthest again
    }
  }

  /** Folds a new centre into {@code minDist}; returns the index of the farthest point afterwards. */
  private static long update(ExecutorService pool, int threads, float[] data, int d, int blocks, float[] minDist,
      float[] centre) {
    if (pool == null) {
      return updateRange(data, d, 0, blocks, minDist, centre);
    }
    List<Future<Long>> fs = new ArrayList<>(threads);
    for (int t = 0; t < threads; t++) {
      int from = (int) ((long) blocks * t / threads);
      int to = (int) ((long) blocks * (t + 1) / threads);
      fs.add(pool.submit(() -> updateRange(data, d, from, to, minDist, centre)));
    }
    long best = -1;
    float bestDist = Float.NEGATIVE_INFINITY;
    try {
      for (Future<Long> f : fs) { // ranges in index order: a later range wins only when strictly farther
        long b = f.get();
        if (b >= 0 && minDist[(int) b] > bestDist) {
          bestDist = minDist[(int) b];
          best = b;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
    return best;
  }

  /** The update over blocks [from, to): the farthest point of the range (lowest index on ties), -1 if none. */
  private static long updateRange(float[] data, int d, int from, int to, float[] minDist, float[] centre) {
    final int bs = Points.BLOCK;
    float[] acc = new float[bs];
    int best = -1;
    float bestDist = Float.NEGATIVE_INFINITY;
    for (int b = from; b < to; b++) {
      Arrays.fill(acc, 0f);
      int base = b * bs * d;
      int j = 0;
      // four dimensions per sweep over the block (same summation order, a quarter of the acc traffic)
      for (; j + 3 < d; j += 4) {
        float c0 = centre[j];
        float c1 = centre[j + 1];
        float c2 = centre[j + 2];
        float c3 = centre[j + 3];
        int o0 = base + j * bs;
        int o1 = o0 + bs;
        int o2 = o1 + bs;
        int o3 = o2 + bs;
        for (int i = 0; i < bs; i++) {
          float d0 = data[o0 + i] - c0;
          float d1 = data[o1 + i] - c1;
          float d2 = data[o2 + i] - c2;
          float d3 = data[o3 + i] - c3;
          float a = acc[i];
          a += d0 * d0;
          a += d1 * d1;
          a += d2 * d2;
          a += d3 * d3;
          acc[i] = a;
        }
      }
      for (; j < d; j++) {
        float c = centre[j];
        int off = base + j * bs;
        for (int i = 0; i < bs; i++) {
          float diff = data[off + i] - c;
          acc[i] += diff * diff;
        }
      }
      int p0 = b * bs;
      for (int i = 0; i < bs; i++) {
        float m = Math.min(minDist[p0 + i], acc[i]);
        minDist[p0 + i] = m;
        if (m > bestDist) {
          bestDist = m;
          best = p0 + i;
        }
      }
    }
    return best;
  }

  /**
   * The reference: every round recomputes every point's distance to every centre from scratch (row vectors,
   * same float summation order), O(n * budget^2 * d). For tests and the benchmark's equality check.
   */
  public static Result bruteForce(float[][] rows, int[] initial, int first, int budget) {
    int n = rows.length;
    check(n, initial, first, budget, 1);
    List<Integer> centres = new ArrayList<>();
    for (int c : initial) {
      centres.add(c);
    }
    int want = Math.min(budget, n - distinct(initial));
    if (want <= 0) {
      return new Result(new int[0], new float[0]);
    }
    int[] picks = new int[want];
    float[] radius = new float[want];
    int made = 0;
    boolean[] isCentre = new boolean[n];
    for (int c : initial) {
      isCentre[c] = true;
    }
    if (centres.isEmpty()) {
      centres.add(first);
      isCentre[first] = true;
      picks[made] = first;
      radius[made++] = Float.POSITIVE_INFINITY;
    }
    while (made < want) {
      int best = -1;
      float bestDist = Float.NEGATIVE_INFINITY;
      for (int p = 0; p < n; p++) {
        if (isCentre[p]) {
          continue;
        }
        float m = Float.POSITIVE_INFINITY;
        for (int c : centres) {
          m = Math.min(m, distance(rows[p], rows[c]));
        }
        if (m > bestDist) {
          bestDist = m;
          best = p;
        }
      }
      centres.add(best);
      isCentre[best] = true;
      picks[made] = best;
      radius[made++] = bestDist;
    }
    return new Result(picks, radius);
  }

  /** Squared Euclidean distance, float, summed over dimensions in order. */
  public static float distance(float[] a, float[] b) {
    float s = 0;
    for (int j = 0; j < a.length; j++) {
      float diff = a[j] - b[j];
      s += diff * diff;
    }
    return s;
  }

  private static int distinct(int[] initial) {
    return (int) Arrays.stream(initial).distinct().count();
  }

  private static void check(int n, int[] initial, int first, int budget, int threads) {
    if (budget < 0) {
      throw new IllegalArgumentException("budget must be >= 0, got " + budget);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    for (int c : initial) {
      if (c < 0 || c >= n) {
        throw new IllegalArgumentException("initial centre " + c + " is not a point index (0.." + (n - 1) + ")");
      }
    }
    if (initial.length == 0 && n > 0 && budget > 0 && (first < 0 || first >= n)) {
      throw new IllegalArgumentException("first pick " + first + " is not a point index (0.." + (n - 1) + ")");
    }
  }
}
