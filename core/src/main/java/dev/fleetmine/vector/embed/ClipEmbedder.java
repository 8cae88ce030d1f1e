package dev.fleetmine.vector.embed;

import dev.fleetmine.query.Clip;
import dev.fleetmine.query.LakeQuery;
import java.util.List;
import java.util.Map;

/**
 * What turns windows of logs into vectors for a clip index: the built-in {@link ScenarioEmbedder} or a
 * user's {@link OnnxEmbedder}. An index records {@link #describe()} so that it is reopened, and queried,
 * with the same embedder it was built with.
 */
public interface ClipEmbedder {
  /** Length of every vector {@link #embedAll} returns. */
  int dimension();

  /** One vector per window, in the order given (not necessarily unit length). */
  float[][] embedAll(LakeQuery q, List<Clip> windows);

  /**
   * What identifies this embedder, as strings: {@code kind} ({@code scenario} or {@code onnx}) and what that
   * kind needs to be rebuilt (the recipe; the model file and its SHA-256). Two embedders with equal
   * descriptions give equal vectors.
   */
  Map<String, String> describe();
}
