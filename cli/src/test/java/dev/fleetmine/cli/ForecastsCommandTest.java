package dev.fleetmine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Forecasting loop on the Argoverse 2 motion-forecasting sample: baseline, evaluation, miss clips as tags, import. */
class ForecastsCommandTest {
  @TempDir
  Path dir;



  @Test
  void baselineThenEvalFindsTheAgentsConstantVelocityCannotPredict() throws Exception {
    String lake = dir.resolve("lake").toString();
    assertThat(CliRun.run("ingest", "av2-motion", QuickstartTest.sharedData().resolve("argoverse2/forecasting").toString(),
        "--lake", lake).code()).isZero();
    CliRun base = CliRun.run("forecasts", "baseline", "--lake", lake);
    assertThat(base.code()).as(base.err()).isZero();
    assertThat(base.out()).startsWith("wrote 4,201 forecast rows of cv: 204 agents in 1 log(s)");
    CliRun eval = CliRun.run("forecasts", "eval", "--lake", lake, "--model", "cv", "--worst", "1");
    assertThat(eval.code()).as(eval.err()).isZero();
    assertThat(eval.out()).contains("all        all                                   204     0.549     1.150     0.162")
        .contains("track 138951 at 315986562459579000 ns: minFDE 10.99 m")
        // some agent misses at each of the ten forecast moments: the 33 misses are one clip of the log
        .contains("1 clip(s) of missed forecasts stored as tag fde:cv");

    Path file = dir.resolve("f.csv");
    Files.writeString(file, "log_id,ts_ns,track_id,mode,target_ts_ns,x,y\nnope,0,1,0,1,0,0\n");
    CliRun bad = CliRun.run("forecasts", "import", "--lake", lake, "--model", "m", file.toString());
    assertThat(bad.code()).isEqualTo(3);
    assertThat(bad.err()).contains("f.csv: row 1").contains("nothing was written");
  }
}
