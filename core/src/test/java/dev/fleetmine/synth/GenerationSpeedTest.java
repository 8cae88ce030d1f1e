package dev.fleetmine.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleetmine.ingest.Progress;
import org.junit.jupiter.api.Test;

/** Measures the generator alone (no ingest) on one core; prints rows per second. */
class GenerationSpeedTest {
  @Test
  void generatesObjectRowsQuickly() {
    FleetSpec warmup = FleetSpec.of(2, 1);
    new FleetGenerator(warmup).generate(new CountingSink(), Progress.NONE);
    double hours = Double.parseDouble(System.getProperty("synth.bench.hours", "4"));
    CountingSink sink = new CountingSink();
    long t0 = System.nanoTime();
    FleetSummary s = new FleetGenerator(FleetSpec.of(hours, 2)).generate(sink, Progress.NONE);
    double secs = (System.nanoTime() - t0) / 1e9;
    double rowsPerSec = s.objectRows() / secs;
    System.out.printf("synthetic fleet: %.1f h, %d ego frames, %d object rows in %.2f s: %.2f M object rows/s,"
        + " %.0f k ego frames/s%n", hours, s.egoFrames(), s.objectRows(), secs, rowsPerSec / 1e6,
        s.egoFrames() / secs / 1e3);
    // a floor far below the measured speed, so a busy shared machine does not make this flaky
    assertThat(rowsPerSec).isGreaterThan(200_000);
  }
}
