package dev.fleetmine.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes one member of a dataset as an OpenLABEL JSON file. The export goes through this interface so
 * that another OpenLABEL writer (the label package's) can replace {@link MinimalOpenLabelWriter}.
 */
public interface OpenLabelWriter {
  /**
   * One clip to write.
   *
   * @param name  the scene's name (the clip id)
   * @param frame the name of the frame the boxes are in (log-local, or the ego frame)
   * @param boxes its boxes, in (timestamp, track) order
   * @param tags  its scenario tags
   */
  record Scene(String name, String frame, List<Box> boxes, List<String> tags) {
    public Scene {
      boxes = List.copyOf(boxes);
      tags = List.copyOf(tags);
    }
  }

  void write(Scene scene, Path file) throws IOException;
}
