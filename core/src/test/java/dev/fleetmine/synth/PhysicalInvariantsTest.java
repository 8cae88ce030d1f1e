package dev.fleetmine.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleetmine.ingest.EgoSample;
import dev.fleetmine.ingest.ObjectSample;
import dev.fleetmine.ingest.Progress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** Physical plausibility of the generated rows, over many seeds (4-minute logs). */
class PhysicalInvariantsTest {
  private static final double DT = 0.1;
  private static final double EGO_LENGTH = 4.8;
  private static final double EGO_WIDTH = 1.9;

  static RecordingSink generate(long seed) {
    RecordingSink sink = new RecordingSink();
    new FleetGenerator(new FleetSpec(4.0 / 60, seed, 4, 15)).generate(sink, Progress.NONE);
    return sink;
  }

  @Property(tries = 25)
  void egoMovesWithinLimits(@ForAll @LongRange(min = 0, max = 1_000_000_000L) long seed) {
    for (RecordingSink.Log log : generate(seed).logs) {
      double limit = Double.parseDouble(log.info().metadata().get("speed_limit_mps"));
      List<EgoSample> ego = log.ego();
      for (int i = 0; i < ego.size(); i++) {
        EgoSample e = ego.get(i);
        assertThat(e.speed()).as("ego speed at %d", e.tsNs()).isBetween(0.0, limit);
        if (i > 0) {
          EgoSample p = ego.get(i - 1);
          assertThat(e.tsNs() - p.tsNs()).isEqualTo(100_000_000L);
          double accel = (e.speed() - p.speed()) / DT;
          assertThat(accel).as("ego accel at %d", e.tsNs()).isBetween(-8.6, 2.0 + 1e-9);
          double step = Math.hypot(e.x() - p.x(), e.y() - p.y());
          assertThat(step).as("ego step at %d", e.tsNs()).isLessThanOrEqualTo(Math.max(e.speed(), p.speed()) * DT + 1e-6);
        }
      }
    }
  }

  @Property(tries = 25)
  void objectsMoveWithinLimitsOnContiguousTracks(@ForAll @LongRange(min = 0, max = 1_000_000_000L) long seed) {
    for (RecordingSink.Log log : generate(seed).logs) {
      double limit = Double.parseDouble(log.info().metadata().get("speed_limit_mps"));
      Map<Long, Integer> frameOf = new HashMap<>();
      for (int i = 0; i < log.ego().size(); i++) {
        frameOf.put(log.ego().get(i).tsNs(), i);
      }
      Map<String, List<ObjectSample>> tracks = new LinkedHashMap<>();
      for (ObjectSample o : log.objects()) {
        assertThat(frameOf).as("object %s has an ego state", o.trackId()).containsKey(o.tsNs());
        tracks.computeIfAbsent(o.trackId(), k -> new ArrayList<>()).add(o);
      }
      for (List<ObjectSample> t : tracks.values()) {
        checkTrack(t, frameOf, limit);
      }
    }
  }

  private static void checkTrack(List<ObjectSample> t, Map<Long, Integer> frameOf, double limit) {
    for (int i = 0; i < t.size(); i++) {
      ObjectSample o = t.get(i);
      double v = Math.hypot(o.vx(), o.vy());
      assertThat(v).as("speed of %s at %d", o.trackId(), o.tsNs()).isLessThanOrEqualTo(1.15 * limit);
      if (i > 0) {
        ObjectSample p = t.get(i - 1);
        assertThat(frameOf.get(o.tsNs())).as("track %s is contiguous", o.trackId()).isEqualTo(frameOf.get(p.tsNs()) + 1);
        double step = Math.hypot(o.x() - p.x(), o.y() - p.y());
        double vp = Math.hypot(p.vx(), p.vy());
        assertThat(step).as("step of %s at %d", o.trackId(), o.tsNs()).isLessThanOrEqualTo(Math.max(v, vp) * DT * 1.05 + 0.02);
      }
    }
  }

  @Property(tries = 25)
  void noVehicleOverlapsTheEgoOrAnotherVehicle(@ForAll @LongRange(min = 0, max = 1_000_000_000L) long seed) {
    for (RecordingSink.Log log : generate(seed).logs) {
      Map<Long, EgoSample> ego = new HashMap<>();
      log.ego().forEach(e -> ego.put(e.tsNs(), e));
      Map<Long, List<ObjectSample>> frames = new LinkedHashMap<>();
      log.objects().forEach(o -> frames.computeIfAbsent(o.tsNs(), k -> new ArrayList<>()).add(o));
      for (var f : frames.entrySet()) {
        EgoSample e = ego.get(f.getKey());
        List<ObjectSample> os = f.getValue();
        for (int i = 0; i < os.size(); i++) {
          ObjectSample a = os.get(i);
          assertThat(Boxes.overlap(e.x(), e.y(), e.yaw(), EGO_LENGTH, EGO_WIDTH, a.x(), a.y(), a.yaw(), a.length(),
              a.width())).as("%s overlaps the ego at %d", a.trackId(), a.tsNs()).isFalse();
          if (!a.category().isVehicle()) {
            continue;
          }
          for (int j = i + 1; j < os.size(); j++) {
            ObjectSample b = os.get(j);
            if (b.category().isVehicle()) {
              assertThat(Boxes.overlap(a.x(), a.y(), a.yaw(), a.length(), a.width(), b.x(), b.y(), b.yaw(), b.length(),
                  b.width())).as("%s overlaps %s at %d", a.trackId(), b.trackId(), a.tsNs()).isFalse();
            }
          }
        }
      }
    }
  }
}
