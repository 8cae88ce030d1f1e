package dev.fleetmine.eval.coco;

import java.util.Objects;

/**
 * One entry of a COCO file's {@code categories}.
 *
 * @param id   category id
 * @param name its name (empty when the file gives none)
 */
public record CocoCategory(long id, String name) {
  public CocoCategory {
    Objects.requireNonNull(name, "name");
  }
}
