package dev.fleetmine.dataset;

import java.util.Locale;

/**
 * Why an export did not write a label of the version: every box a format cannot or need not hold is
 * counted under one of these in the export's manifest ({@link ExportManifest#leftOut}), so that boxes
 * written plus boxes left out is the version's labels of the exported members.
 */
public enum LeftOut {
  /**
   * KITTI: a box already written for another member of the same log whose clip overlaps this one (same
   * frame, track, category and position); label_02 has one line per frame and track, so it is written once.
   */
  OVERLAPPING_MEMBER("the same box is already written for an overlapping member of its log (KITTI writes one line per"
      + " frame and track)"),
  /**
   * OpenLABEL: a second box of the same track and category in the same frame of one member; OpenLABEL keys a
   * frame's objects by object, so only the last of them can be written.
   */
  SAME_OBJECT_IN_FRAME("another box of the same track and category in the same frame of the member (OpenLABEL holds one"
      + " box per object and frame)"),
  /** KITTI and OpenLABEL: a 2D box of a COCO image member; these formats hold 3D boxes of drive logs. */
  IMAGE_BOX_2D("a 2D box of a COCO image member (this format holds 3D boxes; export COCO or Parquet for them)"),
  /** COCO: a 3D box of a drive-log member; COCO instances hold 2D boxes of images. */
  CUBOID_3D("a 3D box of a drive-log member (COCO holds 2D image boxes; export KITTI, OpenLABEL or Parquet for them)");

  private final String why;

  LeftOut(String why) {
    this.why = why;
  }

  /** The reason as the manifest names it: {@code overlapping_member}, {@code image_box_2d}, ... */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** One sentence for people: what such a box is and why the format leaves it out. */
  public String why() {
    return why;
  }

  /** The reason of a manifest id; unknown ids are an error naming the known ones. */
  public static LeftOut parse(String id) {
    for (LeftOut r : values()) {
      if (r.id().equals(id)) {
        return r;
      }
    }
    throw new IllegalArgumentException("left-out reason '" + id + "': expected one of "
        + java.util.Arrays.stream(values()).map(LeftOut::id).toList());
  }
}
