package dev.fleetmine.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetmine.Fleetmine;
import dev.fleetmine.ingest.LogSink;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.synth.FleetGenerator;
import dev.fleetmine.synth.FleetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Ingest throughput against the bare Parquet writer on the same generated rows, each phase in its own
 * JVM so that its peak resident memory (VmHWM) is its own.
 *
 * <p>Phases: {@code generate} (generator into a counting sink), {@code bare} (generator into
 * {@link BareParquetSink}), {@code ingest} (generator into the lake: validation, derived kinematics,
 * per-log files, atomic commit). {@code ingest} also runs at a quarter of the size to show memory does
 * not grow with the fleet.
 */
final class IngestBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  private IngestBench() {}

  /** Runs one phase in this JVM and prints one JSON line with rows, seconds and peak RSS. */
  static void phase(String mode, long frames, Path work) throws Exception {
    FleetSpec spec = spec(frames);
    long start = System.nanoTime();
    long[] rows = new long[2];
    switch (mode) {
      case "generate" -> {
        CountingSink sink = new CountingSink();
        new FleetGenerator(spec).generate(sink, Progress.NONE);
        rows[0] = sink.ego;
        rows[1] = sink.objects;
        if (sink.checksum() == 42) {
          System.err.println("unlikely checksum");
        }
      }
      case "bare" -> {
        Files.createDirectories(work);
        try (BareParquetSink sink = new BareParquetSink(work)) {
          var s = new FleetGenerator(spec).generate(sink, Progress.NONE);
          rows[0] = s.egoFrames();
          rows[1] = s.objectRows();
        }
      }
      case "ingest" -> {
        Fleetmine fm = Fleetmine.open(work);
        Consumer<LogSink> gen = sink -> new FleetGenerator(spec).generate(sink, Progress.NONE);
        Fleetmine.IngestResult r = fm.write("bench", gen);
        rows[0] = r.egoRows();
        rows[1] = r.objectRows();
      }
      default -> throw new IllegalArgumentException("unknown phase " + mode);
    }
    double secs = (System.nanoTime() - start) / 1e9;
    ObjectNode n = JSON.createObjectNode();
    n.put("phase", mode).put("frames", frames).put("ego_rows", rows[0]).put("object_rows", rows[1])
        .put("seconds", secs).put("rows_per_s", (rows[0] + rows[1]) / secs).put("peak_rss_mb", peakRssMb())
        .put("bytes_on_disk", du(work));
    System.out.println("RESULT " + JSON.writeValueAsString(n));
  }

  static FleetSpec spec(long frames) {
    return new FleetSpec(frames / 36_000.0, 7, 10, 15);
  }

  /** Runs every phase in child JVMs and prints the report; returns the JSON summary. */
  static ObjectNode run(long frames, Path out) throws Exception {
    List<ObjectNode> results = new ArrayList<>();
    results.add(child("generate", frames, out.resolve("gen")));
    results.add(child("bare", frames, out.resolve("bare")));
    results.add(child("ingest", frames, out.resolve("lake")));
    results.add(child("ingest", frames / 4, out.resolve("lake-quarter")));
    ObjectNode gen = results.get(0);
    ObjectNode bare = results.get(1);
    ObjectNode ours = results.get(2);
    ObjectNode quarter = results.get(3);
    double ratio = ours.get("rows_per_s").asDouble() / bare.get("rows_per_s").asDouble();
    double genS = gen.get("seconds").asDouble();
    double writeRatio = (bare.get("seconds").asDouble() - genS) / (ours.get("seconds").asDouble() - genS);
    System.out.printf("%nIngest benchmark: %,d ego frames, %,d object rows (synthetic fleet, seed 7, %d cores)%n%n",
        ours.get("ego_rows").asLong(), ours.get("object_rows").asLong(), Runtime.getRuntime().availableProcessors());
    System.out.println("| phase | rows/s | seconds | peak RSS MB | on disk MB |");
    System.out.println("|---|---|---|---|---|");
    for (ObjectNode r : results) {
      System.out.printf("| %s (%,d frames) | %,.0f | %.1f | %d | %.1f |%n", r.get("phase").asText(),
          r.get("frames").asLong(), r.get("rows_per_s").asDouble(), r.get("seconds").asDouble(),
          r.get("peak_rss_mb").asLong(), r.get("bytes_on_disk").asLong() / 1e6);
    }
    System.out.printf("%nratio ingest / bare Parquet writer, end to end (rows/s, generator included in both): %.2f%n", ratio);
    System.out.printf("ratio of write time only (generator time subtracted from both): %.2f%n", writeRatio);
    System.out.printf("peak RSS at 1/4 of the fleet: %d MB, at the full fleet: %d MB%n",
        quarter.get("peak_rss_mb").asLong(), ours.get("peak_rss_mb").asLong());
    ObjectNode summary = JSON.createObjectNode();
    summary.put("ratio_end_to_end", ratio).put("ratio_write_only", writeRatio);
    summary.set("phases", JSON.valueToTree(results));
    Files.writeString(out.resolve("ingest.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(summary));
    return summary;
  }

  private static ObjectNode child(String phase, long frames, Path work) throws Exception {
    deleteTree(work);
    List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "--enable-native-access=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED", "-XX:+UseParallelGC",
        "-Xmx2g", "-cp", System.getProperty("java.class.path"), BenchMain.class.getName(), "phase", phase,
        Long.toString(frames), work.toString()));
    System.err.println("running " + phase + " on " + frames + " frames ...");
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String result = null;
    for (String line : new String(p.getInputStream().readAllBytes()).split("\n")) {
      if (line.startsWith("RESULT ")) {
        result = line.substring(7);
      }
    }
    if (p.waitFor() != 0 || result == null) {
      throw new IllegalStateException("phase " + phase + " failed with exit code " + p.exitValue());
    }
    return (ObjectNode) JSON.readTree(result);
  }

  /** Peak resident set size of this process in MB, from /proc (Linux). */
  static long peakRssMb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    }
    return -1;
  }

  static long du(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (var walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var walk = Files.walk(dir)) {
        for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
