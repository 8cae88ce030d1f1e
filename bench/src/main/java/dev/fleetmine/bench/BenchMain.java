package dev.fleetmine.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code bench/run BENCHMARK [args]}: the benchmarks of docs/benchmarks.md. */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: bench/run ingest [--frames N] [--out DIR]\n"
          + "       bench/run scenarios [--frames N] [--subset-frames N] [--out DIR] [--build-only]\n"
          + "       bench/run det3d [--detections N]\n"
          + "       bench/run coco [--images 5000] [--dets-per-image 100] [--out DIR]\n"
          + "       bench/run vectors [--n 1000000 --dim 128] [--n2 100000 --dim2 512] [--queries 1000] [--int8]"
          + " [--out DIR]\n"
          + "       bench/run select [--n 1000000 --dim 128 --budget 1000] [--threads 2] [--ref-n 20000 --ref-budget 200]"
          + " [--out DIR]");
      System.exit(2);
    }
    switch (args[0]) {
      case "ingest" -> {
        long frames = 1_000_000;
        Path out = Path.of("bench-out");
        for (int i = 1; i < args.length; i += 2) {
          switch (args[i]) {
            case "--frames" -> frames = Long.parseLong(args[i + 1]);
            case "--out" -> out = Path.of(args[i + 1]);
            default -> throw new IllegalArgumentException("unknown option " + args[i]);
          }
        }
        Files.createDirectories(out);
        IngestBench.run(frames, out);
      }
      case "phase" -> IngestBench.phase(args[1], Long.parseLong(args[2]), Path.of(args[3]));
      case "scenarios" -> {
        long frames = 10_000_000;
        long subset = 1_000_000;
        Path out = Path.of("bench-out");
        boolean buildOnly = false;
        for (int i = 1; i < args.length; i += 2) {
          switch (args[i]) {
            case "--build-only" -> {
              buildOnly = true;
              i--;
            }
            case "--frames" -> frames = Long.parseLong(args[i + 1]);
            case "--subset-frames" -> subset = Long.parseLong(args[i + 1]);
            case "--out" -> out = Path.of(args[i + 1]);
            default -> throw new IllegalArgumentException("unknown option " + args[i]);
          }
        }
        Files.createDirectories(out);
        if (buildOnly) {
          ScenarioBench.buildLake(out.resolve("lake-" + frames), frames);
        } else {
          ScenarioBench.run(frames, subset, out);
        }
      }
      case "det3d" -> {
        int detections = 1_000_000;
        for (int i = 1; i < args.length; i += 2) {
          switch (args[i]) {
            case "--detections" -> detections = Integer.parseInt(args[i + 1]);
            default -> throw new IllegalArgumentException("unknown option " + args[i]);
          }
        }
        Det3dBench.run(detections);
      }
      case "coco" -> {
        int images = 5000;
        int detsPerImage = 100;
        Path out = Path.of("bench-out");
        for (int i = 1; i < args.length; i += 2) {
          switch (args[i]) {
            case "--images" -> images = Integer.parseInt(args[i + 1]);
            case "--dets-per-image" -> detsPerImage = Integer.parseInt(args[i + 1]);
            case "--out" -> out = Path.of(args[i + 1]);
            default -> throw new IllegalArgumentException("unknown option " + args[i]);
          }
        }
        Files.createDirectories(out);
        CocoBench.run(images, detsPerImage, out);
      }
      case "vectors" -> vectors(args);
      case "select" -> select(args);
      default -> {
        System.err.println("unknown benchmark " + args[0] + "; expected: ingest, scenarios, det3d, coco, vectors, select");
        System.exit(2);
      }
    }
  }

  /** {@code bench/run vectors}: --n2 0 skips the second data set. */
  private static void vectors(String[] args) throws Exception {
    int n = 1_000_000;
    int dim = 128;
    int n2 = 100_000;
    int dim2 = 512;
    int queries = 1000;
    boolean int8 = false;
    Path out = Path.of("bench-out");
    for (int i = 1; i < args.length; i += 2) {
      switch (args[i]) {
        case "--int8" -> {
          int8 = true;
          i--;
        }
        case "--n" -> n = Integer.parseInt(args[i + 1]);
        case "--dim" -> dim = Integer.parseInt(args[i + 1]);
        case "--n2" -> n2 = Integer.parseInt(args[i + 1]);
        case "--dim2" -> dim2 = Integer.parseInt(args[i + 1]);
        case "--queries" -> queries = Integer.parseInt(args[i + 1]);
        case "--out" -> out = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Files.createDirectories(out);
    java.util.List<VectorBench.Dataset> sets = new java.util.ArrayList<>();
    sets.add(new VectorBench.Dataset(n, dim));
    if (n2 > 0) {
      sets.add(new VectorBench.Dataset(n2, dim2));
    }
    VectorBench.run(sets, queries, int8, out);
  }

  /** {@code bench/run select}: k-center greedy at scale and against the brute-force reference. */
  private static void select(String[] args) throws Exception {
    int n = 1_000_000;
    int dim = 128;
    int budget = 1000;
    int threads = 2;
    int refN = 20_000;
    int refBudget = 200;
    Path out = Path.of("bench-out");
    for (int i = 1; i < args.length; i += 2) {
      switch (args[i]) {
        case "--n" -> n = Integer.parseInt(args[i + 1]);
        case "--dim" -> dim = Integer.parseInt(args[i + 1]);
        case "--budget" -> budget = Integer.parseInt(args[i + 1]);
        case "--threads" -> threads = Integer.parseInt(args[i + 1]);
        case "--ref-n" -> refN = Integer.parseInt(args[i + 1]);
        case "--ref-budget" -> refBudget = Integer.parseInt(args[i + 1]);
        case "--out" -> out = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Files.createDirectories(out);
    SelectBench.run(n, dim, budget, threads, refN, refBudget, out);
  }
}
