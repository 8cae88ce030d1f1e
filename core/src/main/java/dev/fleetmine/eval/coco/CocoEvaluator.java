package dev.fleetmine.eval.coco;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * COCO bounding-box evaluation with the results of pycocotools' {@code COCOeval(gt, dt, 'bbox')}
 * ({@code evaluate(); accumulate(); summarize()}), bit for bit; see the package documentation for the
 * definitions.
 */
public final class CocoEvaluator {
  private CocoEvaluator() {}

  /** Evaluates on the calling thread. */
  public static CocoResult evaluate(CocoGroundTruth gt, CocoDetections dt) {
    return evaluate(gt, dt, 1);
  }

  /**
   * Evaluates with up to {@code threads} threads, one category at a time each (categories are
   * independent; the result does not depend on the thread count).
   *
   * @throws CocoFormatException when a detection names an image the ground truth does not list
   */
  public static CocoResult evaluate(CocoGroundTruth gt, CocoDetections dt, int threads) {
    Indexed in = new Indexed(gt, dt);
    int nk = in.categoryIds.length;
    EvalArrays e = new EvalArrays(CocoParams.iouThresholds().length, CocoParams.recallThresholds().length, nk,
        CocoParams.areaRanges().length, CocoParams.maxDets().length, dt.size(), gt.size());
    int workers = Math.min(Math.max(1, threads), nk);
    if (workers <= 1) {
      CategoryEval ce = new CategoryEval(in, e);
      for (int k = 0; k < nk; k++) {
        ce.run(k);
      }
    } else {
      runParallel(in, e, workers);
    }
    return new CocoResult(in, e, CocoStats.summarize(e));
  }

  /** Workers take categories largest first from a shared counter, so one big class does not finish last. */
  private static void runParallel(Indexed in, EvalArrays e, int workers) {
    int nk = in.categoryIds.length;
    int[] byWork = largestFirst(in);
    AtomicInteger next = new AtomicInteger();
    try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        futures.add(pool.submit(() -> {
          CategoryEval ce = new CategoryEval(in, e);
          for (int i = next.getAndIncrement(); i < nk; i = next.getAndIncrement()) {
            ce.run(byWork[i]);
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("COCO evaluation interrupted", ex);
    } catch (ExecutionException ex) {
      if (ex.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(ex.getCause());
    }
  }

  /** Category indices by detections + annotations, descending (80 boxed integers: not a hot path). */
  private static int[] largestFirst(Indexed in) {
    int nk = in.categoryIds.length;
    List<Integer> ks = new ArrayList<>();
    for (int k = 0; k < nk; k++) {
      ks.add(k);
    }
    ks.sort(Comparator.comparingLong((Integer k) -> -work(in, k)));
    return ks.stream().mapToInt(Integer::intValue).toArray();
  }

  private static long work(Indexed in, int k) {
    return (long) (in.dtStart[k + 1] - in.dtStart[k]) + (in.gtStart[k + 1] - in.gtStart[k]);
  }
}
