package dev.fleetmine.vector.embed;

import static java.util.Objects.requireNonNull;

/**
 * How a window becomes a vector: the ego-centred bird's-eye grid, the time slices and the weights of the
 * ego block. Every field is part of the embedding's meaning: vectors of different recipes do not compare.
 *
 * @param source         the objects source to describe ('gt', or a detector's name)
 * @param slices         time slices across the window (each gets its own grid and ego features)
 * @param lonCells       grid cells along ego's heading over [lonMin, lonMax)
 * @param latCells       grid cells across ego's heading over [latMin, latMax)
 * @param lonMin         rear edge of the grid in metres ahead of ego's centre (negative: behind)
 * @param lonMax         front edge of the grid
 * @param latMin         right edge of the grid in metres left of ego's centre (negative: to the right)
 * @param latMax         left edge of the grid
 * @param velocityScale  relative speed (m/s) that counts as much as one object's presence in a cell
 * @param egoWeight      weight of the ego features (speed, accel, yaw rate) against the scene channels
 */
public record EmbeddingRecipe(String source, int slices, int lonCells, int latCells, double lonMin, double lonMax,
    double latMin, double latMax, double velocityScale, double egoWeight) {

  /** Object class groups: each has its own occupancy and relative velocity channels. */
  public static final int GROUPS = 2;
  /** Channels per cell and group: occupancy, relative velocity along and across ego's heading. */
  public static final int CHANNELS = 3;
  /** Ego features per slice: speed, acceleration, yaw rate. */
  public static final int EGO_FEATURES = 3;
  /** Scale of ego speed (m/s): urban limit is 13.4, highway 27.8. */
  static final double SPEED_SCALE = 10;
  /** Scale of ego acceleration (m/s^2): hard braking is below -4. */
  static final double ACCEL_SCALE = 2;
  /** Scale of ego yaw rate (rad/s): a 30 m radius turn at 8 m/s is about 0.27. */
  static final double YAW_RATE_SCALE = 0.2;

  /** The recipe chosen on the synthetic fleet (docs/similarity.md): 4 slices of a 4 x 3 grid, 300 values. */
  public static final EmbeddingRecipe DEFAULT = new EmbeddingRecipe("gt", 4, 4, 3, -20, 60, -12, 12, 10, 20);

  public EmbeddingRecipe {
    requireNonNull(source, "source is null");
    if (slices < 1 || lonCells < 1 || latCells < 1) {
      throw new IllegalArgumentException("slices, lonCells and latCells must be at least 1, got " + slices + ", "
          + lonCells + ", " + latCells);
    }
    if (!(lonMax > lonMin) || !(latMax > latMin)) {
      throw new IllegalArgumentException("grid must have lonMax > lonMin and latMax > latMin, got lon [" + lonMin + ", "
          + lonMax + "), lat [" + latMin + ", " + latMax + ")");
    }
    if (!(velocityScale > 0) || !(egoWeight >= 0)) {
      throw new IllegalArgumentException("velocityScale must be > 0 and egoWeight >= 0, got " + velocityScale + ", "
          + egoWeight);
    }
  }

  /** Cells of one grid. */
  public int cells() {
    return lonCells * latCells;
  }

  /** Length of the scene part: slices x groups x cells x channels. */
  public int sceneDimension() {
    return slices * GROUPS * cells() * CHANNELS;
  }

  /** Length of every vector: the scene part followed by slices x ego features. */
  public int dimension() {
    return sceneDimension() + slices * EGO_FEATURES;
  }

  /** Index of a scene value in the vector. */
  int sceneIndex(int slice, int group, int lonCell, int latCell, int channel) {
    return (((slice * GROUPS + group) * lonCells + lonCell) * latCells + latCell) * CHANNELS + channel;
  }

  /** Index of an ego feature in the vector. */
  int egoIndex(int slice, int feature) {
    return sceneDimension() + slice * EGO_FEATURES + feature;
  }

  /** A copy with another grid. */
  public EmbeddingRecipe withGrid(int slices, int lonCells, int latCells) {
    return new EmbeddingRecipe(source, slices, lonCells, latCells, lonMin, lonMax, latMin, latMax, velocityScale, egoWeight);
  }

  /** A copy with other weights. */
  public EmbeddingRecipe withWeights(double velocityScale, double egoWeight) {
    return new EmbeddingRecipe(source, slices, lonCells, latCells, lonMin, lonMax, latMin, latMax, velocityScale, egoWeight);
  }
}
