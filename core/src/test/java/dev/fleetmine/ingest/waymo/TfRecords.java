package dev.fleetmine.ingest.waymo;

import dev.fleetmine.TestLakes;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/** Test helpers: the real Waymo sample and TFRecord framing of arbitrary payloads. */
final class TfRecords {
  private TfRecords() {}

  /** The one-scenario sample in ../shared/data (never modified by tests). */
  static Path sample() {
    return TestLakes.sharedData().resolve("waymo-motion/motion_data_one_scenario.tfrecord");
  }

  /** {@code payloads} framed as TFRecord records with correct checksums. */
  static byte[] frame(byte[]... payloads) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] data : payloads) {
      ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(data.length);
      header.putInt(8, TfRecordReader.maskedCrc32c(header.array(), 0, 8));
      out.writeBytes(header.array());
      out.writeBytes(data);
      out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
          .putInt(TfRecordReader.maskedCrc32c(data, 0, data.length)).array());
    }
    return out.toByteArray();
  }
}
