package dev.fleetmine.label;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The annotation tool formats a batch is exported to and imported from (docs/curation.md#labeling). */
public enum LabelFormat {
  /** ASAM OpenLABEL 1.0 JSON, one file per clip. */
  OPENLABEL("openlabel"),
  /** CVAT XML 1.1 (the "CVAT for images" layout) with 3D cuboids as {@code cuboid_3d} elements, one file per batch. */
  CVAT("cvat"),
  /** Label Studio tasks JSON, one task per frame, boxes as bird's-eye-view rotated rectangles. */
  LABELSTUDIO("labelstudio");

  private final String cliName;

  LabelFormat(String cliName) {
    this.cliName = cliName;
  }

  public String cliName() {
    return cliName;
  }

  /** Parses a format name; the message lists the valid ones. */
  public static LabelFormat parse(String s) {
    for (LabelFormat f : values()) {
      if (f.cliName.equals(s == null ? null : s.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown label format '" + s + "'; valid: "
        + Arrays.stream(values()).map(LabelFormat::cliName).collect(Collectors.joining(", ")));
  }
}
