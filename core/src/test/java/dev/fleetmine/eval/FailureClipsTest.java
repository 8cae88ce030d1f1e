package dev.fleetmine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleetmine.eval.FailureClips.Mistake;
import dev.fleetmine.query.Clip;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailureClipsTest {
  static final long F = 100_000_000L;

  @Test
  void consecutiveMissesOfATrackAreOneClipAndAGapSplitsThem() {
    List<Clip> clips = FailureClips.group(List.of(
        new Mistake("a", 3 * F, "7"), new Mistake("a", 1 * F, "7"), new Mistake("a", 2 * F, "7"),
        new Mistake("a", 9 * F, "7"),
        new Mistake("a", 2 * F, "8"),
        new Mistake("b", 0, null), new Mistake("b", F, null), new Mistake("b", F, null)), Map.of());
    assertThat(clips).extracting(Clip::id)
        .containsExactly("a@100000000-300000000", "a@200000000-200000000", "a@900000000-900000000", "b@0-100000000");
    assertThat(clips.get(0).score()).isEqualTo(3);
    assertThat(clips.get(0).matches()).extracting(Clip.Match::trackIds).containsOnly(List.of("7"));
    assertThat(clips.get(3).matches()).hasSize(2);
    assertThat(clips.get(3).matches().get(0).trackIds()).isEmpty();
  }

  @Test
  void theGapFollowsTheLogsFrameInterval() {
    List<Mistake> m = List.of(new Mistake("a", 0, "1"), new Mistake("a", 2 * F, "1"));
    assertThat(FailureClips.group(m, Map.of())).hasSize(2);
    assertThat(FailureClips.group(m, Map.of("a", 2 * F))).hasSize(1);
  }
}
