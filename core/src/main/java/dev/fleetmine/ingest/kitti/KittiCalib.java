package dev.fleetmine.ingest.kitti;

import dev.fleetmine.ingest.IngestException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The calibration of one KITTI tracking sequence, reduced to the maps the importer needs.
 *
 * <p>Accepts both spellings in circulation: the object-benchmark style ({@code R0_rect:},
 * {@code Tr_velo_to_cam:}, {@code Tr_imu_to_velo:}, used by the AB3DMOT copy in shared/data) and the
 * tracking devkit style ({@code R_rect}, {@code Tr_velo_cam}, {@code Tr_imu_velo}).
 *
 * @param file        the calibration file
 * @param veloFromCam rectified camera coordinates to velodyne coordinates: inverse(R0_rect * Tr_velo_to_cam)
 * @param imuFromVelo velodyne to IMU (GPS/IMU, oxts) coordinates, or null when the file has no Tr_imu_to_velo
 */
record KittiCalib(Path file, Affine3 veloFromCam, Affine3 imuFromVelo) {
  private static final List<String> RECT = List.of("R0_rect", "R_rect");
  private static final List<String> VELO_TO_CAM = List.of("Tr_velo_to_cam", "Tr_velo_cam");
  private static final List<String> IMU_TO_VELO = List.of("Tr_imu_to_velo", "Tr_imu_velo");

  /** Reads {@code calib/<seq>.txt}; a missing file is an error naming the path. */
  static KittiCalib read(Path file, String sequence) {
    if (!Files.isRegularFile(file)) {
      throw new IngestException(file, "", "calibration file of sequence " + sequence
          + " does not exist; expected it beside label_02 as calib/" + sequence + ".txt");
    }
    Map<String, double[]> values = new HashMap<>();
    List<String> lines = Fields.lines(file, "calibration file");
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] tokens = line.split("\\s+");
      String key = tokens[0].endsWith(":") ? tokens[0].substring(0, tokens[0].length() - 1) : tokens[0];
      double[] v = new double[tokens.length - 1];
      for (int j = 1; j < tokens.length; j++) {
        v[j - 1] = Fields.number(file, i + 1, key + "[" + (j - 1) + "]", tokens[j]);
      }
      values.put(key, v);
    }
    Affine3 rect = Affine3.linear(matrix(file, values, RECT, 9));
    Affine3 veloToCam = new Affine3(matrix(file, values, VELO_TO_CAM, 12));
    Affine3 veloFromCam = invert(file, rect.compose(veloToCam), "R0_rect * Tr_velo_to_cam");
    Affine3 imuFromVelo = present(values, IMU_TO_VELO) == null ? null
        : invert(file, new Affine3(matrix(file, values, IMU_TO_VELO, 12)), IMU_TO_VELO.get(0));
    return new KittiCalib(file, veloFromCam, imuFromVelo);
  }

  /** The IMU map, which only oxts-based poses need; its absence is then an error. */
  Affine3 requireImuFromVelo() {
    if (imuFromVelo == null) {
      throw new IngestException(file, "key " + IMU_TO_VELO.get(0), "missing: expected a line '"
          + IMU_TO_VELO.get(0) + ": 12 numbers' (or " + IMU_TO_VELO.get(1) + ") because an oxts file is present");
    }
    return imuFromVelo;
  }

  /** The n numbers of the first of {@code keys} (alternative spellings) that the file has. */
  private static double[] matrix(Path file, Map<String, double[]> values, List<String> keys, int n) {
    String key = present(values, keys);
    if (key == null) {
      throw new IngestException(file, "key " + keys.get(0), "missing: expected a line '" + keys.get(0) + ": "
          + n + " numbers' (or " + keys.get(1) + ")");
    }
    double[] v = values.get(key);
    if (v.length != n) {
      throw new IngestException(file, "key " + key, "expected " + n + " numbers, got " + v.length);
    }
    return v;
  }

  private static String present(Map<String, double[]> values, List<String> keys) {
    return keys.stream().filter(values::containsKey).findFirst().orElse(null);
  }

  private static Affine3 invert(Path file, Affine3 a, String what) {
    try {
      return a.inverse();
    } catch (IllegalArgumentException e) {
      throw new IngestException(file, what, "cannot be inverted: " + e.getMessage());
    }
  }
}
