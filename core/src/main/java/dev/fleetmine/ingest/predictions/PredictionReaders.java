package dev.fleetmine.ingest.predictions;

import dev.fleetmine.ingest.ObjectSample;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The one entry point of the prediction readers, by format name, for the CLI's {@code predictions add}. */
public final class PredictionReaders {
  /** The formats {@link #read} accepts. */
  public static final List<String> FORMATS = List.of("kitti", "native");

  private PredictionReaders() {}

  /**
   * Reads a model's predictions.
   *
   * @param format   {@code kitti} ({@link KittiDetections}) or {@code native} ({@link NativePredictions})
   * @param inputs   for kitti, detection directories or {@code <Class>/<seq>.txt} files; for native, .csv or
   *                 .parquet files
   * @param model    the rows' source: the model as name or name@version
   * @param calibDir kitti only: the folder of the calibration files, or null for {@code calib/} beside each
   *                 detection directory; must be null for native
   * @return log id to that log's predictions, sorted by log id
   * @throws IllegalArgumentException for an unknown format, or a calibration folder given to native
   */
  public static Map<String, List<ObjectSample>> read(String format, List<Path> inputs, String model, Path calibDir) {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("no input files given");
    }
    return switch (format) {
      case "kitti" -> KittiDetections.read(inputs, model, calibDir);
      case "native" -> {
        if (calibDir != null) {
          throw new IllegalArgumentException("--calib applies to the kitti format only; native predictions are"
              + " already in the log-local frame");
        }
        yield NativePredictions.read(inputs, model);
      }
      default -> throw new IllegalArgumentException("unknown predictions format '" + format + "'; expected one of "
          + String.join(", ", FORMATS));
    };
  }
}
