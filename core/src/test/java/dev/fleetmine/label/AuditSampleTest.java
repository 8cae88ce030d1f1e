package dev.fleetmine.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Audit sample sizes and the box counts of sampled frames (the properties are in {@link AuditSampleProperties}). */
class AuditSampleTest {
  @Test
  void sizesAndBoxCounts() {
    assertThat(AuditSample.size("20", 100)).isEqualTo(20);
    assertThat(AuditSample.size("10%", 95)).isEqualTo(10);
    assertThat(AuditSample.size("10%", 100)).isEqualTo(10);
    assertThat(AuditSample.size("1%", 5)).isEqualTo(1);
    assertThatThrownBy(() -> AuditSample.size("0", 5))
        .hasMessage("--sample '0': expected a number of frames >= 1 or a percentage in (0, 100]");
    LabelBatch b = AuditSampleProperties.batch(1, 3);
    Cuboid box = new Cuboid("log0", 100_000_000L, "1", "car", "car", 1, 2, 0, 4, 2, 1.5, 0, "a", null, "{}");
    List<AuditSample.Item> all = AuditSample.draw(b, List.of(box, box), 3, 7);
    assertThat(all).filteredOn(i -> i.tsNs() == 100_000_000L).extracting(AuditSample.Item::boxes).containsExactly(2L);
    assertThat(all).filteredOn(i -> i.tsNs() != 100_000_000L).extracting(AuditSample.Item::boxes).containsOnly(0L);
  }
}
