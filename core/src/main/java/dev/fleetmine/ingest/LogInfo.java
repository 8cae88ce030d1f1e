package dev.fleetmine.ingest;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an importer knows of a log before its rows: identity, provenance and the log-local frame.
 *
 * <p>Positions in the lake are metric and log-local: {@code x_original = x + originX} (same for y, z),
 * with no rotation, so any result can be mapped back to the source's own frame (for Argoverse 2 the
 * city frame) by adding the origin.
 *
 * @param logId         unique id within the lake (re-ingesting the same id replaces the log)
 * @param sourceFormat  importer name: av2, av2-motion, kitti, waymo, comma2k19, native, synthetic
 * @param vehicle       vehicle id or null
 * @param location      city / location code or null
 * @param frame         name of the original frame (city, enu, ego, world)
 * @param originX       x of the log-local origin in the original frame, metres
 * @param originY       y of the log-local origin in the original frame, metres
 * @param originZ       z of the log-local origin in the original frame, metres
 * @param egoPoseKnown  false when the source has no ego poses: objects are then given in the ego frame
 * @param mapFile       the source's vector map file to keep with the log, or null
 * @param metadata      free string metadata, stored as a JSON object
 */
public record LogInfo(String logId, String sourceFormat, String vehicle, String location, String frame,
    double originX, double originY, double originZ, boolean egoPoseKnown, Path mapFile,
    Map<String, String> metadata) {
  public LogInfo {
    requireNonNull(logId, "logId is null");
    requireNonNull(sourceFormat, "sourceFormat is null");
    requireNonNull(frame, "frame is null");
    requireNonNull(metadata, "metadata is null");
    if (logId.isBlank()) {
      throw new IllegalArgumentException("logId is blank");
    }
    // sorted by key, so the stored JSON is the same bytes on every run (Map.copyOf alone iterates in a
    // per-JVM random order); Map.copyOf still rejects null keys and values
    metadata = Collections.unmodifiableSortedMap(new TreeMap<>(Map.copyOf(metadata)));
  }

  /** A log whose positions are already log-local (origin 0) with known ego poses. */
  public static LogInfo of(String logId, String sourceFormat, String location) {
    return new LogInfo(logId, sourceFormat, null, location, "world", 0, 0, 0, true, null, Map.of());
  }

  public LogInfo withOrigin(String frame, double x, double y, double z) {
    return new LogInfo(logId, sourceFormat, vehicle, location, frame, x, y, z, egoPoseKnown, mapFile, metadata);
  }

  public LogInfo withMap(Path map) {
    return new LogInfo(logId, sourceFormat, vehicle, location, frame, originX, originY, originZ, egoPoseKnown, map, metadata);
  }

  public LogInfo withVehicle(String v) {
    return new LogInfo(logId, sourceFormat, v, location, frame, originX, originY, originZ, egoPoseKnown, mapFile, metadata);
  }

  public LogInfo withMetadata(Map<String, String> m) {
    return new LogInfo(logId, sourceFormat, vehicle, location, frame, originX, originY, originZ, egoPoseKnown, mapFile, m);
  }

  public LogInfo withoutEgoPose() {
    return new LogInfo(logId, sourceFormat, vehicle, location, "ego", 0, 0, 0, false, mapFile, metadata);
  }
}
