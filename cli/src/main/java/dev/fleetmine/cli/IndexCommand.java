package dev.fleetmine.cli;

import dev.fleetmine.vector.ClipIndex;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code fleetmine index}: builds or updates the lake's clip index for `fleetmine similar`. */
@Command(name = "index", mixinStandardHelpOptions = true,
    description = {"Builds or updates the lake's similar-clip index (vectors/clips): scenario embeddings of 8 s",
        "windows every 2 s. Incremental: only new or re-ingested logs are embedded; removed logs are dropped."})
final class IndexCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  LakeOptions lake;

  @picocli.CommandLine.Option(names = "--import", paramLabel = "FILE",
      description = {"Instead: import your own model's embeddings (Parquet/CSV: log_id, start_ns, end_ns or ts_ns,",
          "[track_id,] vector) as index --name, searched with `fleetmine similar --index NAME --vector q.npy`."})
  java.nio.file.Path importFile;

  @picocli.CommandLine.Option(names = "--model", paramLabel = "FILE.onnx",
      description = {"Embed the windows with your own ONNX model instead of the built-in scenario embedding: it receives",
          "the built-in features (float [N, 300]) and returns float [N, E] (docs/similarity.md). Needs --name; the index is",
          "then searched with `fleetmine similar --index NAME --clip ...`. Needs ONNX Runtime for Java on the class path",
          "(FLEETMINE_CLASSPATH=.../onnxruntime-1.29.0.jar)."})
  java.nio.file.Path model;

  @picocli.CommandLine.Option(names = "--name", paramLabel = "NAME", description = "Name of the imported or ONNX index.")
  String name;

  @Override
  public Integer call() throws Exception {
    var fm = lake.open();
    if (importFile != null) {
      if (name == null) {
        throw new IllegalArgumentException("--import needs --name NAME for the index");
      }
      dev.fleetmine.vector.ImportedVectors.Imported r = dev.fleetmine.vector.ImportedVectors.importFile(fm.lake(), name, importFile);
      spec.commandLine().getOut().printf(Locale.ROOT, "imported %,d vectors of dimension %d from %d log(s) as index %s in %.1f s%n",
          r.vectors(), r.dimension(), r.logs(), r.name(), r.elapsed().toMillis() / 1e3);
      return 0;
    }
    ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), System.console() != null);
    ClipIndex.Built b;
    String indexName = ClipIndex.DEFAULT_NAME;
    if (model != null) {
      if (name == null) {
        throw new IllegalArgumentException("--model needs --name NAME for the index (the default index keeps the built-in embedding)");
      }
      indexName = name;
      var embedder = ClipIndex.onnxEmbedder(model);
      try {
        b = ClipIndex.build(fm.lake(), name, embedder, progress);
      } finally {
        ((AutoCloseable) embedder).close();
      }
    } else {
      if (name != null) {
        throw new IllegalArgumentException("--name goes with --import FILE or --model FILE.onnx");
      }
      b = ClipIndex.build(fm.lake(), progress);
    }
    spec.commandLine().getOut().printf(Locale.ROOT, "clip index%s: %s%d log(s) embedded, %d removed, %,d windows added,"
        + " %,d in all, %.1f MB on disk, %.1f s -> %s%n", model == null ? "" : " " + indexName,
        b.rebuilt() ? "rebuilt for a new model, " : "", b.logsEmbedded(), b.logsRemoved(), b.windowsAdded(), b.windowsTotal(),
        b.bytesOnDisk() / 1e6, b.elapsed().toMillis() / 1e3, ClipIndex.directory(fm.lake(), indexName));
    return 0;
  }
}
