package dev.fleetmine.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleetmine.query.ClipRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exact split sizes when groups are small, stratification, and the seed's effect. */
class SplitterTest {
  @Test
  void manySmallGroupsHitTheTargetsAndTheSeedMatters() {
    List<Member> members = new ArrayList<>();
    for (int log = 0; log < 100; log++) {
      members.add(new Member(new ClipRef("log-" + log, 0, 1), null, "native", true, 1, "gt@1",
          log % 10 == 0 ? List.of("cut_in") : List.of()));
    }
    SplitSpec spec = new SplitSpec(SplitSpec.parseFractions("train=0.8,val=0.1,test=0.1"), 7, "log", true);
    Map<String, String> a = Splitter.assign(members, spec);
    Map<String, Long> sizes = new java.util.TreeMap<>();
    a.values().forEach(s -> sizes.merge(s, 1L, Long::sum));
    assertThat(sizes).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of("test", 10L, "train", 80L, "val", 10L)));
    // stratified: the 10 cut_in logs are spread 8/1/1 like the whole set
    Map<String, Long> cutIn = new java.util.TreeMap<>();
    members.stream().filter(m -> !m.tags().isEmpty()).forEach(m -> cutIn.merge(a.get(m.clipId()), 1L, Long::sum));
    assertThat(cutIn).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of("test", 1L, "train", 8L, "val", 1L)));
    Map<String, String> b = Splitter.assign(members, new SplitSpec(spec.fractions(), 8, "log", true));
    assertThat(b).isNotEqualTo(a);
  }

  /** 2 long logs of 1,000 frames and 98 short ones of 10: a clip-weighted split misses the frame targets. */
  @Test
  void frameWeightingHitsFrameTargetsWhereClipWeightingDoesNot() {
    List<Member> members = new ArrayList<>();
    for (int log = 0; log < 100; log++) {
      members.add(new Member(new ClipRef("log-" + log, 0, 1), null, "native", true, log % 50 == 0 ? 1000 : 10, "gt@1", List.of()));
    }
    List<SplitSpec.Fraction> f = SplitSpec.parseFractions("train=0.8,val=0.1,test=0.1");
    SplitSpec frames = new SplitSpec(f, 7, "log", false);
    assertThat(frames.weight()).isEqualTo(SplitSpec.Weight.FRAMES);
    // 2,980 frames: targets 2,384 / 298 / 298
    assertThat(Splitter.sizes(members, Splitter.assign(members, frames), frames)).containsExactly(
        Map.entry("train", new Splitter.Size(40, 2380)), Map.entry("val", new Splitter.Size(30, 300)),
        Map.entry("test", new Splitter.Size(30, 300)));
    SplitSpec clips = new SplitSpec(f, 7, "log", false, SplitSpec.Weight.CLIPS);
    // 80/10/10 clips exactly, but val and test get 100 frames each (3.4%) and train 93%
    assertThat(Splitter.sizes(members, Splitter.assign(members, clips), clips)).containsExactly(
        Map.entry("train", new Splitter.Size(80, 2780)), Map.entry("val", new Splitter.Size(10, 100)),
        Map.entry("test", new Splitter.Size(10, 100)));
  }

  @Test
  void membersWithoutFramesAreBalancedByClips() {
    List<Member> members = new ArrayList<>();
    for (int log = 0; log < 10; log++) {
      members.add(new Member(new ClipRef("log-" + log, 0, 1), null, "native", true, 0, "gt@1", List.of()));
    }
    SplitSpec spec = new SplitSpec(SplitSpec.parseFractions("train=0.6,val=0.4"), 1, "log", false);
    assertThat(Splitter.sizes(members, Splitter.assign(members, spec), spec)).containsExactly(
        Map.entry("train", new Splitter.Size(6, 0)), Map.entry("val", new Splitter.Size(4, 0)));
  }

  @Test
  void weightParsesAndAnOldManifestWithoutOneReadsAsClips() {
    assertThat(SplitSpec.Weight.parse("Frames")).isEqualTo(SplitSpec.Weight.FRAMES);
    assertThat(SplitSpec.Weight.parse("clips")).isEqualTo(SplitSpec.Weight.CLIPS);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SplitSpec.Weight.parse("boxes"))
        .hasMessage("split weight 'boxes': expected frames or clips");
    SplitSpec old = new SplitSpec(SplitSpec.parseFractions("train=1"), 0, "log", false, null);
    assertThat(old.weight()).isEqualTo(SplitSpec.Weight.CLIPS);
    assertThat(old.describe()).isEqualTo("train=1.0 seed=0 group-by=log weight=clips");
  }
}
