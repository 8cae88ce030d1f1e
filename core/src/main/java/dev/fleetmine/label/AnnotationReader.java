package dev.fleetmine.label;

import java.nio.file.Path;
import java.util.Map;

/** Reads completed annotations of one tool format back into boxes and tags (one implementation per format). */
interface AnnotationReader {
  /**
   * Reads {@code file} (its {@code bytes}) into {@code out}, adding a problem for everything that does not
   * fit the format or the batch's frames; {@code coordinateSystems} gives each log's coordinate system
   * ({@code log_local}, or {@code ego} for logs without ego poses).
   */
  void read(Path file, byte[] bytes, LabelBatch batch, Map<String, String> coordinateSystems, Parsed out);
}
