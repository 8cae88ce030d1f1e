package dev.fleetmine.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;

/** A box's footprint survives the trip through Label Studio's rotated-rectangle percent coordinates. */
class BevFrameProperties {
  @Property(tries = 500)
  void rectangleRoundTrip(@ForAll @DoubleRange(min = -500, max = 500) double egoX, @ForAll @DoubleRange(min = -500, max = 500) double egoY,
      @ForAll @DoubleRange(min = -90, max = 90) double dx, @ForAll @DoubleRange(min = -90, max = 90) double dy,
      @ForAll @DoubleRange(min = 0.1, max = 20) double length, @ForAll @DoubleRange(min = 0.1, max = 5) double width,
      @ForAll @DoubleRange(min = -0.99999, max = 1) @Scale(5) double turns) {
    double yaw = turns * Math.PI; // in (-pi, pi], the lake's range
    BevFrame f = BevFrame.around(egoX, egoY);
    BevFrame.Rect r = f.toRect(egoX + dx, egoY + dy, length, width, yaw);
    assertThat(r.rotation()).isBetween(0.0, 360.0).isLessThan(360.0);
    double[] back = f.fromRect(r);
    assertThat(back[0]).isCloseTo(egoX + dx, within(1e-9));
    assertThat(back[1]).isCloseTo(egoY + dy, within(1e-9));
    assertThat(back[2]).isCloseTo(length, within(1e-9));
    assertThat(back[3]).isCloseTo(width, within(1e-9));
    assertThat(back[4]).isCloseTo(yaw, within(1e-9));
  }
}
