package dev.fleetmine.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleetmine.query.ClipRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The split guarantees of docs/curation.md#splits, for any members, fractions and seed. */
class SplitterProperties {
  static final List<String> TAGS = List.of("cut_in", "hard_brake", "pedestrian_crossing");

  @Provide
  Arbitrary<List<Member>> members() {
    Arbitrary<Member> m = Combinators.combine(Arbitraries.integers().between(0, 14), Arbitraries.longs().between(0, 20_000),
        Arbitraries.subsetOf(TAGS)).as((log, startS, tags) -> new Member(
            new ClipRef("log-" + log, startS * 1_000_000_000L, startS * 1_000_000_000L + 5_000_000_000L),
            log % 4 == 0 ? null : "city" + (log % 3), "native", true, 50, "gt@1", new ArrayList<>(new java.util.TreeSet<>(tags))));
    return m.list().ofMinSize(1).ofMaxSize(120).map(l -> {
      Map<String, Member> byId = new java.util.LinkedHashMap<>();
      l.forEach(x -> byId.putIfAbsent(x.clipId(), x));
      return List.copyOf(byId.values());
    });
  }

  @Provide
  Arbitrary<SplitSpec> specs() {
    Arbitrary<List<SplitSpec.Fraction>> fractions = Arbitraries.integers().between(1, 9).list().ofMinSize(1).ofMaxSize(4)
        .map(w -> {
          double sum = w.stream().mapToInt(Integer::intValue).sum();
          List<SplitSpec.Fraction> out = new ArrayList<>();
          double acc = 0;
          for (int i = 0; i < w.size(); i++) {
            double f = i == w.size() - 1 ? 1 - acc : w.get(i) / sum;
            acc += f;
            out.add(new SplitSpec.Fraction("s" + i, f));
          }
          return out;
        });
    return Combinators.combine(fractions, Arbitraries.longs(), Arbitraries.of("log", "location", "time:1h"),
        Arbitraries.of(true, false)).as(SplitSpec::new);
  }

  @Property(tries = 300)
  void noGroupInTwoSplitsAndEveryMemberAssigned(@ForAll("members") List<Member> members, @ForAll("specs") SplitSpec spec) {
    Map<String, String> split = Splitter.assign(members, spec);
    assertThat(split).hasSize(members.size());
    Map<String, String> groupSplit = new HashMap<>();
    Map<String, Set<String>> logSplits = new HashMap<>();
    for (Member m : members) {
      String s = split.get(m.clipId());
      assertThat(spec.names()).contains(s);
      String prev = groupSplit.putIfAbsent(Splitter.groupKey(m, spec.groupBy()), s);
      assertThat(prev == null ? s : prev).as("group %s", Splitter.groupKey(m, spec.groupBy())).isEqualTo(s);
      logSplits.computeIfAbsent(m.logId(), k -> new HashSet<>()).add(s);
    }
    if (!spec.groupBy().startsWith("time:")) {
      // grouping by log or by location keeps every log whole
      assertThat(logSplits.values()).allSatisfy(s -> assertThat(s).hasSize(1));
    }
  }

  @Property(tries = 200)
  void sameSeedSameSplit(@ForAll("members") List<Member> members, @ForAll("specs") SplitSpec spec) {
    List<Member> shuffled = new ArrayList<>(members);
    java.util.Collections.reverse(shuffled);
    assertThat(Splitter.assign(shuffled, spec)).isEqualTo(Splitter.assign(members, spec));
  }

  @Property(tries = 300)
  void sizesWithinTheLargestGroupOfTheirTarget(@ForAll("members") List<Member> members, @ForAll("specs") SplitSpec spec) {
    Map<String, String> split = Splitter.assign(members, spec);
    Map<String, Integer> groupSize = new HashMap<>();
    members.forEach(m -> groupSize.merge(Splitter.groupKey(m, spec.groupBy()), 1, Integer::sum));
    int maxGroup = groupSize.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    // with stratification the bound holds per stratum; there are at most TAGS + 1 strata
    int tolerance = spec.stratify() ? maxGroup * (TAGS.size() + 1) : maxGroup;
    for (SplitSpec.Fraction f : spec.fractions()) {
      long n = split.values().stream().filter(f.name()::equals).count();
      assertThat(Math.abs(n - f.fraction() * members.size())).as("split %s of %s", f.name(), spec.describe())
          .isLessThanOrEqualTo(tolerance + 1e-9);
    }
  }
}
