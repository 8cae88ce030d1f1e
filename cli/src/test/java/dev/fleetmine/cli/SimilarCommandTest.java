package dev.fleetmine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "More like this" from the command line: generate, index, similar. */
class SimilarCommandTest {
  @TempDir
  Path dir;



  @Test
  void indexThenSimilar() {
    String lake = dir.resolve("lake").toString();
    assertThat(CliRun.run("generate", "--hours", "0.2", "--seed", "3", "--log-minutes", "2", "--lake", lake).code()).isZero();
    CliRun noIndex = CliRun.run("similar", "--lake", lake, "--clip", "synth-3-00000@1700000030000000000-1700000035000000000");
    assertThat(noIndex.code()).isEqualTo(3);
    assertThat(noIndex.err()).contains("run `fleetmine index` first");
    CliRun index = CliRun.run("index", "--lake", lake);
    assertThat(index.code()).as(index.err()).isZero();
    assertThat(index.out()).startsWith("clip index: 6 log(s) embedded, 0 removed, 336 windows added, 336 in all");
    CliRun similar = CliRun.run("similar", "--lake", lake, "--clip", "synth-3-00000@1700000030000000000-1700000035000000000", "-k", "3");
    assertThat(similar.code()).as(similar.err()).isZero();
    assertThat(similar.out().lines()).hasSize(4).first().asString().startsWith("rank  clip");
    CliRun bad = CliRun.run("similar", "--lake", lake, "--clip", "nonsense");
    assertThat(bad.code()).isEqualTo(3);
    assertThat(bad.err()).contains("expected LOG@START_NS-END_NS");

    CliRun byVector = CliRun.run("similar", "--lake", lake, "--vector", npy(dir.resolve("q.npy"), 300).toString(), "-k", "2");
    assertThat(byVector.code()).as(byVector.err()).isZero();
    assertThat(byVector.out().lines()).hasSize(3);
    CliRun wrongDim = CliRun.run("similar", "--lake", lake, "--vector", npy(dir.resolve("q7.npy"), 7).toString());
    assertThat(wrongDim.code()).isEqualTo(3);
    assertThat(wrongDim.err()).contains("expected a vector of 300 numbers (the index's dimension), got shape (7,)");

    CliRun dedup = CliRun.run("dedup", "--lake", lake, "--threshold", "0.9999", "--limit", "3");
    assertThat(dedup.code()).as(dedup.err()).isZero();
    assertThat(dedup.out()).startsWith("clip").contains("near-duplicate pair(s) at score >= 0.9999");
  }

  @Test
  void hitsComeFromOtherLogsOneEachUnlessAskedOtherwise() {
    String lake = dir.resolve("lake").toString();
    assertThat(CliRun.run("generate", "--hours", "0.2", "--seed", "3", "--log-minutes", "2", "--lake", lake).code()).isZero();
    assertThat(CliRun.run("index", "--lake", lake).code()).isZero();
    String query = "synth-3-00000";
    String clip = query + "@1700000030000000000-1700000035000000000";

    List<String> byDefault = logsOf(CliRun.run("similar", "--lake", lake, "--clip", clip, "-k", "10"));
    // six logs: the five others, once each
    assertThat(byDefault).hasSize(5).doesNotContain(query).doesNotHaveDuplicates();
    List<String> twoEach = logsOf(CliRun.run("similar", "--lake", lake, "--clip", clip, "-k", "10", "--per-log", "2"));
    assertThat(twoEach).hasSize(10).doesNotContain(query);
    assertThat(new java.util.TreeSet<>(twoEach)).allSatisfy(l -> assertThat(java.util.Collections.frequency(twoEach, l)).isEqualTo(2));
    List<String> ownLogToo = logsOf(CliRun.run("similar", "--lake", lake, "--clip", clip, "-k", "10", "--no-exclude-log"));
    assertThat(ownLogToo).hasSize(6).contains(query).doesNotHaveDuplicates();
    CliRun anywhere = CliRun.run("similar", "--lake", lake, "--clip", clip, "-k", "10", "--no-exclude-log", "--per-log", "0");
    assertThat(logsOf(anywhere)).hasSize(10).contains(query);
    assertThat(CliRun.run("similar", "--lake", lake, "--clip", clip, "-k", "10", "--exclude-log").out())
        .isEqualTo(CliRun.run("similar", "--lake", lake, "--clip", clip, "-k", "10").out());

    CliRun negative = CliRun.run("similar", "--lake", lake, "--clip", clip, "--per-log", "-1");
    assertThat(negative.code()).isEqualTo(2);
    assertThat(negative.err()).startsWith("--per-log must be >= 0 (0 = no cap), got -1");
  }

  /** The log of each hit, in rank order. */
  static List<String> logsOf(CliRun r) {
    assertThat(r.code()).as(r.err()).isZero();
    return r.out().lines().skip(1).map(l -> l.split(" +")[1].replaceFirst("@[0-9]+-[0-9]+$", "")).toList();
  }

  @Test
  void anOnnxModelEmbedsTheIndexAndItsQueries() throws Exception {
    String lake = dir.resolve("lake").toString();
    assertThat(CliRun.run("generate", "--hours", "0.1", "--seed", "4", "--log-minutes", "2", "--lake", lake).code()).isZero();
    assertThat(CliRun.run("index", "--lake", lake).code()).isZero();
    // The identity model returns the built-in features unchanged: its index must answer exactly as the default one.
    float[][] identity = new float[300][300];
    for (int i = 0; i < 300; i++) {
      identity[i][i] = 1;
    }
    Path model = dev.fleetmine.vector.embed.OnnxModels.matMul(dir.resolve("identity.onnx"), identity, null);
    CliRun index = CliRun.run("index", "--lake", lake, "--model", model.toString(), "--name", "mine");
    assertThat(index.code()).as(index.err()).isZero();
    assertThat(index.out()).startsWith("clip index mine: 3 log(s) embedded, 0 removed, 168 windows added, 168 in all");
    CliRun start = CliRun.run("sql", "--lake", lake, "SELECT start_ns + 30000000000 FROM logs WHERE log_id = 'synth-4-00001'");
    long t = Long.parseLong(start.out().lines().filter(l -> l.trim().matches("\\d+")).findFirst().orElseThrow().trim());
    String clip = "synth-4-00001@" + t + "-" + (t + 6_000_000_000L);
    CliRun viaModel = CliRun.run("similar", "--lake", lake, "--index", "mine", "--clip", clip, "-k", "5", "--per-log", "0");
    CliRun builtIn = CliRun.run("similar", "--lake", lake, "--clip", clip, "-k", "5", "--per-log", "0");
    assertThat(viaModel.code()).as(viaModel.err()).isZero();
    assertThat(viaModel.out()).isEqualTo(builtIn.out());
    assertThat(viaModel.out().lines()).hasSize(6);
    // Incremental: nothing new to embed. A different model (a 300 -> 2 projection) rebuilds the index.
    assertThat(CliRun.run("index", "--lake", lake, "--model", model.toString(), "--name", "mine").out())
        .startsWith("clip index mine: 0 log(s) embedded");
    float[][] two = new float[300][2];
    for (int i = 0; i < 300; i++) {
      two[i][0] = 1;
      two[i][1] = i % 2;
    }
    dev.fleetmine.vector.embed.OnnxModels.matMul(model, two, null);
    CliRun stale = CliRun.run("similar", "--lake", lake, "--index", "mine", "--clip", clip);
    assertThat(stale.code()).isEqualTo(3);
    assertThat(stale.err()).contains("changed since the clip index").contains("rebuild with `fleetmine index --model");
    CliRun rebuilt = CliRun.run("index", "--lake", lake, "--model", model.toString(), "--name", "mine");
    assertThat(rebuilt.code()).as(rebuilt.err()).isZero();
    assertThat(rebuilt.out()).startsWith("clip index mine: rebuilt for a new model, 3 log(s) embedded");
    assertThat(CliRun.run("index", "--lake", lake, "--model", model.toString()).err()).contains("--model needs --name NAME");
  }

  /** A float32 .npy vector of {@code n} values 1, 2, ... (numpy's format, version 1.0). */
  static Path npy(Path file, int n) {
    String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + n + ",), }";
    int total = 10 + header.length() + 1;
    header = header + " ".repeat((64 - total % 64) % 64) + "\n";
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(10 + header.length() + 4 * n).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93).put("NUMPY".getBytes()).put((byte) 1).put((byte) 0).putShort((short) header.length());
    b.put(header.getBytes());
    for (int i = 0; i < n; i++) {
      b.putFloat(i + 1);
    }
    try {
      return java.nio.file.Files.write(file, b.array());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
