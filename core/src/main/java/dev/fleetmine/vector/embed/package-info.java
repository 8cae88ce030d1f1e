/**
 * Scenario embeddings computed from the tracks themselves, without a neural model: every window of a log
 * becomes a fixed-length vector describing the scene around the ego over time, so that scenes that
 * look alike (relative geometry and motion in ego's frame) are close in cosine similarity. The recipe,
 * its dimension and why it works are in docs/similarity.md.
 *
 * <p>This package owns turning lake rows into vectors ({@link dev.fleetmine.vector.embed.ScenarioEmbedder},
 * parametrized by an {@link dev.fleetmine.vector.embed.EmbeddingRecipe}) and the exact brute-force
 * neighbour search ({@link dev.fleetmine.vector.embed.ExactKnn}) that an approximate index is checked
 * against, and {@link dev.fleetmine.vector.embed.OnnxEmbedder}, which runs a user-supplied ONNX model on those
 * features (a learned projection of the scene raster). It only reads the lake. To add a channel, extend the
 * recipe's layout (index functions and dimension) and the SQL aggregate in the embedder, then measure it
 * again with
 * {@code ScenarioEmbedderTest} and docs/similarity.md.
 */
package dev.fleetmine.vector.embed;
