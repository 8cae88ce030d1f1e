package dev.fleetmine.ingest.forecast;

import dev.fleetmine.Fleetmine;
import dev.fleetmine.ingest.Category;
import dev.fleetmine.ingest.EgoSample;
import dev.fleetmine.ingest.LogInfo;
import dev.fleetmine.ingest.LogSink;
import dev.fleetmine.ingest.ObjectSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A hand-built lake whose constant-velocity errors are known exactly. Frames are 125 ms apart (exact in
 * binary) and positions multiples of 0.25 m, so every forecast position is computed without rounding.
 *
 * <ul>
 *   <li>log {@code L}, frames k = 0..40 (t = k/8 s): car {@code a} at (0.5 k, 10) moving (4, 0) m/s all along;
 *       pedestrian {@code b} from k = 7: (3.5, 0) and (4, 0) moving (4, 0), then turning left:
 *       (4, 0.5 (k - 8)) moving (0, 4) for k = 9..32.</li>
 *   <li>log {@code M}, frames k = 0..16: cyclist {@code c} at (0.25 k, -0.25 k) moving (2, -2).</li>
 * </ul>
 */
public final class ForecastTestLakes {
  /** Nanoseconds per frame. */
  public static final long FRAME = 125_000_000L;

  private ForecastTestLakes() {}

  /** Creates the lake under {@code root}. */
  public static Fleetmine build(Path root) {
    Fleetmine fm = Fleetmine.open(root);
    fm.write("hand-built", ForecastTestLakes::write);
    return fm;
  }

  private static void write(LogSink sink) {
    sink.beginLog(LogInfo.of("L", "native", null));
    for (int k = 0; k <= 40; k++) {
      sink.ego(EgoSample.pose(k * FRAME, 0, 0, 0, 0));
      sink.object(object(k, "a", Category.CAR, 0.5 * k, 10, 4, 0));
      if (k >= 7 && k <= 8) {
        sink.object(object(k, "b", Category.PEDESTRIAN, 0.5 * k, 0, 4, 0));
      } else if (k > 8 && k <= 32) {
        sink.object(object(k, "b", Category.PEDESTRIAN, 4, 0.5 * (k - 8), 0, 4));
      }
    }
    sink.endLog();
    sink.beginLog(LogInfo.of("M", "native", null));
    for (int k = 0; k <= 16; k++) {
      sink.ego(EgoSample.pose(k * FRAME, 0, 0, 0, 0));
      sink.object(object(k, "c", Category.CYCLIST, 0.25 * k, -0.25 * k, 2, -2));
    }
    sink.endLog();
  }

  private static ObjectSample object(int k, String track, Category c, double x, double y, double vx, double vy) {
    return new ObjectSample(k * FRAME, ObjectSample.GROUND_TRUTH, track, c, c.sqlName(), x, y, 0, 1, 1, 1,
        0, vx, vy, Double.NaN);
  }

  /** Writes a forecast CSV with the given data lines under the standard header. */
  public static Path csv(Path dir, String name, String header, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, header + "\n" + String.join("\n", lines) + (lines.length == 0 ? "" : "\n"));
    return file;
  }

  /** The header of a forecast CSV with every column. */
  public static final String HEADER = "log_id,ts_ns,track_id,mode,probability,target_ts_ns,x,y";
}
