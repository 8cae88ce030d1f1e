package dev.fleetmine.ingest.comma2k19;

import dev.fleetmine.ingest.EgoSample;
import dev.fleetmine.ingest.Importer;
import dev.fleetmine.ingest.IngestException;
import dev.fleetmine.ingest.LogInfo;
import dev.fleetmine.ingest.LogSink;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.ingest.npy.NpyArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Imports comma2k19 segments (one minute of driving each) as ego-only logs.
 *
 * <p>Poses come from {@code global_pose/} (ECEF positions and body-to-ECEF quaternions at 20 Hz) and are
 * rotated into a local east-north-up frame anchored at the segment's first position; speed is the CAN
 * vehicle speed interpolated to the pose times. See docs/formats/comma2k19.md.
 */
public final class Comma2k19Importer implements Importer {
  /** CAN speed may be extrapolated (held) this far past its first or last sample, seconds. */
  static final double SPEED_HOLD_S = 0.25;
  private static final String MARKER = "global_pose/frame_times";
  private static final int MAX_SEARCH_DEPTH = 6;

  @Override
  public String format() {
    return "comma2k19";
  }

  @Override
  public String description() {
    return "comma2k19 segments (global_pose + CAN speed NPY arrays): ego-only logs in a local ENU frame";
  }

  @Override
  public void read(List<Path> inputs, LogSink sink, Progress progress) {
    List<Path> segments = new ArrayList<>(findSegments(inputs));
    progress.start("comma2k19 segments", segments.size());
    for (Path segment : segments) {
      readSegment(segment, sink);
      progress.advance(1);
    }
    progress.finish();
  }

  /** Segment directories under the inputs (an input may itself be one), sorted and de-duplicated. */
  static List<Path> findSegments(List<Path> inputs) {
    TreeSet<Path> found = new TreeSet<>();
    for (Path input : inputs) {
      Path in = input.toAbsolutePath().normalize();
      if (!Files.isDirectory(in)) {
        throw new IngestException(in, "", "expected a comma2k19 segment directory (with " + MARKER
            + ") or a directory above segments");
      }
      int before = found.size();
      try (Stream<Path> walk = Files.walk(in, MAX_SEARCH_DEPTH)) {
        walk.filter(p -> Files.isRegularFile(p.resolve(MARKER))).forEach(found::add);
      } catch (IOException | UncheckedIOException e) {
        throw new IngestException(in, "", "cannot list directory: " + e.getMessage(), e);
      }
      if (found.size() == before) {
        throw new IngestException(in, "", "no comma2k19 segment found: expected a directory containing "
            + MARKER + " (searched " + MAX_SEARCH_DEPTH + " levels deep)");
      }
    }
    return List.copyOf(found);
  }

  /** The log id of a segment directory; numbered segments in the original chunk layout get their route. */
  static String logId(Path segment) {
    String name = segment.getFileName().toString();
    Path parent = segment.getParent();
    if (name.matches("\\d+") && parent != null && parent.getFileName() != null) {
      // Chunk_N/<dongle>|<route>/<segment number>/: the bare number is not unique across routes.
      name = parent.getFileName().toString().replace('|', '_') + "--" + name;
    }
    return "comma2k19-" + name;
  }

  /** The dongle (device) id in the original layout {@code <dongle>|<route>/<n>/}, or null. */
  private static String dongleId(Path segment) {
    Path parent = segment.getParent();
    if (parent == null || parent.getFileName() == null) {
      return null;
    }
    String p = parent.getFileName().toString();
    int bar = p.indexOf('|');
    return bar > 0 && segment.getFileName().toString().matches("\\d+") ? p.substring(0, bar) : null;
  }

  private void readSegment(Path segment, LogSink sink) {
    SegmentArrays a = SegmentArrays.read(segment);
    int n = a.times().length;
    LocalEnu enu = LocalEnu.at(a.positions().getDouble(0, 0), a.positions().getDouble(0, 1),
        a.positions().getDouble(0, 2));
    LogInfo info = LogInfo.of(logId(segment), format(), null)
        .withOrigin("ecef-enu", 0, 0, 0)
        .withMetadata(metadata(segment, a, enu));
    String dongle = dongleId(segment);
    if (dongle != null) {
      info = info.withVehicle(dongle);
    }
    sink.beginLog(info);
    SpeedSeries speed = new SpeedSeries(a.canTimes(), a.canSpeeds(), SPEED_HOLD_S);
    NpyArray pos = a.positions();
    NpyArray q = a.orientations();
    for (int i = 0; i < n; i++) {
      double[] p = enu.toEnu(pos.getDouble(i, 0), pos.getDouble(i, 1), pos.getDouble(i, 2));
      double yaw = enu.yawOf(q.getDouble(i, 0), q.getDouble(i, 1), q.getDouble(i, 2), q.getDouble(i, 3));
      long ts = Math.round(a.times()[i] * 1e9);
      sink.ego(new EgoSample(ts, p[0], p[1], p[2], yaw, speed.at(a.times()[i])));
    }
    sink.endLog();
  }

  private static Map<String, String> metadata(Path segment, SegmentArrays a, LocalEnu enu) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("segment", segment.getFileName().toString());
    m.put("frame", "local ENU tangent plane at the first global_pose/frame_positions sample"
        + " (x east, y north, z up); a rotation of ECEF, not a translation");
    m.put("ecef_origin_x", Double.toString(enu.originX()));
    m.put("ecef_origin_y", Double.toString(enu.originY()));
    m.put("ecef_origin_z", Double.toString(enu.originZ()));
    m.put("origin_lat_deg", Double.toString(enu.latDeg()));
    m.put("origin_lon_deg", Double.toString(enu.lonDeg()));
    m.put("origin_height_m", Double.toString(enu.heightM()));
    m.put("time_base", "global_pose/frame_times: seconds on the device's monotonic clock");
    m.put("speed_source", "processed_log/CAN/speed (m/s), linearly interpolated to frame_times");
    if (a.gpsWeek() >= 0) {
      m.put("gps_week", Long.toString(a.gpsWeek()));
      m.put("gps_time_of_week_s", Double.toString(a.gpsTimeOfWeek()));
    }
    return m;
  }

  /** CAN speed as a piecewise-linear function of time. */
  record SpeedSeries(double[] t, double[] v, double holdS) {
    /** Speed at time {@code x}, holding the end values for {@code holdS} beyond the series, else NaN. */
    double at(double x) {
      int last = t.length - 1;
      if (x <= t[0]) {
        return t[0] - x <= holdS ? v[0] : Double.NaN;
      }
      if (x >= t[last]) {
        return x - t[last] <= holdS ? v[last] : Double.NaN;
      }
      int i = Arrays.binarySearch(t, x);
      if (i >= 0) {
        return v[i];
      }
      int hi = -i - 1;
      int lo = hi - 1;
      double f = (x - t[lo]) / (t[hi] - t[lo]);
      return v[lo] + f * (v[hi] - v[lo]);
    }
  }
}
