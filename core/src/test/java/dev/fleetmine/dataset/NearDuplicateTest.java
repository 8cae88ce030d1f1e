package dev.fleetmine.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleetmine.Fleetmine;
import dev.fleetmine.TestLakes;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.vector.ClipIndex;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Near-duplicate dedup through the similarity index on the KITTI sample. */
class NearDuplicateTest {
  @TempDir
  Path dir;

  @Test
  void aClipWhoseNearestScenesAreMembersIsDroppedOnlyAtItsThreshold() {
    Fleetmine fm = Fleetmine.open(dir.resolve("lake"));
    fm.ingest("kitti", List.of(TestLakes.sharedData().resolve("kitti-tracking")), Progress.NONE);
    ClipIndex.build(fm.lake(), Progress.NONE);
    DatasetStore s = new DatasetStore(fm.lake());
    // v1: every log but kitti-0020, whole; so every hit of a kitti-0020 clip's scene is a member's
    StringBuilder whole = new StringBuilder();
    for (List<Object> r : TestLakes.query(fm.lake(), "SELECT log_id, start_ns, end_ns FROM logs WHERE log_id <> 'kitti-0020' ORDER BY 1")) {
      whole.append(whole.isEmpty() ? "" : ",").append(r.get(0)).append('@').append(r.get(1)).append('-').append(r.get(2));
    }
    s.create("nd", MemberSource.Clips.parse(whole.toString()), null, 0);
    MemberSource clip = MemberSource.Clips.parse("kitti-0020@10000000000-18000000000");
    // scores are (1 + cos) / 2 <= 1: a threshold above 1 finds no near-duplicates
    DatasetVersion kept = s.add("nd", clip, null, 1.01);
    assertThat(kept.lastStep().nearDuplicates()).isZero();
    assertThat(kept.lastStep().added()).isEqualTo(1);
    s.create("nd2", MemberSource.Clips.parse(whole.toString()), null, 0);
    assertThatThrownBy(() -> s.add("nd2", clip, null, 1e-9)).hasMessageContaining("(0 exact duplicate(s), 1 near-duplicate(s))");
    assertThat(s.versions("nd2")).containsExactly(1);
  }
}
