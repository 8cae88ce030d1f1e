package dev.fleetmine.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The KITTI tracking label_02 writer of {@link DatasetExport} (docs/curation.md#exports). */
final class KittiExport {
  private KittiExport() {}

  /** The KITTI sequence name of a log: the KITTI sequence for KITTI logs, else the log id made file-safe. */
  static String sequence(Member m) {
    String log = m.logId();
    if (m.sourceFormat().equals("kitti") && log.startsWith("kitti-")) {
      return log.substring("kitti-".length());
    }
    return log.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /**
   * Writes {@code label_02/<seq>.txt} (and {@code timestamps/<seq>.txt} for non-KITTI logs) of the members'
   * boxes into {@code target}; returns the lines written. A box already written for an overlapping member
   * of its log is counted in {@code leftOut} as {@link LeftOut#OVERLAPPING_MEMBER}.
   */
  static long write(Path target, List<Member> members, Map<String, List<Box>> boxes, Path calib, Map<LeftOut, Long> leftOut)
      throws IOException {
    Map<String, List<Member>> bySeq = new TreeMap<>();
    for (Member m : members) {
      if (!m.isCoco()) {
        bySeq.computeIfAbsent(sequence(m), k -> new ArrayList<>()).add(m);
      }
    }
    long written = 0;
    for (var e : bySeq.entrySet()) {
      Member first = e.getValue().get(0);
      boolean kittiFrames = first.sourceFormat().equals("kitti");
      KittiCamera cam = kittiFrames && !first.egoPoseKnown() && calib != null ? KittiCamera.read(calib, e.getKey()) : null;
      // one line per (frame, track): overlapping members of a log share their boxes
      TreeMap<Long, TreeMap<String, String>> lines = new TreeMap<>();
      Map<String, Integer> trackNumbers = new LinkedHashMap<>();
      for (Member m : e.getValue()) {
        for (Box b : boxes.get(m.clipId())) {
          String track = b.trackId() == null ? "-1" : b.trackId().matches("[0-9]{1,9}") ? b.trackId()
              : Integer.toString(trackNumbers.computeIfAbsent(b.trackId(), k -> trackNumbers.size()));
          String key = String.format(Locale.ROOT, "%010d %s %s", Long.parseLong(track) + 1, b.category(), b.x());
          TreeMap<String, String> frame = lines.computeIfAbsent(b.tsNs(), k -> new TreeMap<>());
          if (frame.putIfAbsent(key, track + " " + line(b, cam, kittiFrames)) != null) {
            leftOut.merge(LeftOut.OVERLAPPING_MEMBER, 1L, Long::sum);
          }
        }
      }
      List<Long> ts = new ArrayList<>(lines.keySet());
      StringBuilder sb = new StringBuilder();
      StringBuilder stamps = new StringBuilder();
      for (int i = 0; i < ts.size(); i++) {
        long frame = kittiFrames ? ts.get(i) / 100_000_000L : i;
        stamps.append(frame).append(' ').append(ts.get(i)).append('\n');
        for (String l : lines.get(ts.get(i)).values()) {
          sb.append(frame).append(' ').append(l).append('\n');
          written++;
        }
      }
      Path dir = Files.createDirectories(target.resolve("label_02"));
      Files.writeString(dir.resolve(e.getKey() + ".txt"), sb.toString());
      if (!kittiFrames) {
        Files.writeString(Files.createDirectories(target.resolve("timestamps")).resolve(e.getKey() + ".txt"), stamps.toString());
      }
    }
    return written;
  }

  /** The 16 columns after the frame and track id: type, truncated, occluded, alpha, bbox, h w l, x y z, ry. */
  private static String line(Box b, KittiCamera cam, boolean kittiLog) {
    String type = kittiLog ? b.rawLabel() : kittiType(b.category());
    if (cam != null) {
      double[] c = cam.point(b.x(), b.y(), b.z());
      c[1] += b.height() / 2; // KITTI gives the bottom centre, y down
      double[] d = cam.direction(Math.cos(b.yaw()), Math.sin(b.yaw()), 0);
      double ry = wrap(Math.atan2(-d[2], d[0]));
      double alpha = wrap(ry - Math.atan2(c[0], c[2]));
      double[] bb = cam.project(c, b.height(), b.width(), b.length(), ry);
      String box = bb == null ? "-1 -1 -1 -1" : String.format(Locale.ROOT, "%.6f %.6f %.6f %.6f", bb[0], bb[1], bb[2], bb[3]);
      return String.format(Locale.ROOT, "%s -1 -1 %.6f %s %.6f %.6f %.6f %.6f %.6f %.6f %.6f", type, alpha, box, b.height(),
          b.width(), b.length(), c[0], c[1], c[2], ry);
    }
    double x = b.x();
    double y = b.y();
    double z = b.z();
    double yaw = b.yaw();
    if (!Double.isNaN(b.egoX())) {
      double dx = x - b.egoX();
      double dy = y - b.egoY();
      double cos = Math.cos(b.egoYaw());
      double sin = Math.sin(b.egoYaw());
      x = cos * dx + sin * dy;
      y = -sin * dx + cos * dy;
      z = z - b.egoZ();
      yaw = wrap(yaw - b.egoYaw());
    }
    return String.format(Locale.ROOT, "%s -1 -1 -10 -1 -1 -1 -1 %.6f %.6f %.6f %.6f %.6f %.6f %.6f", type, b.height(), b.width(),
        b.length(), x, y, z - b.height() / 2, yaw);
  }

  private static String kittiType(String category) {
    return switch (category) {
      case "car" -> "Car";
      case "truck" -> "Truck";
      case "pedestrian" -> "Pedestrian";
      case "cyclist" -> "Cyclist";
      default -> category.isEmpty() ? "Misc" : Character.toUpperCase(category.charAt(0)) + category.substring(1);
    };
  }

  private static double wrap(double a) {
    while (a > Math.PI) {
      a -= 2 * Math.PI;
    }
    while (a <= -Math.PI) {
      a += 2 * Math.PI;
    }
    return a;
  }
}
