package dev.fleetmine.ingest.npy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleetmine.TestLakes;
import dev.fleetmine.ingest.IngestException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NpyReaderTest {
  static final Path SEGMENT = TestLakes.sharedData().resolve("comma2k19/segment-2018-08-02--08-34-47-40");
  static final Path FILE = Path.of("test.npy");

  /** An NPY file as NumPy writes it: magic, version, padded header ending in a newline, data. */
  static byte[] npy(int major, String dict, byte[] data) {
    int prefix = major == 1 ? 10 : 12;
    StringBuilder header = new StringBuilder(dict);
    while ((prefix + header.length() + 1) % 64 != 0) {
      header.append(' ');
    }
    header.append('\n');
    ByteBuffer b = ByteBuffer.allocate(prefix + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
    if (major == 1) {
      b.putShort((short) header.length());
    } else {
      b.putInt(header.length());
    }
    b.put(header.toString().getBytes(StandardCharsets.UTF_8)).put(data);
    return b.array();
  }

  static byte[] bytes(ByteOrder order, int capacity, java.util.function.Consumer<ByteBuffer> fill) {
    ByteBuffer b = ByteBuffer.allocate(capacity).order(order);
    fill.accept(b);
    return b.array();
  }

  @Test
  void readsRealComma2k19Arrays() {
    NpyArray times = NpyReader.read(SEGMENT.resolve("global_pose/frame_times"));
    assertThat(times.shape()).containsExactly(1200);
    assertThat(times.dtype().descr()).isEqualTo("<f8");
    assertThat(times.getDouble(0)).isEqualTo(46408.547498);
    assertThat(times.getDouble(1199)).isEqualTo(46468.496658);
    NpyArray pos = NpyReader.read(SEGMENT.resolve("global_pose/frame_positions"));
    assertThat(pos.shape()).containsExactly(1200, 3);
    assertThat(pos.getDouble(0, 0)).isEqualTo(-2712087.5168089615);
    assertThat(pos.getDouble(0, 2)).isEqualTo(3881014.4539216976);
    NpyArray src = NpyReader.read(SEGMENT.resolve("processed_log/CAN/raw_can/src"));
    assertThat(src.dtype().descr()).isEqualTo("<i8");
    long sum = 0;
    for (long i = 0; i < src.size(); i++) {
      sum += src.getLong(i);
    }
    assertThat(sum).isEqualTo(4762738L); // numpy: src.sum()
    assertThat(src.getLong(2)).isEqualTo(128L);
  }

  @Test
  void fortranOrderIsReadInCOrder() {
    // [[1, 2, 3], [4, 5, 6]] stored column by column as int32.
    byte[] data = bytes(ByteOrder.LITTLE_ENDIAN, 24, b -> List.of(1, 4, 2, 5, 3, 6).forEach(b::putInt));
    NpyArray a = NpyReader.parse(FILE, npy(1, "{'descr': '<i4', 'fortran_order': True, 'shape': (2, 3), }", data));
    assertThat(a.toDoubleArray()).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(a.getDouble(1, 0)).isEqualTo(4);
  }

  @Test
  void version2BigEndianAndSmallTypes() {
    byte[] f4 = bytes(ByteOrder.BIG_ENDIAN, 8, b -> b.putFloat(1.5f).putFloat(-2.25f));
    NpyArray a = NpyReader.parse(FILE, npy(2, "{'descr': '>f4', 'fortran_order': False, 'shape': (2,)}", f4));
    assertThat(a.toDoubleArray()).containsExactly(1.5, -2.25);
    NpyArray u1 = NpyReader.parse(FILE, npy(1, "{\"descr\": \"|u1\", \"fortran_order\": False, \"shape\": (3,)}",
        new byte[] {0, (byte) 200, 7}));
    assertThat(u1.toDoubleArray()).containsExactly(0, 200, 7);
    NpyArray scalar = NpyReader.parse(FILE, npy(3, "{'descr': '|b1', 'fortran_order': False, 'shape': ()}",
        new byte[] {1}));
    assertThat(scalar.rank()).isZero();
    assertThat(scalar.getDouble(0)).isEqualTo(1);
  }

  @Test
  void truncatedAndOverlongData() {
    byte[] data = new byte[40];
    String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }";
    assertThatThrownBy(() -> NpyReader.parse(FILE, npy(1, dict, data))).isInstanceOf(IngestException.class)
        .hasMessage("test.npy: data: truncated: shape (2, 3) of <f8 needs 48 data bytes, the file has 40");
    assertThatThrownBy(() -> NpyReader.parse(FILE, npy(1, dict, new byte[56])))
        .hasMessage("test.npy: data: trailing bytes: shape (2, 3) of <f8 needs 48 data bytes, the file has 56");
  }

  @Test
  void unsupportedDtypesAreNamed() {
    Path raw = SEGMENT.resolve("processed_log/CAN/raw_can/data");
    assertThatThrownBy(() -> NpyReader.read(raw)).isInstanceOf(IngestException.class)
        .hasMessage(raw + ": header: descr: unsupported dtype '|S8'; expected one of " + NpyDtype.SUPPORTED);
    String structured = "{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }";
    assertThatThrownBy(() -> NpyReader.parse(FILE, npy(1, structured, new byte[8])))
        .hasMessageStartingWith("test.npy: header at character 10: expected a string, a tuple, True or False");
    String object = "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }";
    assertThatThrownBy(() -> NpyReader.parse(FILE, npy(1, object, new byte[8])))
        .hasMessageStartingWith("test.npy: header: descr: unsupported dtype '|O'");
  }

  @Test
  void malformedContainer() {
    assertThatThrownBy(() -> NpyReader.parse(FILE, "not numpy at all".getBytes(StandardCharsets.US_ASCII)))
        .hasMessage("test.npy: magic: not an NPY file: expected the bytes \\x93NUMPY at offset 0");
    byte[] v4 = npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (0,), }", new byte[0]);
    v4[6] = 4;
    assertThatThrownBy(() -> NpyReader.parse(FILE, v4))
        .hasMessage("test.npy: version: unsupported NPY version 4.0; expected 1.0, 2.0 or 3.0");
    assertThatThrownBy(() -> NpyReader.parse(FILE, npy(1, "{'descr': '<f8', 'shape': (1,), }", new byte[8])))
        .hasMessage("test.npy: header: expected exactly the keys descr, fortran_order, shape; got [descr, shape]");
    byte[] cut = npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", new byte[8]);
    assertThatThrownBy(() -> NpyReader.parse(FILE, java.util.Arrays.copyOf(cut, 40)))
        .hasMessage("test.npy: header: truncated: header of 118 bytes, but the file has 30 bytes after the header"
            + " length");
    assertThatThrownBy(() -> NpyReader.parse(FILE, npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (-1,)}",
        new byte[8]))).hasMessageStartingWith("test.npy: header at character 51: expected a non-negative integer");
  }

  @Test
  void requireShapeNamesBothShapes() {
    NpyArray pos = NpyReader.read(SEGMENT.resolve("global_pose/frame_positions"));
    assertThat(pos.requireShape(-1, 3)).isSameAs(pos);
    assertThatThrownBy(() -> pos.requireShape(1200, 4)).isInstanceOf(IngestException.class)
        .hasMessage(SEGMENT.resolve("global_pose/frame_positions") + ": shape: expected an array of shape (1200, 4),"
            + " got (1200, 3)");
  }

  @Test
  void writerHelperMatchesNumpyPadding() {
    // Guard for the helper itself: NumPy pads so that the data starts on a 64-byte boundary.
    assertThat(npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (0,), }", new byte[0]).length % 64)
        .isZero();
  }
}
