package dev.fleetmine.ingest.waymo;

import static java.util.Objects.requireNonNull;

/**
 * One record of a TFRecord file, with where it was found so that errors can point at it.
 *
 * @param index  0-based position of the record in its file
 * @param offset byte offset of the record's length header in its file
 * @param data   the record's payload (CRC already verified)
 */
public record TfRecord(long index, long offset, byte[] data) {
  public TfRecord {
    requireNonNull(data, "data is null");
  }

  /** "record N at byte M", the location used in error messages. */
  public String where() {
    return "record " + index + " at byte " + offset;
  }
}
