package dev.fleetmine.eval.det3d;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class BoxGeometryTest {
  private static final double EPS = 1e-9;

  static Box3d box(double x, double y, double length, double width, double yaw) {
    return new Box3d(x, y, 0, length, width, 2, yaw);
  }

  @Test
  void axisAlignedOverlapIsTheRectangleOfTheOverlappingRanges() {
    // A spans x [-2, 2], y [-1, 1], z [-1, 1]; B spans x [-1, 3], y [-0.5, 1.5], z [-0.5, 1.5]
    Box3d a = new Box3d(0, 0, 0, 4, 2, 2, 0);
    Box3d b = new Box3d(1, 0.5, 0.5, 4, 2, 2, 0);
    assertThat(BoxGeometry.bevIntersectionArea(a, b)).isCloseTo(4.5, within(1e-12)); // 3 x 1.5
    assertThat(BoxGeometry.bevIou(a, b)).isCloseTo(9.0 / 23, within(1e-12)); // 4.5 / (8 + 8 - 4.5)
    assertThat(BoxGeometry.iou3d(a, b)).isCloseTo(27.0 / 101, within(1e-12)); // 6.75 / (16 + 16 - 6.75)
  }

  @Test
  void squareAgainstItselfTurned45DegreesIsOneOverRootTwo() {
    // 2x2 square and the same square turned 45 degrees: the intersection is a regular octagon of area
    // 4 - 4 * (2 - sqrt2)^2 / 2 = 8 sqrt2 - 8, so IoU = (8 sqrt2 - 8) / (8 - (8 sqrt2 - 8)) = 1 / sqrt2
    Box3d a = box(0, 0, 2, 2, 0);
    Box3d b = box(0, 0, 2, 2, Math.PI / 4);
    assertThat(BoxGeometry.bevIntersectionArea(a, b)).isCloseTo(8 * Math.sqrt(2) - 8, within(1e-12));
    assertThat(BoxGeometry.bevIou(a, b)).isCloseTo(1 / Math.sqrt(2), within(1e-12));
    assertThat(BoxGeometry.iou3d(a, b)).isCloseTo(1 / Math.sqrt(2), within(1e-12)); // same z span
  }

  @Test
  void containedBoxIsTheRatioOfAreasAndApartBoxesAreZero() {
    assertThat(BoxGeometry.bevIou(box(0, 0, 4, 4, 0.3), box(0, 0, 2, 2, 1.1))).isCloseTo(0.25, within(1e-12));
    assertThat(BoxGeometry.bevIou(box(0, 0, 4, 2, 0), box(4, 0, 4, 2, 0))).isEqualTo(0.0); // touching edges
    assertThat(BoxGeometry.bevIou(box(0, 0, 4, 2, 0), box(30, 0, 4, 2, 0))).isEqualTo(0.0);
    Box3d low = new Box3d(0, 0, 0, 4, 2, 2, 0);
    Box3d high = new Box3d(0, 0, 2, 4, 2, 2, 0);
    assertThat(BoxGeometry.bevIou(low, high)).isEqualTo(1.0);
    assertThat(BoxGeometry.iou3d(low, high)).isEqualTo(0.0); // stacked: z spans [-1, 1] and [1, 3]
    Box3d half = new Box3d(0, 0, 1, 4, 2, 2, 0);
    assertThat(BoxGeometry.iou3d(low, half)).isCloseTo(1.0 / 3, within(1e-12)); // 8 / (16 + 16 - 8)
  }

  @Test
  void centreDistanceIgnoresHeight() {
    assertThat(BoxGeometry.centreDistance(new Box3d(1, 2, 0, 1, 1, 1, 0), new Box3d(4, 6, 9, 1, 1, 1, 2)))
        .isEqualTo(5.0);
  }

  @Test
  void farFromTheOriginLosesNoPrecision() {
    // city-frame coordinates: the clip works relative to the first box's centre
    Box3d a = box(4_000_123.25, 5_000_456.5, 4, 2, 0);
    Box3d b = box(4_000_124.25, 5_000_457.0, 4, 2, 0);
    assertThat(BoxGeometry.bevIou(a, b)).isCloseTo(9.0 / 23, within(1e-12));
  }

  @Test
  void badBoxesNameTheField() {
    assertThatThrownBy(() -> new Box3d(0, 0, 0, -1, 2, 2, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Box3d.length must be a finite number > 0, got -1.0");
    assertThatThrownBy(() -> new Box3d(0, Double.NaN, 0, 1, 2, 2, 0)).hasMessage("Box3d.y must be finite, got NaN");
    assertThatThrownBy(() -> new Box3d(0, 0, 0, 1, 2, 0, 0))
        .hasMessage("Box3d.height must be a finite number > 0, got 0.0");
  }

  @Provide
  Arbitrary<Box3d> boxes() {
    Arbitrary<Double> pos = Arbitraries.doubles().between(-4, 4).ofScale(6);
    Arbitrary<Double> size = Arbitraries.doubles().between(0.3, 6).ofScale(6);
    Arbitrary<Double> yaw = Arbitraries.doubles().between(-3.2, 3.2).ofScale(6);
    return Combinators.combine(pos, pos, pos, size, size, size, yaw).as(Box3d::new);
  }

  @Property
  void iouIsSymmetricAndBetweenZeroAndOne(@ForAll("boxes") Box3d a, @ForAll("boxes") Box3d b) {
    double bev = BoxGeometry.bevIou(a, b);
    double iou3 = BoxGeometry.iou3d(a, b);
    assertThat(bev).isBetween(0.0, 1.0);
    assertThat(iou3).isBetween(0.0, 1.0);
    assertThat(iou3).isLessThanOrEqualTo(bev + EPS); // vertical overlap can only lower it
    assertThat(BoxGeometry.bevIou(b, a)).isCloseTo(bev, within(EPS));
    assertThat(BoxGeometry.iou3d(b, a)).isCloseTo(iou3, within(EPS));
  }

  @Property
  void aBoxOverlapsItselfCompletely(@ForAll("boxes") Box3d a) {
    assertThat(BoxGeometry.bevIou(a, a)).isCloseTo(1.0, within(EPS));
    assertThat(BoxGeometry.iou3d(a, a)).isCloseTo(1.0, within(EPS));
  }

  @Property
  void turningAndMovingBothBoxesTogetherChangesNothing(@ForAll("boxes") Box3d a, @ForAll("boxes") Box3d b,
      @ForAll @DoubleRange(min = -4, max = 4) double theta, @ForAll @DoubleRange(min = -100, max = 100) double tx,
      @ForAll @DoubleRange(min = -100, max = 100) double ty) {
    assertThat(BoxGeometry.bevIou(moved(a, theta, tx, ty), moved(b, theta, tx, ty)))
        .isCloseTo(BoxGeometry.bevIou(a, b), within(EPS));
    assertThat(BoxGeometry.iou3d(moved(a, theta, tx, ty), moved(b, theta, tx, ty)))
        .isCloseTo(BoxGeometry.iou3d(a, b), within(EPS));
  }

  @Property
  void headingPlusPiIsTheSameBox(@ForAll("boxes") Box3d a, @ForAll("boxes") Box3d b) {
    Box3d flipped = new Box3d(a.x(), a.y(), a.z(), a.length(), a.width(), a.height(), a.yaw() + Math.PI);
    assertThat(BoxGeometry.bevIou(flipped, b)).isCloseTo(BoxGeometry.bevIou(a, b), within(EPS));
    assertThat(BoxGeometry.iou3d(flipped, b)).isCloseTo(BoxGeometry.iou3d(a, b), within(EPS));
  }

  /** The box rotated by {@code theta} about the origin, then shifted by (tx, ty). */
  private static Box3d moved(Box3d b, double theta, double tx, double ty) {
    double c = Math.cos(theta);
    double s = Math.sin(theta);
    return new Box3d(c * b.x() - s * b.y() + tx, s * b.x() + c * b.y() + ty, b.z(), b.length(), b.width(),
        b.height(), b.yaw() + theta);
  }
}
