package dev.fleetmine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fleetmine scenarios [NAME]}: the library, and one scenario's source to copy into `search`. */
class ScenariosCommandTest {
  static final String HARD_BRAKE = """
      scenario hard_brake
      description "Ego decelerates harder than 4 m/s^2."
      # Comfortable braking stays above -3 m/s^2; emergency braking is below -4.
      ego.accel < -4 m/s2
      pad 1s
      """;

  @TempDir
  Path dir;

  @Test
  void aNamedScenarioPrintsItsWholeSource() {
    CliRun r = CliRun.run("scenarios", "hard_brake");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo(HARD_BRAKE);
    assertThat(r.err()).isEmpty();
  }

  @Test
  void theSourceReachesARealStdoutAndNothingElseReachesStderr() {
    // print() without a newline is not autoflushed: before Main flushed, System.exit dropped it all
    ProcessRun r = ProcessRun.run(dir, "scenarios", "hard_brake");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo(HARD_BRAKE);
    assertThat(r.err()).isEqualTo(ProcessRun.INCUBATOR_WARNING + System.lineSeparator());
  }

  @Test
  void thePrintedSourceIsAQuerySearchAccepts() throws Exception {
    String lake = dir.resolve("lake").toString();
    assertThat(CliRun.run("generate", "--hours", "0.1", "--seed", "5", "--log-minutes", "2", "--lake", lake).code()).isZero();
    String source = CliRun.run("scenarios", "cut_in").out();
    CliRun pasted = CliRun.run("search", "--lake", lake, source);
    CliRun byName = CliRun.run("search", "--lake", lake, "-s", "cut_in");
    assertThat(pasted.code()).as(pasted.err()).isZero();
    assertThat(dropTiming(pasted.out())).isEqualTo(dropTiming(byName.out())).contains("clip(s)");
    Path file = Files.writeString(dir.resolve("mine.fsl"), source);
    assertThat(dropTiming(CliRun.run("search", "--lake", lake, "-f", file.toString()).out())).isEqualTo(dropTiming(byName.out()));
  }

  @Test
  void anUnknownNameExitsThreeListingTheKnownOnes() {
    CliRun r = CliRun.run("scenarios", "hard_brak");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("error: unknown scenario 'hard_brak'; known: hard_brake, cut_in, pedestrian_crossing,"
        + " lead_vehicle_stopped, left_turn_across_oncoming, overtaking_on_right, stopped_vehicle, near_miss, jaywalker"
        + System.lineSeparator());
  }

  @Test
  void withoutANameItListsTheLibrary() {
    CliRun r = CliRun.run("scenarios");
    assertThat(r.code()).isZero();
    assertThat(r.out().lines()).hasSize(9).first().asString()
        .isEqualTo("hard_brake                   Ego decelerates harder than 4 m/s^2.");
  }

  /** The search's last line is its run time. */
  static String dropTiming(String out) {
    return out.replaceAll("\\(\\d+ ms\\)", "");
  }
}
