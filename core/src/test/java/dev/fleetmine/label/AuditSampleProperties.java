package dev.fleetmine.label;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleetmine.query.ClipRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Audit samples are reproducible, distinct frames of the batch, and a larger sample extends a smaller one. */
class AuditSampleProperties {
  static LabelBatch batch(int clips, int framesPerClip) {
    List<LabelBatch.BatchClip> out = new ArrayList<>();
    for (int c = 0; c < clips; c++) {
      List<Long> frames = new ArrayList<>();
      for (int f = 0; f < framesPerClip; f++) {
        frames.add(c * 1_000_000_000L + f * 100_000_000L);
      }
      out.add(new LabelBatch.BatchClip(new ClipRef("log" + c, frames.get(0), frames.get(frames.size() - 1)), frames));
    }
    return new LabelBatch("p", null, out, 1, 1, Instant.EPOCH);
  }

  @Property(tries = 200)
  void reproducibleDistinctAndPrefixClosed(@ForAll @IntRange(min = 1, max = 6) int clips,
      @ForAll @IntRange(min = 1, max = 12) int frames, @ForAll @IntRange(min = 1, max = 80) int k, @ForAll long seed) {
    LabelBatch b = batch(clips, frames);
    List<AuditSample.Item> s = AuditSample.draw(b, List.of(), k, seed);
    assertThat(s).hasSize(Math.min(k, clips * frames));
    assertThat(AuditSample.draw(b, List.of(), k, seed)).isEqualTo(s);
    var keys = new HashSet<String>();
    for (AuditSample.Item i : s) {
      assertThat(keys.add(i.logId() + "@" + i.tsNs())).isTrue();
      assertThat(b.clipOfFrame(i.logId(), i.tsNs())).map(c -> c.clip().id()).contains(i.clip());
    }
    assertThat(s).extracting(AuditSample.Item::rank).containsExactlyElementsOf(
        java.util.stream.IntStream.rangeClosed(1, s.size()).boxed().toList());
    List<AuditSample.Item> more = AuditSample.draw(b, List.of(), k + 5, seed);
    assertThat(more.subList(0, s.size())).isEqualTo(s);
  }
}
