package dev.fleetmine.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetmine.Fleetmine;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.lake.Lake;
import dev.fleetmine.lake.LakeViews;
import dev.fleetmine.lake.LogEntry;
import dev.fleetmine.lake.Snapshot;
import dev.fleetmine.query.LakeQuery;
import dev.fleetmine.query.ScenarioCompiler;
import dev.fleetmine.query.ScenarioLibrary;
import dev.fleetmine.query.ScenarioSearch;
import dev.fleetmine.query.lang.Query;
import dev.fleetmine.synth.FleetGenerator;
import dev.fleetmine.synth.FleetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Latency of every library scenario over a generated lake (cold: first run in a fresh DuckDB session
 * after dropping the OS page cache when allowed; warm: median of three more runs), and the same
 * scenarios hand-written in pandas over the same rows in the same run, as a ratio. pandas runs on a
 * subset of the lake (Debian's pandas has no Parquet engine and the whole lake's objects do not fit in
 * memory as DataFrames); Fleetmine's latency on that subset is measured with the same session, and the
 * matched frame counts of both are compared.
 */
final class ScenarioBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ScenarioBench() {}

  static void run(long frames, long subsetFrames, Path out) throws Exception {
    Path lakeDir = out.resolve("lake-" + frames);
    Lake lake = buildLake(lakeDir, frames);
    ScenarioLibrary lib = ScenarioLibrary.builtIn();
    ObjectNode report = JSON.createObjectNode();
    report.put("frames", frames);
    ArrayNode full = report.putArray("full_lake");
    for (String name : lib.names()) {
      boolean dropped = dropPageCache();
      long t = System.nanoTime();
      int clips;
      double[] warm = new double[3];
      try (LakeQuery q = LakeQuery.open(lake)) {
        clips = ScenarioSearch.run(q, lib.get(name), lib).size();
        double cold = (System.nanoTime() - t) / 1e9;
        for (int i = 0; i < warm.length; i++) {
          long w = System.nanoTime();
          ScenarioSearch.run(q, lib.get(name), lib);
          warm[i] = (System.nanoTime() - w) / 1e9;
        }
        Arrays.sort(warm);
        full.addObject().put("scenario", name).put("clips", clips).put("cold_s", cold).put("warm_s", warm[1])
            .put("page_cache_dropped", dropped);
        System.err.printf("%-28s clips %6d cold %6.2f s warm %6.2f s%n", name, clips, cold, warm[1]);
      }
    }
    Snapshot subset = subset(lake.current(), subsetFrames);
    Path csv = out.resolve("pandas-" + subsetFrames);
    Files.createDirectories(csv);
    ArrayNode sub = report.putArray("subset");
    try (LakeQuery q = LakeQuery.open(lake, subset)) {
      exportCsv(q, csv);
      for (String name : lib.names()) {
        Query query = lib.get(name);
        long matched = ((Number) q.rows("SELECT count(*) FROM (" + ScenarioCompiler.matches(query, lib::get) + ")")
            .single()).longValue();
        double[] warm = new double[3];
        for (int i = 0; i < warm.length; i++) {
          long w = System.nanoTime();
          ScenarioSearch.run(q, query, lib);
          warm[i] = (System.nanoTime() - w) / 1e9;
        }
        Arrays.sort(warm);
        sub.addObject().put("scenario", name).put("frames", matched).put("warm_s", warm[1]);
      }
    }
    JsonNode pandas = runPandas(csv);
    report.set("pandas", pandas);
    print(report, subset.logs().size());
    Files.writeString(out.resolve("scenarios.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
  }

  /** Builds the lake once; a marker file records that it is complete. */
  static Lake buildLake(Path dir, long frames) throws Exception {
    Path marker = dir.resolve("BUILT");
    if (Files.exists(marker)) {
      return Lake.open(dir);
    }
    IngestBench.deleteTree(dir);
    Fleetmine fm = Fleetmine.open(dir);
    System.err.printf("building a lake of %,d frames in %s ...%n", frames, dir);
    long t = System.nanoTime();
    Fleetmine.IngestResult r = fm.write("bench", sink -> new FleetGenerator(IngestBench.spec(frames)).generate(sink, Progress.NONE));
    Files.writeString(marker, String.format("%d ego rows, %d object rows, %.1f s%n", r.egoRows(), r.objectRows(),
        (System.nanoTime() - t) / 1e9));
    System.err.print("built: " + Files.readString(marker));
    return fm.lake();
  }

  /** The first logs of the snapshot holding about {@code frames} ego frames. */
  static Snapshot subset(Snapshot s, long frames) {
    TreeMap<String, LogEntry> logs = new TreeMap<>();
    long per = FleetSpec.HZ * 600L;
    for (LogEntry e : s.entries()) {
      if (logs.size() * per >= frames) {
        break;
      }
      logs.put(e.logId(), e);
    }
    return new Snapshot(s.version(), s.committedAt(), "subset", logs, s.tags());
  }

  private static void exportCsv(LakeQuery q, Path dir) throws Exception {
    try (Statement st = q.connection().createStatement()) {
      st.execute("CREATE TEMP TABLE log_codes AS SELECT log_id, row_number() OVER (ORDER BY log_id) AS log FROM logs");
      st.execute("COPY (SELECT c.log, e.ts_ns, e.speed, e.accel, e.yaw_rate FROM ego e JOIN log_codes c USING (log_id))"
          + " TO " + LakeViews.quote(dir.resolve("ego.csv").toString()) + " (HEADER)");
      st.execute("COPY (SELECT c.log, o.ts_ns, hash(o.track_id) % 9007199254740991 AS track, o.category, o.lon, o.lat,"
          + " o.distance, o.speed, o.rel_heading, o.rel_vlon, o.rel_vlat, o.ttc FROM objects o JOIN log_codes c USING (log_id)"
          + " WHERE o.source = 'gt') TO " + LakeViews.quote(dir.resolve("objects.csv").toString()) + " (HEADER)");
    }
  }

  private static JsonNode runPandas(Path csv) throws Exception {
    Path script = Path.of("bench", "scenarios_pandas.py").toAbsolutePath();
    if (!Files.exists(script)) {
      script = Path.of(System.getProperty("fleetmine.home", "."), "bench", "scenarios_pandas.py");
    }
    // Debian's python3 carries python3-pandas; a python3 earlier on PATH (pyenv) usually does not.
    String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    List<String> cmd = new ArrayList<>(List.of(python, script.toString(), csv.resolve("ego.csv").toString(),
        csv.resolve("objects.csv").toString(), "3"));
    System.err.println("running pandas on " + csv + " ...");
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String outText = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException("pandas peer failed (is python3-pandas installed? apt-get install python3-pandas)");
    }
    return JSON.readTree(outText);
  }

  /** Drops the OS page cache (root only) so that "cold" reads hit the disk; returns whether it worked. */
  static boolean dropPageCache() {
    try {
      new ProcessBuilder("sync").start().waitFor();
      Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3");
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private static void print(ObjectNode r, int subsetLogs) {
    System.out.printf("%nScenario latency: %,d ego frames (synthetic fleet, seed 7, %d cores)%n%n", r.get("frames").asLong(),
        Runtime.getRuntime().availableProcessors());
    System.out.println("| scenario | clips | cold s | warm s |");
    System.out.println("|---|---|---|---|");
    for (JsonNode n : r.get("full_lake")) {
      System.out.printf("| %s | %d | %.2f | %.2f |%n", n.get("scenario").asText(), n.get("clips").asInt(),
          n.get("cold_s").asDouble(), n.get("warm_s").asDouble());
    }
    JsonNode pandas = r.get("pandas");
    System.out.printf("%npandas peer on the first %d logs (%,d ego rows, %,d object rows; CSV load %.1f s not counted):%n%n",
        subsetLogs, pandas.get("ego_rows").asLong(), pandas.get("object_rows").asLong(), pandas.get("load_seconds").asDouble());
    System.out.println("| scenario | frames (ours) | frames (pandas) | ours warm s | pandas compute s | pandas / ours |"
        + " pandas incl. load s | (incl. load) / ours |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    double load = pandas.get("load_seconds").asDouble();
    for (JsonNode n : r.get("subset")) {
      JsonNode p = pandas.get("scenarios").get(n.get("scenario").asText());
      double ours = n.get("warm_s").asDouble();
      double compute = p.get("seconds").asDouble();
      System.out.printf("| %s | %d | %d | %.3f | %.3f | %.1fx | %.2f | %.1fx |%n", n.get("scenario").asText(),
          n.get("frames").asLong(), p.get("frames").asLong(), ours, compute, compute / ours, load + compute,
          (load + compute) / ours);
    }
  }
}
