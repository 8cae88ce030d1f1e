package dev.fleetmine.vector.embed;

import dev.fleetmine.query.Clip;
import java.util.List;

/**
 * Windows and their vectors, in the same order.
 *
 * @param windows the windows (score 0, no matches)
 * @param vectors one L2-normalised vector per window (all zeros when the window has nothing in it)
 */
public record WindowEmbeddings(List<Clip> windows, float[][] vectors) {
  public WindowEmbeddings {
    windows = List.copyOf(windows);
    if (windows.size() != vectors.length) {
      throw new IllegalArgumentException(windows.size() + " windows but " + vectors.length + " vectors");
    }
  }

  public int size() {
    return windows.size();
  }
}
