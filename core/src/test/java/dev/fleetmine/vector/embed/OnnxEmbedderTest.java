package dev.fleetmine.vector.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleetmine.ingest.Category;
import dev.fleetmine.ingest.EgoSample;
import dev.fleetmine.ingest.Ingestor;
import dev.fleetmine.ingest.LogInfo;
import dev.fleetmine.ingest.ObjectSample;
import dev.fleetmine.lake.Lake;
import dev.fleetmine.query.Clip;
import dev.fleetmine.query.LakeQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hand-encoded MatMul model: exact outputs on a known batch and on a two-log lake, and the signature checks. */
class OnnxEmbedderTest {
  static final int D = EmbeddingRecipe.DEFAULT.dimension();
  static final EmbeddingRecipe R = EmbeddingRecipe.DEFAULT;

  @TempDir
  Path dir;

  /** A [D, 4] matrix with {@code weights[j]} at row {@code rows[j]} of column j, zero elsewhere. */
  static float[][] selector(int d, int[] rows, float[] weights) {
    float[][] w = new float[d][rows.length];
    for (int j = 0; j < rows.length; j++) {
      w[rows[j]][j] = weights[j];
    }
    return w;
  }

  static float[] row(int... indexValuePairs) {
    float[] x = new float[D];
    for (int i = 0; i < indexValuePairs.length; i += 2) {
      x[indexValuePairs[i]] = indexValuePairs[i + 1];
    }
    return x;
  }

  @Test
  void embedsAKnownBatchAsExactlyXTimesW() {
    float[][] w = selector(D, new int[] {0, 7, 150, 299}, new float[] {1, 2, -0.5f, 0.25f});
    w[8][0] = 3; // column 0 = x0 + 3 * x8
    float[][] x = {row(0, 1, 8, 2, 7, 5, 150, 4, 299, 8), row(7, -3, 299, 1), new float[D]};
    try (OnnxEmbedder e = OnnxEmbedder.open(OnnxModels.matMul(dir.resolve("m.onnx"), w, null))) {
      assertThat(e.outputDimension()).isEqualTo(4);
      assertThat(e.recipe()).isEqualTo(R);
      float[][] y = e.embed(x);
      assertThat(y).hasDimensions(3, 4);
      assertThat(y[0]).containsExactly(7f, 10f, -2f, 2f);
      assertThat(y[1]).containsExactly(0f, -6f, 0f, 0.25f);
      assertThat(y[2]).containsExactly(0f, 0f, 0f, 0f);
      assertThat(e.embed(new float[0][])).isEmpty();
    }
  }

  @Test
  void aModelWithBatchSizeOneRunsRowByRow() {
    float[][] w = selector(D, new int[] {1, 2, 3, 4}, new float[] {1, 1, 1, 1});
    try (OnnxEmbedder e = OnnxEmbedder.open(OnnxModels.matMul(dir.resolve("one.onnx"), w, 1L))) {
      float[][] y = e.embed(new float[][] {row(1, 1, 2, 2), row(3, 3, 4, 4)});
      assertThat(y[0]).containsExactly(1f, 2f, 0f, 0f);
      assertThat(y[1]).containsExactly(0f, 0f, 3f, 4f);
    }
  }

  @Test
  void embedAllIsTheBuiltInFeaturesTimesW() {
    Lake lake = twoLogLake(dir.resolve("lake"));
    // Column 0: vehicles, slice 0, the cell 0-20 m ahead in ego's lane; 1-2: ego speed in slices 0 and 3;
    // 3: VRUs in the same cell at slice 3.
    int[] rows = {R.sceneIndex(0, 0, 1, 1, 0), R.egoIndex(0, 0), R.egoIndex(3, 0), R.sceneIndex(3, 1, 1, 1, 0)};
    float[][] w = selector(D, rows, new float[] {1, 1, 1, 1});
    List<Clip> windows = List.of(clip("a", 0, 8), clip("a", 10, 18), clip("b", 0, 8), clip("b", 4, 12));
    try (LakeQuery q = LakeQuery.open(lake);
        OnnxEmbedder e = OnnxEmbedder.open(OnnxModels.matMul(dir.resolve("m.onnx"), w, null))) {
      float[][] features = new ScenarioEmbedder(R).embedAll(q, windows);
      float[][] y = e.embedAll(q, windows);
      assertThat(y).hasDimensions(4, 4);
      for (int i = 0; i < windows.size(); i++) {
        float[] expected = new float[rows.length];
        for (int j = 0; j < rows.length; j++) {
          expected[j] = features[i][rows[j]];
        }
        assertThat(y[i]).as("window %d", i).containsExactly(expected);
      }
      // The selected features are not trivially zero: log a has a car ahead, log b a pedestrian and no car.
      assertThat(y[0][0]).isPositive();
      assertThat(y[2][0]).isZero();
      assertThat(y[2][3]).isZero(); // the pedestrian appears at 8 s, in the last slice of b 4-12 s
      assertThat(y[3][3]).isPositive();
      assertThat(y[0][1]).isPositive();
    }
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = dir.resolve("nope.onnx");
    assertThatThrownBy(() -> OnnxEmbedder.open(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ONNX model file not found: " + missing);
  }

  @Test
  void garbageBytesAreNotAModel() throws Exception {
    Path garbage = Files.write(dir.resolve("garbage.onnx"), "this is not protobuf \u0000\u00ff".getBytes());
    assertThatThrownBy(() -> OnnxEmbedder.open(garbage))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a loadable ONNX model: " + garbage + " (");
  }

  @Test
  void aModelForAnotherInputDimensionIsRefused() {
    Path five = OnnxModels.matMul(dir.resolve("five.onnx"), selector(5, new int[] {0, 1, 2, 3}, new float[] {1, 1, 1, 1}),
        null);
    assertThatThrownBy(() -> OnnxEmbedder.open(five))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ONNX model " + five + ": input 'X' must be a float tensor of shape [N, 300] or [1, 300]"
            + " (the built-in features), is FLOAT [N, 5]");
  }

  @Test
  void rowsOfTheWrongLengthAreRefused() {
    float[][] w = selector(D, new int[] {0, 1, 2, 3}, new float[] {1, 1, 1, 1});
    try (OnnxEmbedder e = OnnxEmbedder.open(OnnxModels.matMul(dir.resolve("m.onnx"), w, null))) {
      assertThatThrownBy(() -> e.embed(new float[][] {new float[D], new float[5]}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("feature row 1 must have 300 values (the recipe's dimension), has 5");
    }
  }

  static Clip clip(String log, int fromS, int toS) {
    return new Clip(log, fromS * 1_000_000_000L, toS * 1_000_000_000L - 1, 0, List.of());
  }

  /**
   * Log a: ego at 10 m/s, a car 12 m ahead in its lane for 20 s. Log b: ego at 5 m/s, a pedestrian 15 m ahead
   * on ego's lane from 8 s.
   */
  static Lake twoLogLake(Path path) {
    Lake lake = Lake.open(path);
    try (Ingestor in = Ingestor.begin(lake)) {
      for (String log : List.of("a", "b")) {
        in.beginLog(LogInfo.of(log, "native", "test"));
        double speed = log.equals("a") ? 10 : 5;
        for (int i = 0; i <= 200; i++) {
          long ts = i * 100_000_000L;
          double x = speed * i / 10.0;
          in.ego(new EgoSample(ts, x, 0, 0, 0, speed));
          if (log.equals("a")) {
            in.object(ObjectSample.groundTruth(ts, "c1", Category.CAR, "car", x + 12, 0, 0.8, 4.5, 1.9, 1.5, 0));
          } else if (i >= 80) {
            in.object(ObjectSample.groundTruth(ts, "p1", Category.PEDESTRIAN, "pedestrian", x + 15, 0, 0.9, 0.5, 0.5,
                1.8, 0));
          }
        }
        in.endLog();
      }
      in.commit("test");
    }
    return lake;
  }
}
