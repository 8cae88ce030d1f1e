package dev.fleetmine.vector.embed;

import static java.util.Objects.requireNonNull;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.fleetmine.query.Clip;
import dev.fleetmine.query.LakeQuery;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A user-supplied ONNX model applied to the built-in features: the model receives the {@link ScenarioEmbedder}
 * vectors of a recipe as a float tensor [N, D] (D = the recipe's dimension) and returns one float tensor
 * [N, E], the learned embedding. Holds one ONNX Runtime session; {@link #close()} releases it.
 * Safe to share between threads (ONNX Runtime sessions run concurrently).
 */
public final class OnnxEmbedder implements ClipEmbedder, AutoCloseable {
  private final Path modelFile;
  private final OrtEnvironment env;
  private final OrtSession session;
  private final ScenarioEmbedder features;
  private final String inputName;
  private final boolean batchOfOne;
  private final int outputDimension;

  private OnnxEmbedder(Path modelFile, OrtEnvironment env, OrtSession session, ScenarioEmbedder features,
      String inputName, boolean batchOfOne, int outputDimension) {
    this.modelFile = modelFile;
    this.env = env;
    this.session = session;
    this.features = features;
    this.inputName = inputName;
    this.batchOfOne = batchOfOne;
    this.outputDimension = outputDimension;
  }

  /** Opens a model whose input is the {@link EmbeddingRecipe#DEFAULT} features (300 floats per window). */
  public static OnnxEmbedder open(Path modelFile) {
    return open(modelFile, EmbeddingRecipe.DEFAULT);
  }

  /**
   * Opens a model whose input is {@code recipe}'s features, checking its signature: exactly one float input of
   * shape [N, D] or [1, D] with D = {@code recipe.dimension()}, exactly one float output [N, E] with E fixed.
   */
  public static OnnxEmbedder open(Path modelFile, EmbeddingRecipe recipe) {
    requireNonNull(modelFile, "modelFile is null");
    requireNonNull(recipe, "recipe is null");
    if (!Files.isRegularFile(modelFile)) {
      throw new IllegalArgumentException("ONNX model file not found: " + modelFile);
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    OrtSession session;
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      session = env.createSession(modelFile.toString(), options);
    } catch (OrtException e) {
      throw new IllegalArgumentException("not a loadable ONNX model: " + modelFile + " (" + e.getMessage() + ")", e);
    }
    try {
      Map.Entry<String, TensorInfo> in = single(modelFile, "input", session.getInputInfo());
      boolean batchOfOne = checkInput(modelFile, in, recipe.dimension());
      Map.Entry<String, TensorInfo> out = single(modelFile, "output", session.getOutputInfo());
      int outDim = checkOutput(modelFile, out);
      return new OnnxEmbedder(modelFile, env, session, new ScenarioEmbedder(recipe), in.getKey(), batchOfOne, outDim);
    } catch (OrtException | RuntimeException e) {
      closeQuietly(session, e);
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalArgumentException("cannot read the signature of ONNX model " + modelFile + ": "
          + e.getMessage(), e);
    }
  }

  /** The one input or output of the model, which must be a tensor. */
  private static Map.Entry<String, TensorInfo> single(Path file, String what, Map<String, NodeInfo> nodes) {
    if (nodes.size() != 1) {
      throw new IllegalArgumentException("ONNX model " + file + " must have exactly one " + what + ", has "
          + nodes.size() + ": " + nodes.keySet());
    }
    Map.Entry<String, NodeInfo> e = nodes.entrySet().iterator().next();
    if (!(e.getValue().getInfo() instanceof TensorInfo t)) {
      throw new IllegalArgumentException("ONNX model " + file + ": " + what + " '" + e.getKey()
          + "' must be a float tensor, is " + e.getValue().getInfo());
    }
    return Map.entry(e.getKey(), t);
  }

  /** Checks the input is float [N, dim] or [1, dim]; returns whether the batch size is fixed to 1. */
  private static boolean checkInput(Path file, Map.Entry<String, TensorInfo> in, int dim) {
    TensorInfo t = in.getValue();
    long[] shape = t.getShape();
    boolean ok = t.type == OnnxJavaType.FLOAT && shape.length == 2 && shape[1] == dim
        && (shape[0] < 0 || shape[0] == 1);
    if (!ok) {
      throw new IllegalArgumentException("ONNX model " + file + ": input '" + in.getKey() + "' must be a float tensor"
          + " of shape [N, " + dim + "] or [1, " + dim + "] (the built-in features), is " + t.type + " "
          + shapeText(t));
    }
    return shape[0] == 1;
  }

  /** Checks the output is float [N, E] with E fixed; returns E. */
  private static int checkOutput(Path file, Map.Entry<String, TensorInfo> out) {
    TensorInfo t = out.getValue();
    long[] shape = t.getShape();
    if (t.type != OnnxJavaType.FLOAT || shape.length != 2 || shape[1] < 1 || shape[1] > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("ONNX model " + file + ": output '" + out.getKey() + "' must be a float"
          + " tensor of shape [N, E] with a fixed E, is " + t.type + " " + shapeText(t));
    }
    return (int) shape[1];
  }

  /** A shape with symbolic dimensions by name (or '?'), e.g. [N, 300]. */
  private static String shapeText(TensorInfo t) {
    long[] shape = t.getShape();
    String[] names = t.getDimensionNames();
    String[] parts = new String[shape.length];
    for (int i = 0; i < shape.length; i++) {
      boolean named = names != null && i < names.length && !names[i].isEmpty();
      parts[i] = shape[i] >= 0 ? Long.toString(shape[i]) : named ? names[i] : "?";
    }
    return "[" + String.join(", ", parts) + "]";
  }

  /** The model file this embedder runs. */
  public Path modelFile() {
    return modelFile;
  }

  /** The recipe whose features the model receives. */
  public EmbeddingRecipe recipe() {
    return features.recipe();
  }

  /** Length E of every embedding the model returns. */
  @Override
  public int dimension() {
    return outputDimension;
  }

  /** {@code kind=onnx}, the model's absolute path, its SHA-256 and the input recipe. */
  @Override
  public Map<String, String> describe() {
    return Map.of("kind", "onnx", "model", modelFile.toAbsolutePath().normalize().toString(),
        "sha256", sha256(modelFile), "recipe", features.recipe().toString());
  }

  /** Hex SHA-256 of a file's bytes. */
  public static String sha256(Path file) {
    try {
      return java.util.HexFormat.of().formatHex(
          java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public int outputDimension() {
    return outputDimension;
  }

  /** The model's embeddings of built-in feature vectors (each of the recipe's dimension), in the order given. */
  public float[][] embed(float[][] featureRows) {
    requireNonNull(featureRows, "featureRows is null");
    int dim = features.recipe().dimension();
    for (int i = 0; i < featureRows.length; i++) {
      if (featureRows[i] == null || featureRows[i].length != dim) {
        throw new IllegalArgumentException("feature row " + i + " must have " + dim + " values (the recipe's"
            + " dimension), has " + (featureRows[i] == null ? "null" : featureRows[i].length));
      }
    }
    if (featureRows.length == 0) {
      return new float[0][outputDimension];
    }
    if (!batchOfOne) {
      return run(featureRows, 0, featureRows.length);
    }
    // A model exported with batch size 1 is run once per row.
    float[][] out = new float[featureRows.length][];
    for (int i = 0; i < featureRows.length; i++) {
      out[i] = run(featureRows, i, 1)[0];
    }
    return out;
  }

  /** Built-in features of {@code windows} (one batch) through the model: one embedding per window, in order. */
  @Override
  public float[][] embedAll(LakeQuery q, List<Clip> windows) {
    return embed(features.embedAll(q, windows));
  }

  /** Runs rows [from, from + n) as one [n, D] tensor and reads the [n, E] output. */
  private float[][] run(float[][] rows, int from, int n) {
    int dim = rows[0].length;
    float[] flat = new float[n * dim];
    for (int i = 0; i < n; i++) {
      System.arraycopy(rows[from + i], 0, flat, i * dim, dim);
    }
    try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(flat), new long[] {n, dim});
        OrtSession.Result result = session.run(Map.of(inputName, x))) {
      OnnxValue v = result.get(0);
      if (!(v instanceof OnnxTensor y) || !Arrays.equals(y.getInfo().getShape(), new long[] {n, outputDimension})) {
        throw new IllegalStateException("ONNX model " + modelFile + " returned " + v.getInfo() + " for " + n
            + " rows, expected a float tensor [" + n + ", " + outputDimension + "]");
      }
      FloatBuffer buf = y.getFloatBuffer();
      float[][] out = new float[n][outputDimension];
      for (float[] row : out) {
        buf.get(row);
      }
      return out;
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX model " + modelFile + " failed on " + n + " rows: " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(OrtSession session, Exception cause) {
    try {
      session.close();
    } catch (OrtException e) {
      cause.addSuppressed(e);
    }
  }

  /** Releases the session; the process-wide ONNX Runtime environment stays for other embedders. */
  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("cannot close ONNX session of " + modelFile + ": " + e.getMessage(), e);
    }
  }
}
