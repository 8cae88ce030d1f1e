package dev.fleetmine.vector.embed;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes linear ONNX models without Python or the onnx package: the protobuf bytes of a ModelProto are encoded
 * by hand with {@link CodedOutputStream}, using the field numbers of onnx/onnx.proto (IR version 8, opset 13).
 * A projection fitted elsewhere (PCA, a linear probe) of the built-in features becomes a model file that
 * {@link OnnxEmbedder} runs; the tests build their models with it.
 */
public final class OnnxModels {
  /** TensorProto.DataType FLOAT. */
  private static final int FLOAT = 1;

  private OnnxModels() {}

  /**
   * Y = MatMul(X, W) with W the constant [D, E] {@code w}; X is float [batch, D] where {@code batch} is the
   * symbolic "N" when null, else that fixed size; Y is float [batch, E].
   */
  public static Path matMul(Path file, float[][] w, Long batch) {
    int d = w.length;
    int e = w[0].length;
    float[] flat = new float[d * e];
    for (int i = 0; i < d; i++) {
      System.arraycopy(w[i], 0, flat, i * e, e);
    }
    ByteString node = message(out -> {
      out.writeString(1, "X"); // input
      out.writeString(1, "W");
      out.writeString(2, "Y"); // output
      out.writeString(3, "project"); // name
      out.writeString(4, "MatMul"); // op_type
    });
    ByteString weights = message(out -> {
      out.writeInt64(1, d); // dims
      out.writeInt64(1, e);
      out.writeInt32(2, FLOAT); // data_type
      out.writeTag(4, 2); // float_data, packed
      out.writeUInt32NoTag(flat.length * 4);
      for (float f : flat) {
        out.writeFloatNoTag(f);
      }
      out.writeString(8, "W"); // name
    });
    ByteString graph = message(out -> {
      out.writeBytes(1, node);
      out.writeString(2, "matmul");
      out.writeBytes(5, weights); // initializer
      out.writeBytes(11, valueInfo("X", batch, d)); // input
      out.writeBytes(12, valueInfo("Y", batch, e)); // output
    });
    ByteString opset = message(out -> {
      out.writeString(1, ""); // domain: the default ONNX operator set
      out.writeInt64(2, 13);
    });
    ByteString model = message(out -> {
      out.writeInt64(1, 8); // ir_version
      out.writeString(2, "fleetmine-test"); // producer_name
      out.writeBytes(7, graph);
      out.writeBytes(8, opset); // opset_import
    });
    try {
      Files.write(file, model.toByteArray());
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return file;
  }

  /** ValueInfoProto of a float tensor [batch or "N", cols]. */
  private static ByteString valueInfo(String name, Long batch, int cols) {
    ByteString rows = message(out -> {
      if (batch == null) {
        out.writeString(2, "N"); // dim_param
      } else {
        out.writeInt64(1, batch); // dim_value
      }
    });
    ByteString width = message(out -> out.writeInt64(1, cols));
    ByteString shape = message(out -> {
      out.writeBytes(1, rows); // dim
      out.writeBytes(1, width);
    });
    ByteString tensor = message(out -> {
      out.writeInt32(1, FLOAT); // elem_type
      out.writeBytes(2, shape);
    });
    ByteString type = message(out -> out.writeBytes(1, tensor)); // tensor_type
    return message(out -> {
      out.writeString(1, name);
      out.writeBytes(2, type);
    });
  }

  /** Writes one message's fields. */
  private interface Fields {
    void write(CodedOutputStream out) throws IOException;
  }

  private static ByteString message(Fields fields) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    try {
      fields.write(out);
      out.flush();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return ByteString.copyFrom(bytes.toByteArray());
  }
}
