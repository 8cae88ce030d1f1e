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
}
