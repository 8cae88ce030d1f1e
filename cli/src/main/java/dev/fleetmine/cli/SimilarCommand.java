package dev.fleetmine.cli;

import dev.fleetmine.ingest.npy.NpyArray;
import dev.fleetmine.ingest.npy.NpyReader;
import dev.fleetmine.query.Clip;
import dev.fleetmine.query.LakeQuery;
import dev.fleetmine.vector.ClipIndex;
import dev.fleetmine.vector.Hit;
import dev.fleetmine.vector.HitSpread;
import dev.fleetmine.vector.VectorFilter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fleetmine similar --clip LOG@START-END [-k N] [filters]}: more clips like this one. */
@Command(name = "similar", mixinStandardHelpOptions = true,
    description = {"Finds the clips of the fleet whose scene is most like a given clip's (scenario embeddings of",
        "8 s windows in a Lucene HNSW index; build it with `fleetmine index`), filtered by metadata."})
final class SimilarCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  LakeOptions lake;

  @picocli.CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
  Query what;

  static final class Query {
    @Option(names = "--clip", required = true, paramLabel = "LOG@START-END",
        description = "The clip, as `fleetmine search` prints its id: log@start_ns-end_ns.")
    String clip;

    @Option(names = "--vector", required = true, paramLabel = "FILE.npy",
        description = "A query vector (float32 .npy of the index's dimension, e.g. from a clip embedded elsewhere).")
    Path vector;
  }

  @Option(names = "--index", paramLabel = "NAME", description = {"Search another index: one built with `fleetmine index --model FILE.onnx --name NAME` (with --clip or",
      "--vector), or imported embeddings (with --vector)."})
  String indexName;

  @Option(names = "-k", defaultValue = "10", description = "How many (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--log", paramLabel = "LOG", description = "Only these logs (repeatable).")
  List<String> logs = new ArrayList<>();

  @Option(names = "--source", paramLabel = "FORMAT", description = "Only logs of this source format, e.g. synthetic, av2 (repeatable).")
  List<String> sources = new ArrayList<>();

  @Option(names = "--category", paramLabel = "CATEGORY", description = "Only windows where this category is within 60 m (repeatable).")
  List<String> categories = new ArrayList<>();

  @Option(names = "--tag", paramLabel = "TAG", description = "Only windows overlapping a clip of this scenario tag (repeatable).")
  List<String> tags = new ArrayList<>();

  @Option(names = "--exclude-log", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = {"Leave out the query clip's own log (default); --no-exclude-log keeps it: its other windows",
          "look alike (same road, weather, sensors) and would fill the list."})
  boolean excludeLog;

  @Option(names = "--per-log", paramLabel = "N", defaultValue = "1",
      description = "At most N hits from one log (default ${DEFAULT-VALUE}; 0 = no cap). --no-exclude-log --per-log 0"
          + " gives the best non-overlapping windows anywhere.")
  int perLog;

  @Override
  public Integer call() {
    if (perLog < 0) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--per-log must be >= 0 (0 = no cap), got " + perLog);
    }
    var fm = lake.open();
    PrintWriter out = spec.commandLine().getOut();
    VectorFilter filter = new VectorFilter(logs, sources, categories, tags, null, null);
    HitSpread spread = new HitSpread(excludeLog, perLog);
    if (indexName == null || ClipIndex.isClipIndex(fm.lake(), indexName)) {
      try (LakeQuery q = fm.query(); ClipIndex index = ClipIndex.open(fm.lake(), indexName == null ? ClipIndex.DEFAULT_NAME : indexName)) {
        print(out, what.clip != null ? index.similar(q, parse(what.clip), k, filter, spread)
            : index.similar(readVector(what.vector, index.dimension()), k, filter, spread));
      }
      return 0;
    }
    if (what.vector == null) {
      throw new IllegalArgumentException("an imported index is searched with --vector FILE.npy, not --clip");
    }
    try (dev.fleetmine.vector.VectorIndex index = dev.fleetmine.vector.ImportedVectors.open(fm.lake(), indexName)) {
      print(out, spread.search(index, readVector(what.vector, index.options().dimension()), k, filter, null));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return 0;
  }

  private static void print(PrintWriter out, List<Hit> hits) {
    List<List<String>> rows = new ArrayList<>();
    int rank = 1;
    for (Hit h : hits) {
      rows.add(List.of(Integer.toString(rank++), h.id(), String.format(Locale.ROOT, "%.4f", h.score()),
          String.join(",", h.meta().tags()), String.join(",", h.meta().categories())));
    }
    Tables.print(out, List.of("rank", "clip", "score", "tags", "categories"), rows);
  }

  /** A float vector from a .npy file: shape (d) or (1, d), d the index's dimension. */
  static float[] readVector(Path file, int dimension) {
    NpyArray a = NpyReader.read(file);
    if (a.size() != dimension || a.rank() > 2) {
      throw new IllegalArgumentException(file + ": expected a vector of " + dimension + " numbers (the index's dimension), got shape "
          + a.shapeString());
    }
    float[] v = new float[dimension];
    double norm = 0;
    for (int i = 0; i < dimension; i++) {
      v[i] = (float) a.getDouble(i);
      norm += v[i] * v[i];
    }
    if (!(norm > 0)) {
      throw new IllegalArgumentException(file + ": the query vector is all zeros");
    }
    // the index holds unit vectors compared by dot product
    for (int i = 0; i < dimension; i++) {
      v[i] /= (float) Math.sqrt(norm);
    }
    return v;
  }

  /** Parses {@code log@start-end} (the log id may itself contain '@' or '-'; the last '@' splits). */
  static Clip parse(String id) {
    int at = id.lastIndexOf('@');
    int dash = id.lastIndexOf('-');
    if (at <= 0 || dash < at + 2 || dash == id.length() - 1) {
      throw new IllegalArgumentException("clip '" + id + "': expected LOG@START_NS-END_NS, e.g. synth-11-00003@120000000000-128000000000");
    }
    try {
      return new Clip(id.substring(0, at), Long.parseLong(id.substring(at + 1, dash)), Long.parseLong(id.substring(dash + 1)), 0,
          List.of());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("clip '" + id + "': start and end must be integers in ns");
    }
  }
}
