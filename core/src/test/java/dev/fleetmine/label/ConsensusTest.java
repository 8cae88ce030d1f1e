package dev.fleetmine.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fleetmine.Fleetmine;
import dev.fleetmine.TestLakes;
import dev.fleetmine.ingest.Progress;
import dev.fleetmine.query.ClipRef;
import dev.fleetmine.query.LakeQuery;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Consensus between annotators: Cohen's kappa against hand-computed values, box agreement on real KITTI boxes. */
class ConsensusTest {
  @TempDir
  static Path dir;
  static LabelBatch batch;
  static List<Cuboid> truth;
  static final ClipRef A = ClipRef.parse("kitti-0000@0-900000000");
  static final ClipRef B = ClipRef.parse("kitti-0003@1000000000-1500000000");

  @BeforeAll
  static void labels() {
    Fleetmine fm = Fleetmine.open(dir.resolve("lake"));
    Path kitti = TestLakes.sharedData().resolve("kitti-tracking/label_02");
    fm.ingest("kitti", List.of(kitti.resolve("0000.txt"), kitti.resolve("0003.txt")), Progress.NONE);
    LabelStore store = new LabelStore(fm.lake());
    batch = store.create("qa", null, List.of(A, B), 3);
    try (LakeQuery q = fm.query()) {
      truth = BatchContent.read(q, batch, "gt").clips().stream().flatMap(c -> c.frames().stream())
          .flatMap(f -> f.boxes().stream()).toList();
    }
  }

  static boolean[] bits(String s) {
    boolean[] b = new boolean[s.length()];
    for (int i = 0; i < b.length; i++) {
      b[i] = s.charAt(i) == '1';
    }
    return b;
  }

  @Test
  void kappaOfAHandComputedExample() {
    // 10 items: A says yes to 6, B to 5; both yes 4, both no 3: p_o = 0.7, p_e = 0.6*0.5 + 0.4*0.5 = 0.5, kappa = 0.2/0.5
    CohenKappa k = CohenKappa.of(bits("1111110000"), bits("1111001000"));
    assertThat(List.of(k.items(), k.bothYes(), k.onlyA(), k.onlyB(), k.bothNo())).containsExactly(10L, 4L, 2L, 1L, 3L);
    assertThat(k.observed()).isEqualTo(0.7);
    assertThat(k.kappa()).isEqualTo(0.4);
    // Cohen (1960)-style table: 100 items, 45 both yes, 15 only A, 25 only B, 15 both no:
    // p_o = 0.6, p_e = 0.6*0.7 + 0.4*0.3 = 0.54, kappa = 0.06/0.46 = 3/23
    assertThat(new CohenKappa(100, 45, 15, 25, 15).kappa()).isEqualTo(3.0 / 23);
    assertThat(CohenKappa.of(bits("1100"), bits("1100")).kappa()).isEqualTo(1.0);
    assertThat(CohenKappa.of(bits("1010"), bits("0101")).kappa()).isEqualTo(-1.0);
    // chance agreement 1 (both always say no): undefined
    assertThat(CohenKappa.of(bits("0000"), bits("0000")).kappa()).isNaN();
    assertThat(CohenKappa.of(new boolean[0], new boolean[0]).kappa()).isNaN();
    assertThatThrownBy(() -> CohenKappa.of(bits("1"), bits("10"))).hasMessage("raters decided on 1 and 2 items");
  }

  static Cuboid shifted(Cuboid c, double d) {
    return new Cuboid(c.logId(), c.tsNs(), c.trackId(), c.category(), c.rawLabel(), c.x() + d * Math.cos(c.yaw()),
        c.y() + d * Math.sin(c.yaw()), c.z(), c.length(), c.width(), c.height(), c.yaw(), "bob", null, "{}");
  }

  @Test
  void boxAgreementAndTagKappaBetweenTwoAnnotators() {
    assertThat(truth).hasSize(18);
    // bob: moves the first car 0.5 m along its heading, leaves out the first pedestrian, tags one more clip
    List<Cuboid> bob = new ArrayList<>();
    Cuboid movedCar = truth.stream().filter(c -> c.category().equals("car")).findFirst().orElseThrow();
    Cuboid droppedPed = truth.stream().filter(c -> c.category().equals("pedestrian")).findFirst().orElseThrow();
    for (Cuboid c : truth) {
      if (c == movedCar) {
        bob.add(shifted(c, 0.5));
      } else if (c != droppedPed) {
        bob.add(c.withAnnotator("bob"));
      }
    }
    List<ClipTag> aliceTags = List.of(new ClipTag(A, "cut_in", "alice"));
    List<ClipTag> bobTags = List.of(new ClipTag(A, "cut_in", "bob"), new ClipTag(B, "hard_brake", "bob"));
    List<Consensus.PairAgreement> pairs = Consensus.compare(batch, List.of(new Consensus.Labels("v1", truth, aliceTags),
        new Consensus.Labels("v2", bob, bobTags)), Consensus.DEFAULT_THRESHOLD);
    assertThat(pairs).hasSize(1);
    Consensus.PairAgreement p = pairs.get(0);
    // a box moved along its length L by d overlaps (L - d) W of the union (L + d) W: IoU = (L - d) / (L + d)
    double l = movedCar.length();
    double movedIou = (l - 0.5) / (l + 0.5);
    assertThat(p.boxes().boxesA()).isEqualTo(18);
    assertThat(p.boxes().boxesB()).isEqualTo(17);
    assertThat(p.boxes().matched()).isEqualTo(17);
    assertThat(p.boxes().agreement()).isEqualTo(34.0 / 35);
    assertThat(p.boxes().meanIou()).isCloseTo((16 + movedIou) / 17, within(1e-9));
    assertThat(p.categories().get("pedestrian").agreement()).isEqualTo(2.0 / 3);
    assertThat(p.categories().get("car").meanIou()).isCloseTo((11 + movedIou) / 12, within(1e-9));
    assertThat(p.categories().get("cyclist").agreement()).isEqualTo(1.0);
    // tags: items (A, cut_in) yes/yes, (B, cut_in) no/no, (A, hard_brake) no/no, (B, hard_brake) no/yes:
    // n = 4, agree = 3, m = 1*2 + 3*2 = 8, kappa = (4*3 - 8) / (16 - 8) = 0.5
    assertThat(p.tags().kappa()).isEqualTo(0.5);
    assertThat(p.tagKappas().keySet()).containsExactly("cut_in", "hard_brake");
    assertThat(p.tagKappas().get("cut_in").kappa()).isEqualTo(1.0);
    assertThat(p.tagKappas().get("hard_brake").kappa()).isEqualTo(0.0);
  }

  @Test
  void aBoxShiftedPastTheThresholdIsNotAMatch() {
    Cuboid car = truth.stream().filter(c -> c.category().equals("car")).findFirst().orElseThrow();
    double l = car.length();
    // IoU (L - d) / (L + d) < 0.5 when d > L / 3
    Consensus.BoxAgreement far = Consensus.match(List.of(car), List.of(shifted(car, l / 3 + 0.01)), 0.5);
    assertThat(far.matched()).isZero();
    assertThat(far.agreement()).isEqualTo(0.0);
    Consensus.BoxAgreement near = Consensus.match(List.of(car), List.of(shifted(car, l / 3 - 0.01)), 0.5);
    assertThat(near.matched()).isEqualTo(1);
    // greedy: two candidates for one box, the better one wins
    Consensus.BoxAgreement two = Consensus.match(List.of(shifted(car, 1.0), car), List.of(car), 0.5);
    assertThat(two.matched()).isEqualTo(1);
    assertThat(two.meanIou()).isCloseTo(1.0, within(1e-9));
    assertThat(Consensus.match(List.of(), List.of(), 0.5).agreement()).isNaN();
  }

  @Test
  void threeVersionsGiveEveryPair() {
    List<Consensus.Labels> v = List.of(new Consensus.Labels("v1", truth, List.of()), new Consensus.Labels("v2", truth, List.of()),
        new Consensus.Labels("v3", List.of(), List.of()));
    List<Consensus.PairAgreement> pairs = Consensus.compare(batch, v, 0.5);
    assertThat(pairs).extracting(p -> p.a() + "-" + p.b()).containsExactly("v1-v2", "v1-v3", "v2-v3");
    assertThat(pairs).extracting(p -> p.boxes().agreement()).containsExactly(1.0, 0.0, 0.0);
    assertThat(pairs.get(0).tags().kappa()).isNaN();
    assertThatThrownBy(() -> Consensus.compare(batch, v.subList(0, 1), 0.5))
        .hasMessage("consensus needs two or more label versions, got 1");
  }
}
