package dev.fleetmine.ingest;

import dev.fleetmine.ingest.av2.Av2MotionImporter;
import dev.fleetmine.ingest.av2.Av2SensorImporter;
import dev.fleetmine.ingest.comma2k19.Comma2k19Importer;
import dev.fleetmine.ingest.kitti.KittiTrackingImporter;
import dev.fleetmine.ingest.nativefmt.NativeImporter;
import dev.fleetmine.ingest.waymo.WaymoMotionImporter;
import java.util.List;
import java.util.stream.Collectors;

/** The importers Fleetmine ships, by format name; an explicit list, no classpath scanning. */
public final class Importers {
  private Importers() {}

  /** Every shipped importer in the order the CLI lists them. */
  public static List<Importer> all() {
    return List.of(new Av2SensorImporter(), new Av2MotionImporter(), new KittiTrackingImporter(),
        new WaymoMotionImporter(), new Comma2k19Importer(), new NativeImporter());
  }

  /** The importer for {@code format}, or an error that lists the known formats. */
  public static Importer byFormat(String format) {
    return all().stream().filter(i -> i.format().equals(format)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown format '" + format + "'; expected one of "
            + all().stream().map(Importer::format).collect(Collectors.joining(", "))));
  }
}
