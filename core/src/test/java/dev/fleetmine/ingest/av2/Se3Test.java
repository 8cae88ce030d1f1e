package dev.fleetmine.ingest.av2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class Se3Test {
  /** A rotation about +z by {@code yaw} with a translation. */
  static Se3 yawPose(double yaw, double tx, double ty) {
    return new Se3(Math.cos(yaw / 2), 0, 0, Math.sin(yaw / 2), tx, ty, 0);
  }

  @Test
  void quarterTurnMapsXToY() {
    double[] p = yawPose(Math.PI / 2, 10, 20).apply(1, 0, 0);
    assertThat(p[0]).isCloseTo(10, within(1e-12));
    assertThat(p[1]).isCloseTo(21, within(1e-12));
    assertThat(p[2]).isCloseTo(0, within(1e-12));
  }

  @Property
  void composingYawsAddsThemAndComposesTranslations(@ForAll @DoubleRange(min = -3, max = 3) double a,
      @ForAll @DoubleRange(min = -3, max = 3) double b, @ForAll @DoubleRange(min = -50, max = 50) double x) {
    Se3 outer = yawPose(a, 100, -5);
    Se3 inner = yawPose(b, x, 2);
    Se3 c = outer.compose(inner);
    double expected = Math.atan2(Math.sin(a + b), Math.cos(a + b));
    assertThat(Math.abs(Math.atan2(Math.sin(c.yaw() - expected), Math.cos(c.yaw() - expected)))).isLessThan(1e-9);
    double[] viaCompose = c.apply(1, 2, 3);
    double[] inner1 = inner.apply(1, 2, 3);
    double[] viaSteps = outer.apply(inner1[0], inner1[1], inner1[2]);
    for (int i = 0; i < 3; i++) {
      assertThat(viaCompose[i]).isCloseTo(viaSteps[i], within(1e-9));
    }
  }

  @Property
  void slerpOfYawsInterpolatesTheAngleLinearly(@ForAll @DoubleRange(min = -1.5, max = 1.5) double a,
      @ForAll @DoubleRange(min = -1.5, max = 1.5) double b, @ForAll @DoubleRange(min = 0, max = 1) double f) {
    Se3 p = Se3.interpolate(yawPose(a, 0, 0), yawPose(b, 10, 20), f);
    assertThat(p.yaw()).isCloseTo(a + f * (b - a), within(1e-9));
    assertThat(p.tx()).isCloseTo(10 * f, within(1e-9));
    assertThat(p.quaternionNorm()).isCloseTo(1, within(1e-12));
  }

  @Test
  void slerpTakesTheShortWayAcrossThePiBoundary() {
    // 170 deg to -170 deg is a 20 deg turn through 180, not a 340 deg one through 0
    Se3 mid = Se3.interpolate(yawPose(Math.toRadians(170), 0, 0), yawPose(Math.toRadians(-170), 0, 0), 0.5);
    assertThat(Math.abs(mid.yaw())).isCloseTo(Math.PI, within(1e-9));
  }
}
