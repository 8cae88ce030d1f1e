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
    // clips of 0 to 400 frames (a zero-frame clip lies between two ego timestamps), 5 in 6 of them non-empty
    Arbitrary<Long> frames = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, Arbitraries.just(0L)),
        net.jqwik.api.Tuple.of(5, Arbitraries.longs().between(1, 400)));
    Arbitrary<Member> m = Combinators.combine(Arbitraries.integers().between(0, 14), Arbitraries.longs().between(0, 20_000),
        Arbitraries.subsetOf(TAGS), frames).as((log, startS, tags, n) -> new Member(
            new ClipRef("log-" + log, startS * 1_000_000_000L, startS * 1_000_000_000L + 5_000_000_000L),
            log % 4 == 0 ? null : "city" + (log % 3), "native", true, n, "gt@1", new ArrayList<>(new java.util.TreeSet<>(tags))));
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
        Arbitraries.of(true, false), Arbitraries.of(SplitSpec.Weight.class)).as(SplitSpec::new);
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
    for (SplitSpec.Fraction f : spec.fractions()) {
      double w = weight(members, split, f.name(), spec.weight());
      double total = weight(members, split, null, spec.weight());
      assertThat(Math.abs(w - f.fraction() * total)).as("split %s of %s", f.name(), spec.describe())
          .isLessThanOrEqualTo(tolerance(members, spec, spec.weight()) + 1e-9);
    }
  }

  /**
   * The promise a user reads in docs/curation.md#splits: frame-weighted, each split's share of the frames
   * is within {@code G / F} of its fraction (G the heaviest group's frames, F all frames; G summed over the
   * strata when stratified), so it is within 0.05 whenever no group holds more than 5% of the frames, and
   * no log is in two splits under log or location grouping.
   */
  @Property(tries = 500)
  void frameSharesWithinTolerance(@ForAll("members") List<Member> members, @ForAll("specs") SplitSpec anySpec) {
    SplitSpec spec = new SplitSpec(anySpec.fractions(), anySpec.seed(), anySpec.groupBy(), anySpec.stratify(),
        SplitSpec.Weight.FRAMES);
    Map<String, String> split = Splitter.assign(members, spec);
    double frames = weight(members, split, null, SplitSpec.Weight.FRAMES);
    if (frames == 0) {
      return; // no frames: no share to speak of (the split then balances clips, checked above)
    }
    double tolerance = tolerance(members, spec, SplitSpec.Weight.FRAMES) / frames;
    for (SplitSpec.Fraction f : spec.fractions()) {
      double share = weight(members, split, f.name(), SplitSpec.Weight.FRAMES) / frames;
      assertThat(Math.abs(share - f.fraction())).as("frame share of %s, %s", f.name(), spec.describe())
          .isLessThanOrEqualTo(tolerance + 1e-9);
    }
    if (!spec.groupBy().startsWith("time:")) {
      Map<String, Set<String>> logSplits = new HashMap<>();
      members.forEach(m -> logSplits.computeIfAbsent(m.logId(), k -> new HashSet<>()).add(split.get(m.clipId())));
      assertThat(logSplits.values()).allSatisfy(s -> assertThat(s).hasSize(1));
    }
  }

  /** The frames or clips of split {@code name} (all members when null). */
  static double weight(List<Member> members, Map<String, String> split, String name, SplitSpec.Weight w) {
    return members.stream().filter(m -> name == null || name.equals(split.get(m.clipId())))
        .mapToDouble(m -> w == SplitSpec.Weight.FRAMES ? m.frames() : 1).sum();
  }

  /** The heaviest group's weight, times the number of strata there can be (TAGS + untagged) when stratified. */
  static double tolerance(List<Member> members, SplitSpec spec, SplitSpec.Weight w) {
    Map<String, Double> group = new HashMap<>();
    members.forEach(m -> group.merge(Splitter.groupKey(m, spec.groupBy()), w == SplitSpec.Weight.FRAMES ? m.frames() : 1.0,
        Double::sum));
    double max = group.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    return spec.stratify() ? max * (TAGS.size() + 1) : max;
  }
}
