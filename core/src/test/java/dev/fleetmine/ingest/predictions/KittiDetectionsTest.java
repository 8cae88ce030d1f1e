package dev.fleetmine.ingest.predictions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleetmine.TestLakes;
import dev.fleetmine.ingest.Category;
import dev.fleetmine.ingest.EgoSample;
import dev.fleetmine.ingest.EventSample;
import dev.fleetmine.ingest.IngestException;
import dev.fleetmine.ingest.LogInfo;
import dev.fleetmine.ingest.LogSink;
import dev.fleetmine.ingest.ObjectSample;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.ingest.kitti.KittiTrackingImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AB3DMOT-style detection CSVs of the ten shared KITTI sequences, read as a model's predictions. */
class KittiDetectionsTest {
  static final Path KITTI = TestLakes.sharedData().resolve("kitti-tracking");
  static final Path DETECTIONS = KITTI.resolve("detections_pointrcnn");

  @TempDir
  Path dir;

  @Test
  void everySequenceGivesTheImportersPointRcnnRowsWithTheModelAsSource() {
    Map<String, List<ObjectSample>> read = KittiDetections.read(List.of(DETECTIONS), "pointrcnn@v2", null);

    // counted with awk over detections_pointrcnn/*/<seq>.txt, as KittiTrackingImporterTest pins them
    assertThat(read.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().size()).toList()).containsExactly(
        "kitti-0000=1838", "kitti-0002=2146", "kitti-0003=1069", "kitti-0004=3122", "kitti-0005=2099",
        "kitti-0007=5754", "kitti-0009=5951", "kitti-0011=4879", "kitti-0017=1215", "kitti-0020=9064");
    List<ObjectSample> all = read.values().stream().flatMap(List::stream).toList();
    Map<Category, Long> byCategory = all.stream().collect(Collectors.groupingBy(ObjectSample::category,
        TreeMap::new, Collectors.counting()));
    assertThat(byCategory).containsExactly(Map.entry(Category.CAR, 28022L), Map.entry(Category.PEDESTRIAN, 6648L),
        Map.entry(Category.CYCLIST, 2467L));
    assertThat(all).allSatisfy(o -> {
      assertThat(o.source()).isEqualTo("pointrcnn@v2");
      assertThat(o.trackId()).isNull();
    });

    // box for box (position, size, yaw, score, raw label) what the importer gives source 'pointrcnn'
    Map<String, List<ObjectSample>> imported = importedDetections();
    assertThat(imported.keySet()).isEqualTo(read.keySet());
    for (String log : read.keySet()) {
      assertThat(read.get(log).stream().map(o -> withSource(o, "pointrcnn")).toList()).as(log)
          .isEqualTo(imported.get(log));
    }
  }

  @Test
  void singleFilesAndAnExplicitCalibrationFolder() {
    Map<String, List<ObjectSample>> read = PredictionReaders.read("kitti",
        List.of(DETECTIONS.resolve("Car/0003.txt"), DETECTIONS.resolve("Cyclist/0003.txt")), "m", KITTI.resolve("calib"));
    assertThat(read.keySet()).containsExactly("kitti-0003");
    // 715 Car + 75 Cyclist lines
    assertThat(read.get("kitti-0003")).hasSize(790);
    // first line of Car/0003.txt: frame 0, score 7.8698 (an unbounded logit, kept as given), h w l 1.4632 1.5834 3.8898
    ObjectSample first = read.get("kitti-0003").get(0);
    assertThat(first.tsNs()).isZero();
    assertThat(first.rawLabel()).isEqualTo("Car");
    assertThat(first.score()).isEqualTo(7.8698);
    assertThat(List.of(first.height(), first.width(), first.length())).containsExactly(1.4632, 1.5834, 3.8898);
  }

  @Test
  void badInputNamesTheFileAndWhatWasExpected() throws Exception {
    Path stray = Files.createDirectories(dir.resolve("dets/Truck")).resolve("0000.txt");
    Files.writeString(stray, "0,2,1,1,2,2,1.0,1.5,1.6,4.0,1,1,10,0,0\n");
    assertThatThrownBy(() -> KittiDetections.read(List.of(stray), "m", null)).isInstanceOf(IngestException.class)
        .hasMessage(stray + ": expected a detection file <dir>/<Class>/<seq>.txt with Class one of Car, Pedestrian,"
            + " Cyclist, or a directory holding those folders");

    Path car = Files.createDirectories(dir.resolve("dets/Car")).resolve("0000.txt");
    Files.writeString(car, "0,2,1,1,2,2,high,1.5,1.6,4.0,1,1,10,0,0\n");
    assertThatThrownBy(() -> KittiDetections.read(List.of(dir.resolve("dets")), "m", KITTI.resolve("calib")))
        .isInstanceOf(IngestException.class)
        .hasMessage(car + ": line 1, field score: expected a decimal number, got 'high'");

    Files.writeString(car, "0,2,1,1,2,2,0.5,1.5,1.6,4.0,1,1,10,0,0\n");
    assertThatThrownBy(() -> KittiDetections.read(List.of(dir.resolve("dets")), "m", null))
        .isInstanceOf(IngestException.class).hasMessageStartingWith(dir.resolve("calib/0000.txt")
            + ": calibration file of sequence 0000 does not exist");

    assertThatThrownBy(() -> KittiDetections.read(List.of(DETECTIONS, dir.resolve("dets")), "m", null))
        .isInstanceOf(IngestException.class)
        .hasMessage(car + ": sequence 0000 also has detections in " + DETECTIONS
            + "; both would be log kitti-0000, so add them separately");

    Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> KittiDetections.read(List.of(dir.resolve("empty")), "m", null))
        .isInstanceOf(IngestException.class)
        .hasMessage(dir.resolve("empty") + ": no detection files: expected Car/, Pedestrian/, Cyclist/ folders"
            + " holding <seq>.txt files");
  }

  @Test
  void theEntryPointRejectsUnknownFormatsAndCalibrationForNative() {
    assertThatThrownBy(() -> PredictionReaders.read("coco", List.of(DETECTIONS), "m", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown predictions format 'coco'; expected one of kitti, native");
    assertThatThrownBy(() -> PredictionReaders.read("native", List.of(dir), "m", KITTI.resolve("calib")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--calib applies to the kitti format only; native predictions are already in the log-local frame");
  }

  /** The importer's pointrcnn rows per log, in the order it emits them. */
  static Map<String, List<ObjectSample>> importedDetections() {
    Map<String, List<ObjectSample>> byLog = new TreeMap<>();
    new KittiTrackingImporter().read(List.of(KITTI), new LogSink() {
      String log;

      @Override
      public void beginLog(LogInfo info) {
        log = info.logId();
        byLog.put(log, new ArrayList<>());
      }

      @Override
      public void ego(EgoSample s) {}

      @Override
      public void object(ObjectSample o) {
        if (o.source().equals(KittiTrackingImporter.DETECTION_SOURCE)) {
          byLog.get(log).add(o);
        }
      }

      @Override
      public void event(EventSample e) {}

      @Override
      public void endLog() {}
    }, Progress.NONE);
    return byLog;
  }

  static ObjectSample withSource(ObjectSample o, String source) {
    return new ObjectSample(o.tsNs(), source, o.trackId(), o.category(), o.rawLabel(), o.x(), o.y(), o.z(),
        o.length(), o.width(), o.height(), o.yaw(), o.vx(), o.vy(), o.score());
  }
}
