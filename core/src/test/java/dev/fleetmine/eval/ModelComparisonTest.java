package dev.fleetmine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleetmine.eval.det3d.IouKind;
import dev.fleetmine.eval.det3d.Matching;
import dev.fleetmine.ingest.Category;
import dev.fleetmine.ingest.EgoSample;
import dev.fleetmine.ingest.Ingestor;
import dev.fleetmine.ingest.LogInfo;
import dev.fleetmine.ingest.ObjectSample;
import dev.fleetmine.lake.Lake;
import dev.fleetmine.query.LakeQuery;
import dev.fleetmine.query.ScenarioLibrary;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight logs of 20 frames, each with two parked cars. Model {@code base} finds both cars everywhere;
 * {@code same} is identical; {@code worse} misplaces one car by 3 m in six of the eight logs; {@code noisy}
 * misplaces it in one log only.
 */
class ModelComparisonTest {
  @TempDir
  static Path dir;
  static Lake lake;
  static final ScenarioLibrary LIB = ScenarioLibrary.builtIn();

  @BeforeAll
  static void buildLake() {
    lake = Lake.open(dir.resolve("lake"));
    try (Ingestor in = Ingestor.begin(lake)) {
      for (int log = 0; log < 8; log++) {
        in.beginLog(LogInfo.of("log-" + log, "native", "test"));
        for (int i = 0; i < 20; i++) {
          long ts = i * 100_000_000L;
          in.ego(new EgoSample(ts, 0, 0, 0, 0, 0));
          for (int car = 0; car < 2; car++) {
            double x = 10 + 10 * car;
            double y = 3;
            in.object(ObjectSample.groundTruth(ts, "c" + car, Category.CAR, "car", x, y, 0, 4.5, 1.9, 1.5, 0));
            in.object(det(ts, "base", x, y, 0.9));
            in.object(det(ts, "same", x, y, 0.9));
            boolean miss = car == 1 && (log < 6);
            in.object(det(ts, "worse", x + (miss ? 3 : 0), y, 0.9));
            in.object(det(ts, "noisy", x + (car == 1 && log == 0 ? 3 : 0), y, 0.9));
          }
        }
        in.endLog();
      }
      in.commit("test");
    }
  }

  static ObjectSample det(long ts, String model, double x, double y, double score) {
    return new ObjectSample(ts, model, null, Category.CAR, "car", x, y, 0, 4.5, 1.9, 1.5, 0, Double.NaN, Double.NaN, score);
  }

  static ModelComparison.Result compare(String model) {
    try (LakeQuery q = LakeQuery.open(lake)) {
      return ModelComparison.compare(q, LIB, new ModelEvaluation.Options(model, "gt", Matching.Kitti.defaults(IouKind.BEV),
          List.of(new SliceBy.Log())), "base", 500, 0.95, 1);
    }
  }

  static ModelComparison.Delta all(ModelComparison.Result r) {
    return r.deltas().stream().filter(d -> d.dimension().equals("all")).findFirst().orElseThrow();
  }

  @Test
  void aClearDropIsARegression() {
    ModelComparison.Delta d = all(compare("worse"));
    assertThat(d.apBaseline()).isEqualTo(1.0);
    // 160 of 320 cars found, all detections at the same score: precision 0.625 up to recall 0.625, then 0
    assertThat(d.ap()).isEqualTo(0.625 * 25 / 40);
    assertThat(d.verdict()).isEqualTo(ModelComparison.Verdict.REGRESSION);
    assertThat(d.diff().hi()).isLessThan(0);
  }

  @Test
  void anIdenticalModelIsNoChangeWithAZeroWidthInterval() {
    ModelComparison.Delta d = all(compare("same"));
    assertThat(d.diff().estimate()).isZero();
    assertThat(d.diff().lo()).isZero();
    assertThat(d.diff().hi()).isZero();
    assertThat(d.verdict()).isEqualTo(ModelComparison.Verdict.NO_CHANGE);
  }

  @Test
  void aDropInOneLogOfEightIsNotFlagged() {
    ModelComparison.Result r = compare("noisy");
    ModelComparison.Delta d = all(r);
    assertThat(d.diff().estimate()).isLessThan(0);
    assertThat(d.verdict()).isEqualTo(ModelComparison.Verdict.NO_CHANGE);
    // per log it is the one bad log that drops, and one log alone cannot be bootstrapped into a verdict
    ModelComparison.Delta log0 = r.deltas().stream().filter(x -> x.slice().equals("log-0")).findFirst().orElseThrow();
    assertThat(log0.ap()).isLessThan(1.0);
    assertThat(log0.verdict()).isEqualTo(ModelComparison.Verdict.UNKNOWN);
    assertThat(r.regressions()).isEmpty();
  }
}
