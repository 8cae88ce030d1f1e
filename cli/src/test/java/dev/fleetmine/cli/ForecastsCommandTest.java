package dev.fleetmine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Forecasting loop on the Argoverse 2 motion-forecasting sample: baseline, evaluation, miss clips as tags, import. */
class ForecastsCommandTest {
  @TempDir
  Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    CommandLine cl = FleetmineCommand.commandLine(Map.of());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return new Run(cl.execute(args), out.toString(), err.toString());
  }

  @Test
  void baselineThenEvalFindsTheAgentsConstantVelocityCannotPredict() throws Exception {
    String lake = dir.resolve("lake").toString();
    assertThat(run("ingest", "av2-motion", QuickstartTest.sharedData().resolve("argoverse2/forecasting").toString(),
        "--lake", lake).code()).isZero();
    Run base = run("forecasts", "baseline", "--lake", lake);
    assertThat(base.code()).as(base.err()).isZero();
    assertThat(base.out()).startsWith("wrote 4,201 forecast rows of cv: 204 agents in 1 log(s)");
    Run eval = run("forecasts", "eval", "--lake", lake, "--model", "cv", "--worst", "1");
    assertThat(eval.code()).as(eval.err()).isZero();
    assertThat(eval.out()).contains("all        all                                   204     0.549     1.150     0.162")
        .contains("track 138951 at 315986562459579000 ns: minFDE 10.99 m")
        .contains("13 clips of missed forecasts stored as tag fde:cv");

    Path file = dir.resolve("f.csv");
    Files.writeString(file, "log_id,ts_ns,track_id,mode,target_ts_ns,x,y\nnope,0,1,0,1,0,0\n");
    Run bad = run("forecasts", "import", "--lake", lake, "--model", "m", file.toString());
    assertThat(bad.code()).isEqualTo(3);
    assertThat(bad.err()).contains("f.csv: row 1").contains("nothing was written");
  }
}
