package dev.fleetmine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleetmine.eval.FailureClips.LogSpan;
import dev.fleetmine.eval.FailureClips.Mistake;
import dev.fleetmine.query.Clip;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class FailureClipsTest {
  static final long F = 100_000_000L;
  static final long H = F / 2;

  @Test
  void mistakesOfOneLogAreOneClipWhateverTheirTrackAndAGapSplitsThem() {
    List<Clip> clips = FailureClips.group(List.of(
        new Mistake("a", 3 * F, "7"), new Mistake("a", 1 * F, "7"), new Mistake("a", 2 * F, "7"),
        new Mistake("a", 9 * F, "7"),
        new Mistake("a", 2 * F, "8"),
        new Mistake("b", 0, null), new Mistake("b", F, null), new Mistake("b", F, null)), Map.of());
    // track 8's miss at 2F lies inside track 7's run: one clip, not two overlapping ones
    assertThat(clips).extracting(Clip::id).containsExactly(
        "a@" + (F - H) + "-" + (3 * F + H), "a@" + (9 * F - H) + "-" + (9 * F + H), "b@" + -H + "-" + (F + H));
    assertThat(clips.get(0).score()).isEqualTo(4);
    assertThat(clips.get(0).matches()).extracting(Clip.Match::trackIds)
        .containsExactly(List.of("7"), List.of("7", "8"), List.of("7"));
    assertThat(clips.get(2).score()).isEqualTo(3);
    assertThat(clips.get(2).matches()).hasSize(2);
    assertThat(clips.get(2).matches().get(0).trackIds()).isEmpty();
  }

  @Test
  void aSingleFrameFailureLastsOneFrameIntervalAndIsClampedToItsLog() {
    Map<String, LogSpan> logs = Map.of("a", new LogSpan(0, 10 * F, F));
    assertThat(FailureClips.group(List.of(new Mistake("a", 5 * F, "1")), logs).getFirst().durationS()).isEqualTo(0.1);
    assertThat(FailureClips.group(List.of(new Mistake("a", 0, "1"), new Mistake("a", 10 * F, "2")), logs))
        .extracting(Clip::id).containsExactly("a@0-" + H, "a@" + (10 * F - H) + "-" + 10 * F);
  }

  @Test
  void theGapFollowsTheLogsFrameInterval() {
    List<Mistake> m = List.of(new Mistake("a", 0, "1"), new Mistake("a", 2 * F, "1"));
    assertThat(FailureClips.group(m, Map.of())).hasSize(2);
    assertThat(FailureClips.group(m, Map.of("a", new LogSpan(0, 2 * F, 2 * F)))).hasSize(1);
  }

  /** Whatever the mistakes, a log's clips are disjoint, last at least an interval (unclamped) and hold every mistake. */
  @Property(tries = 300)
  void clipsOfALogAreDisjointAndCoverEveryMistake(@ForAll @Size(max = 60) List<@IntRange(max = 40) Integer> frames,
      @ForAll @Size(max = 60) List<@IntRange(max = 3) Integer> tracks) {
    List<Mistake> mistakes = new ArrayList<>();
    for (int i = 0; i < frames.size(); i++) {
      int t = i < tracks.size() ? tracks.get(i) : 0;
      mistakes.add(new Mistake(i % 3 == 0 ? "b" : "a", frames.get(i) * F, t == 0 ? null : "t" + t));
    }
    List<Clip> clips = FailureClips.group(mistakes, Map.of());
    for (int i = 1; i < clips.size(); i++) {
      Clip a = clips.get(i - 1);
      Clip b = clips.get(i);
      if (a.logId().equals(b.logId())) {
        assertThat(b.startNs() - a.endNs()).as("%s then %s", a.id(), b.id()).isGreaterThan(0);
      }
    }
    assertThat(clips).allSatisfy(c -> assertThat(c.endNs() - c.startNs()).isGreaterThanOrEqualTo(F));
    assertThat(clips.stream().mapToDouble(Clip::score).sum()).isEqualTo(mistakes.size());
    for (Mistake m : mistakes) {
      assertThat(clips).anySatisfy(c -> {
        assertThat(c.logId()).isEqualTo(m.logId());
        assertThat(c.matches()).extracting(Clip.Match::tsNs).contains(m.tsNs());
      });
    }
  }
}
