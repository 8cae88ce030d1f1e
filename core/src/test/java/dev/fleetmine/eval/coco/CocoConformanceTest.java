package dev.fleetmine.eval.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fleetmine.TestLakes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The 100-image val2014 fixture against the 12 numbers pycocotools prints for it
 * (shared/data/coco-eval/EXPECTED_STATS.txt, bbox line).
 */
class CocoConformanceTest {
  private static Path dir;
  private static double[] expected;
  private static CocoGroundTruth gt;
  private static CocoDetections dt;

  @BeforeAll
  static void load() throws IOException {
    dir = TestLakes.sharedData().resolve("coco-eval");
    expected = expectedStats(dir.resolve("EXPECTED_STATS.txt"), "bbox");
    gt = CocoJson.readGroundTruth(dir.resolve("instances_val2014_100.json"));
    dt = CocoJson.readResults(dir.resolve("instances_val2014_fakebbox100_results.json"));
  }

  /** The 12 numbers after "bbox:" in EXPECTED_STATS.txt. */
  static double[] expectedStats(Path file, String type) throws IOException {
    String line = Files.readAllLines(file).stream().filter(l -> l.startsWith(type + ":")).findFirst()
        .orElseThrow(() -> new AssertionError(file + " has no " + type + " line"));
    double[] v = Arrays.stream(line.substring(type.length() + 1).trim().split("\\s+"))
        .mapToDouble(Double::parseDouble).toArray();
    assertThat(v).hasSize(12);
    return v;
  }

  @Test
  void readsTheFixture() {
    assertThat(gt.imageIds()).hasSize(100);
    assertThat(gt.size()).isEqualTo(839);
    assertThat(gt.categories()).hasSize(80);
    assertThat(dt.size()).isEqualTo(734);
  }

  @Test
  void statsMatchPycocotoolsWithin1e9() {
    double[] got = CocoEvaluator.evaluate(gt, dt).stats().toArray();
    for (int i = 0; i < 12; i++) {
      assertThat(got[i]).as("stats[%d]", i).isCloseTo(expected[i], within(1e-9));
    }
  }

  @Test
  void statsAreBitIdenticalToPycocotools() {
    // the file prints Python's repr, which round-trips: equal strings mean equal doubles
    double[] got = CocoEvaluator.evaluate(gt, dt).stats().toArray();
    assertThat(got).containsExactly(expected);
  }

  @Test
  void outcomesAtIou50MatchPycocotoolsEvalImgs() {
    // counted from pycocotools' evalImgs (area all, maxDet 100): dtMatches[0], dtIgnore[0], gtMatches[0]
    CocoResult r = CocoEvaluator.evaluate(gt, dt);
    Map<DetectionOutcome.Kind, Long> kinds = r.detections().stream()
        .collect(Collectors.groupingBy(DetectionOutcome::kind, Collectors.counting()));
    assertThat(kinds).containsExactlyInAnyOrderEntriesOf(
        Map.of(DetectionOutcome.Kind.TRUE_POSITIVE, 649L, DetectionOutcome.Kind.FALSE_POSITIVE, 85L));
    assertThat(r.falsePositives()).hasSize(85);
    assertThat(r.falseNegatives()).hasSize(181);
    assertThat(r.falseNegatives().stream().mapToLong(GroundTruthBox::id).sorted().limit(5).toArray())
        .containsExactly(20613, 30526, 34646, 36563, 38696);
    // per-category AP = np.mean(s[s > -1]) over precision[:, :, k, 0, 2]
    assertThat(r.averagePrecision(1)).isEqualTo(0.5326060142444453);
    assertThat(r.averagePrecision(2)).isEqualTo(0.4400990099009901);
    assertThat(r.averagePrecision(19)).isEqualTo(-1);
  }

  @Test
  void threadCountDoesNotChangeAnything() {
    CocoResult one = CocoEvaluator.evaluate(gt, dt, 1);
    CocoResult two = CocoEvaluator.evaluate(gt, dt, 2);
    assertThat(two.stats()).isEqualTo(one.stats());
    assertThat(two.detections()).isEqualTo(one.detections());
    assertThat(two.falseNegatives()).isEqualTo(one.falseNegatives());
  }
}
