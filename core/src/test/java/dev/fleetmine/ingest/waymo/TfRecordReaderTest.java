package dev.fleetmine.ingest.waymo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleetmine.ingest.IngestException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfRecordReaderTest {
  private static final int SAMPLE_BYTES = 952_963;
  private static final int SAMPLE_RECORD_BYTES = 952_947;

  @TempDir
  Path dir;

  @Test
  void masksTheCrc32cCheckValue() {
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    // CRC-32C("123456789") is the standard check value 0xe3069283; masked as TFRecord does.
    assertThat(TfRecordReader.maskedCrc32c(check, 0, check.length)).isEqualTo(0xc78ab0e5);
    assertThat(TfRecordReader.maskedCrc32c(new byte[0], 0, 0)).isEqualTo(0xa282ead8);
  }

  @Test
  void readsTheRealSampleAsOneVerifiedRecord() throws Exception {
    assertThat(Files.size(TfRecords.sample())).isEqualTo(SAMPLE_BYTES);
    try (TfRecordReader r = TfRecordReader.open(TfRecords.sample())) {
      TfRecord rec = r.next();
      assertThat(rec.index()).isZero();
      assertThat(rec.offset()).isZero();
      assertThat(rec.data()).hasSize(SAMPLE_RECORD_BYTES);
      assertThat(r.next()).isNull();
      assertThat(r.position()).isEqualTo(SAMPLE_BYTES);
    }
  }

  @Test
  void truncatedDataNamesFileRecordAndOffset() throws Exception {
    Path cut = write("cut.tfrecord", Arrays.copyOf(sampleBytes(), 500_000));
    assertThatThrownBy(() -> readAll(cut)).isInstanceOf(IngestException.class)
        .hasMessage(cut + ": record 0 at byte 0: truncated file: record length 952947 plus its 4-byte checksum"
            + " exceeds the 499988 bytes left in the file");
  }

  @Test
  void fileEndingInsideTheDataChecksumIsTruncated() throws Exception {
    Path cut = write("cut.tfrecord", Arrays.copyOf(sampleBytes(), SAMPLE_BYTES - 2));
    assertThatThrownBy(() -> readAll(cut)).isInstanceOf(IngestException.class)
        .hasMessageContaining(cut + ": record 0 at byte 0: truncated file");
  }

  @Test
  void partialHeaderOfTheSecondRecordIsTruncated() throws Exception {
    byte[] two = Arrays.copyOf(sampleBytes(), SAMPLE_BYTES + 5);
    Path cut = write("cut.tfrecord", two);
    assertThatThrownBy(() -> readAll(cut)).isInstanceOf(IngestException.class)
        .hasMessage(cut + ": record 1 at byte " + SAMPLE_BYTES + ": truncated file: expected a 12-byte record"
            + " header, found only 5 bytes before the end of the file");
  }

  @Test
  void flippedDataChecksumByteIsDetected() throws Exception {
    byte[] b = sampleBytes();
    b[SAMPLE_BYTES - 1] ^= 0x01;
    Path bad = write("bad.tfrecord", b);
    assertThatThrownBy(() -> readAll(bad)).isInstanceOf(IngestException.class)
        .hasMessageStartingWith(bad + ": record 0 at byte 0: checksum mismatch in the data CRC");
  }

  @Test
  void flippedDataByteIsDetected() throws Exception {
    byte[] b = sampleBytes();
    b[400_000] ^= 0x40;
    Path bad = write("bad.tfrecord", b);
    assertThatThrownBy(() -> readAll(bad)).isInstanceOf(IngestException.class)
        .hasMessageContaining("record 0 at byte 0: checksum mismatch in the data CRC");
  }

  @Test
  void flippedLengthChecksumByteIsDetected() throws Exception {
    byte[] b = sampleBytes();
    b[9] ^= 0x10;
    Path bad = write("bad.tfrecord", b);
    assertThatThrownBy(() -> readAll(bad)).isInstanceOf(IngestException.class)
        .hasMessageContaining("record 0 at byte 0: checksum mismatch in the length CRC");
  }

  @Test
  void secondRecordErrorsPointAtItsOffset() throws Exception {
    byte[] framed = TfRecords.frame("first".getBytes(StandardCharsets.UTF_8), "second".getBytes(StandardCharsets.UTF_8));
    framed[framed.length - 1] ^= 0x7f;
    Path bad = write("two.tfrecord", framed);
    assertThatThrownBy(() -> readAll(bad)).isInstanceOf(IngestException.class)
        .hasMessageStartingWith(bad + ": record 1 at byte 21: checksum mismatch in the data CRC");
  }

  @Property(tries = 50)
  void framedPayloadsReadBackUnchanged(@ForAll @Size(max = 5) List<@Size(max = 300) List<Byte>> payloads)
      throws Exception {
    byte[][] raw = payloads.stream().map(TfRecordReaderTest::bytes).toArray(byte[][]::new);
    Path file = Files.createTempFile("fleetmine-tfrecord-", ".tfrecord");
    try {
      Files.write(file, TfRecords.frame(raw));
      List<byte[]> back = readAll(file);
      assertThat(back).hasSize(raw.length);
      for (int i = 0; i < raw.length; i++) {
        assertThat(back.get(i)).isEqualTo(raw[i]);
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static byte[] bytes(List<Byte> list) {
    byte[] b = new byte[list.size()];
    for (int i = 0; i < b.length; i++) {
      b[i] = list.get(i);
    }
    return b;
  }

  private static List<byte[]> readAll(Path file) {
    List<byte[]> out = new ArrayList<>();
    try (TfRecordReader r = TfRecordReader.open(file)) {
      for (TfRecord rec = r.next(); rec != null; rec = r.next()) {
        out.add(rec.data());
      }
    }
    return out;
  }

  private static byte[] sampleBytes() throws Exception {
    return Files.readAllBytes(TfRecords.sample());
  }

  private Path write(String name, byte[] bytes) throws Exception {
    return Files.write(dir.resolve(name), bytes);
  }
}
