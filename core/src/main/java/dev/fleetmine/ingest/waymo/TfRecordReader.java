package dev.fleetmine.ingest.waymo;

import dev.fleetmine.ingest.IngestException;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Streams the records of one TFRecord file, verifying both checksums of every record.
 *
 * <p>Framing of each record: {@code u64 length} (little-endian), {@code u32 masked crc32c(length bytes)},
 * {@code length} data bytes, {@code u32 masked crc32c(data)}. A file that ends inside a record, a length
 * larger than the rest of the file, or a checksum mismatch is an {@link IngestException} naming the file,
 * the record index and its byte offset. Only one record is held in memory at a time.
 */
public final class TfRecordReader implements Closeable {
  private static final int HEADER_BYTES = 12;
  private static final int FOOTER_BYTES = 4;
  private static final int MASK_DELTA = 0xa282ead8;
  /** Java arrays stop just short of 2 GiB; real Waymo scenarios are a few MB. */
  private static final long MAX_RECORD_BYTES = Integer.MAX_VALUE - 16;

  private final Path file;
  private final long size;
  private final InputStream in;
  private long index;
  private long offset;

  private TfRecordReader(Path file, long size, InputStream in) {
    this.file = file;
    this.size = size;
    this.in = in;
  }

  /** Opens {@code file}; an unreadable file is an {@link IngestException}. */
  public static TfRecordReader open(Path file) {
    try {
      long size = Files.size(file);
      return new TfRecordReader(file, size, new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    } catch (IOException e) {
      throw new IngestException(file, "", "cannot open TFRecord file: " + e.getMessage(), e);
    }
  }

  /** The next record, or null at the clean end of the file (which must fall on a record boundary). */
  public TfRecord next() {
    try {
      byte[] header = in.readNBytes(HEADER_BYTES);
      if (header.length == 0) {
        return null;
      }
      String where = "record " + index + " at byte " + offset;
      if (header.length < HEADER_BYTES) {
        throw truncated(where, "a " + HEADER_BYTES + "-byte record header", header.length);
      }
      ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
      long length = h.getLong(0);
      checkCrc(where, "length", maskedCrc32c(header, 0, 8), h.getInt(8));
      long left = size - offset - HEADER_BYTES;
      if (length < 0 || length > left - FOOTER_BYTES) {
        throw new IngestException(file, where, "truncated file: record length " + Long.toUnsignedString(length)
            + " plus its 4-byte checksum exceeds the " + left + " bytes left in the file");
      }
      if (length > MAX_RECORD_BYTES) {
        throw new IngestException(file, where, "record length " + length + " exceeds the supported maximum of "
            + MAX_RECORD_BYTES + " bytes");
      }
      byte[] data = in.readNBytes((int) length);
      byte[] footer = in.readNBytes(FOOTER_BYTES);
      if (data.length < length || footer.length < FOOTER_BYTES) {
        throw truncated(where, length + " data bytes and a 4-byte checksum", data.length + footer.length);
      }
      int stored = ByteBuffer.wrap(footer).order(ByteOrder.LITTLE_ENDIAN).getInt();
      checkCrc(where, "data", maskedCrc32c(data, 0, data.length), stored);
      TfRecord record = new TfRecord(index, offset, data);
      index++;
      offset += HEADER_BYTES + length + FOOTER_BYTES;
      return record;
    } catch (IOException e) {
      throw new IngestException(file, "record " + index + " at byte " + offset, "cannot read: " + e.getMessage(), e);
    }
  }

  /** Bytes consumed so far (the offset of the next record). */
  public long position() {
    return offset;
  }

  /** The TFRecord checksum: CRC-32C rotated right by 15 bits plus a constant, so CRCs of CRCs stay distinct. */
  public static int maskedCrc32c(byte[] bytes, int off, int len) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, off, len);
    int c = (int) crc.getValue();
    return ((c >>> 15) | (c << 17)) + MASK_DELTA;
  }

  private void checkCrc(String where, String what, int computed, int stored) {
    if (computed != stored) {
      throw new IngestException(file, where, "checksum mismatch in the " + what + " CRC: stored 0x"
          + Integer.toHexString(stored) + ", computed 0x" + Integer.toHexString(computed)
          + "; the file is corrupt or not a TFRecord file");
    }
  }

  private IngestException truncated(String where, String expected, int got) {
    return new IngestException(file, where, "truncated file: expected " + expected + ", found only " + got
        + " bytes before the end of the file");
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
