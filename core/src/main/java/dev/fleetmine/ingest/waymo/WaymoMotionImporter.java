package dev.fleetmine.ingest.waymo;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.fleetmine.ingest.IngestException;
import dev.fleetmine.ingest.Importer;
import dev.fleetmine.ingest.LogSink;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.ingest.waymo.proto.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Imports Waymo Open Motion Dataset scenario files: TFRecord files whose records are serialized
 * {@code Scenario} protobufs, one log per scenario (log id {@code waymo-<scenario_id>}).
 *
 * <p>Inputs are files (any name) or directories, searched recursively for {@code *.tfrecord} and
 * sharded {@code *.tfrecord-00000-of-01000} files, read in path order. See docs/formats/waymo.md.
 */
public final class WaymoMotionImporter implements Importer {
  /** Matches "x.tfrecord" and shards such as "training.tfrecord-00012-of-01000". */
  static final Pattern TFRECORD_NAME = Pattern.compile(".*\\.tfrecord(-\\d+-of-\\d+)?");

  @Override
  public String format() {
    return "waymo";
  }

  @Override
  public String description() {
    return "Waymo Open Motion Dataset scenario TFRecords (*.tfrecord, *.tfrecord-NNNNN-of-NNNNN)";
  }

  @Override
  public void read(List<Path> inputs, LogSink sink, Progress progress) {
    List<Path> files = files(inputs);
    progress.start("waymo", files.stream().mapToLong(WaymoMotionImporter::size).sum());
    Map<String, String> seen = new HashMap<>();
    for (Path file : files) {
      try (TfRecordReader reader = TfRecordReader.open(file)) {
        long done = 0;
        for (TfRecord r = reader.next(); r != null; r = reader.next()) {
          Scenario s = parse(file, r);
          String first = seen.putIfAbsent(s.getScenarioId(), file + " " + r.where());
          if (first != null) {
            throw new IngestException(file, r.where(), "scenario " + s.getScenarioId()
                + " appears twice; first seen in " + first);
          }
          ScenarioLog.write(s, file, r, sink);
          progress.advance(reader.position() - done);
          done = reader.position();
        }
      }
    }
    progress.finish();
  }

  /** Parses one record as a Scenario; bytes that are not protobuf are an {@link IngestException}. */
  static Scenario parse(Path file, TfRecord r) {
    try {
      return Scenario.parseFrom(r.data());
    } catch (InvalidProtocolBufferException e) {
      throw new IngestException(file, r.where(), "not a Waymo Open Motion Scenario protobuf ("
          + e.getMessage() + ")", e);
    }
  }

  /** The TFRecord files named by {@code inputs}, directories expanded, in a stable order. */
  static List<Path> files(List<Path> inputs) {
    List<Path> files = new ArrayList<>();
    for (Path input : inputs) {
      if (Files.isRegularFile(input)) {
        files.add(input);
      } else if (Files.isDirectory(input)) {
        List<Path> found = scan(input);
        if (found.isEmpty()) {
          throw new IngestException(input, "", "directory contains no *.tfrecord or *.tfrecord-NNNNN-of-NNNNN files");
        }
        files.addAll(found);
      } else {
        throw new IngestException(input, "", "does not exist; expected a .tfrecord file or a directory of them");
      }
    }
    return files;
  }

  private static List<Path> scan(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> TFRECORD_NAME.matcher(p.getFileName().toString()).matches())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new IngestException(dir, "", "cannot list directory: " + e.getMessage(), e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new IngestException(file, "", "cannot read file size: " + e.getMessage(), e);
    }
  }
}
