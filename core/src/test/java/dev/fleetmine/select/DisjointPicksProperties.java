package dev.fleetmine.select;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleetmine.query.ClipRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A selection never holds overlapping clips, whatever its strategy and however its candidates overlap
 * (zero-length clips, duplicates, clips nested in others, touching ends); and it stops only when its budget
 * is spent or every candidate left overlaps a pick.
 */
class DisjointPicksProperties {
  static final List<String> STRATEGIES = List.of("uncertainty", "uncertainty,diversity", "diversity", "rarity=0.5,uncertainty");

  @Property(tries = 400)
  void picksNeverOverlapAndStopOnlyWhenNothingIsLeft(@ForAll @IntRange(min = 1, max = 60) int n,
      @ForAll @IntRange(min = 1, max = 25) int budget, @ForAll @IntRange(max = 4) int kind, @ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<ClipRef> clips = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long start = r.nextInt(40) * 100L;
      clips.add(new ClipRef("log" + r.nextInt(3), start, start + r.nextInt(6) * 100L));
    }
    boolean balance = kind == 4;
    Strategy strategy = Strategy.parse(STRATEGIES.get(balance ? 0 : kind));
    Map<String, double[]> scores = new HashMap<>();
    for (Strategy.Term t : strategy.scored()) {
      scores.put(t.key(), r.doubles(n).toArray());
    }
    float[][] emb = new float[n][];
    List<Set<String>> groups = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      emb[i] = new float[] {(float) r.nextDouble(), (float) r.nextDouble()};
      groups.add(Set.of("g" + r.nextInt(3)));
    }
    Selector.Inputs in = new Selector.Inputs(n, scores, emb, new float[0][], groups, clips);
    List<Selector.Pick> picks = Selector.select(strategy, balance ? Balance.parse("tag") : null, in, budget, seed, 2, k -> { });

    List<Integer> idx = picks.stream().map(Selector.Pick::index).toList();
    assertThat(idx).doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(budget);
    for (int a : idx) {
      for (int b : idx) {
        assertThat(a == b || !clips.get(a).overlaps(clips.get(b))).as("%s and %s", clips.get(a), clips.get(b)).isTrue();
      }
    }
    // the diversity stage of a scored strategy sees only the pool of the 4 x budget best; else every candidate
    boolean pooled = strategy.has("diversity") && !strategy.scored().isEmpty() && n > Selector.POOL_FACTOR * budget;
    if (idx.size() < budget && !pooled) {
      for (int c = 0; c < n; c++) {
        int cand = c;
        assertThat(idx.contains(c) || idx.stream().anyMatch(p -> clips.get(p).overlaps(clips.get(cand))))
            .as("candidate %s left out though it overlaps no pick", clips.get(c)).isTrue();
      }
    }
  }

  @Property(tries = 200)
  void disjointCandidatesArePickedAsIfPositionsWereUnknown(@ForAll @IntRange(min = 1, max = 40) int n,
      @ForAll @IntRange(min = 1, max = 15) int budget, @ForAll @IntRange(max = 3) int kind, @ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<ClipRef> clips = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      clips.add(new ClipRef("log", i * 1000L, i * 1000L + r.nextInt(999)));
    }
    Strategy strategy = Strategy.parse(STRATEGIES.get(kind));
    Map<String, double[]> scores = new HashMap<>();
    for (Strategy.Term t : strategy.scored()) {
      scores.put(t.key(), r.doubles(n).toArray());
    }
    float[][] emb = new float[n][];
    for (int i = 0; i < n; i++) {
      emb[i] = new float[] {(float) r.nextDouble(), (float) r.nextDouble()};
    }
    List<Selector.Pick> known = Selector.select(strategy, null, new Selector.Inputs(n, scores, emb, new float[0][], null, clips),
        budget, seed, 1, k -> { });
    List<Selector.Pick> unknown = Selector.select(strategy, null, new Selector.Inputs(n, scores, emb, new float[0][], null),
        budget, seed, 1, k -> { });
    assertThat(known).isEqualTo(unknown);
  }

  @Test
  void aPickRemovesTheCandidatesItOverlaps() {
    // 0 and 1 overlap (1 lies inside 0), 2 touches 0's end at one instant, 3 is apart; ranking 1, 0, 2, 3
    List<ClipRef> clips = List.of(new ClipRef("a", 0, 500), new ClipRef("a", 100, 100), new ClipRef("a", 500, 900),
        new ClipRef("a", 901, 1000));
    Map<String, double[]> scores = Map.of("uncertainty:entropy", new double[] {0.8, 0.9, 0.7, 0.1});
    List<Selector.Pick> p = Selector.select(Strategy.parse("uncertainty"), null,
        new Selector.Inputs(4, scores, null, new float[0][], null, clips), 4, 0, 1, k -> { });
    // 1 removes 0; 2 is free, and removes nothing else; 3 is free
    assertThat(p.stream().map(Selector.Pick::index)).containsExactly(1, 2, 3);
    assertThat(new Overlaps(clips).of(0)).containsExactly(1, 2);
    assertThat(new Overlaps(clips).of(3)).isEmpty();
  }
}
