package dev.fleetmine.ingest.map;

import static dev.fleetmine.ingest.map.MapRasterTest.rect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The rules of {@link MapDistances} at their edges (cap, stop zone limits) on hand-made maps. */
class MapDistancesRulesTest {
  /**
   * In the map's frame, which is the log's frame moved by (1000, 0): a 16 m wide road to x = 1002 whose
   * stop sign stands at (1000, 3), a 4 m x 2 m crossing from x = 1000, an intersection lane from x = 1010.
   */
  static VectorMap map(boolean knowsIntersections) {
    Lane road = new Lane(1, "VEHICLE", false, List.of(rect(970, -8, 1002, 8)));
    Lane junction = new Lane(2, "VEHICLE", true, List.of(rect(1010, -2, 1014, 2)));
    return new VectorMap("test", List.of(road, junction), List.of(rect(1000, -1, 1004, 1)), List.of(),
        knowsIntersections, List.of(new StopSign(9, 1000, 3, List.of(1L))));
  }

  static final MapDistances D = new MapDistances(map(true), 1000, 0);

  @Test
  void distancesAreExactUpToTheCapAndNullBeyond() {
    assertThat(D.crosswalk(2, 0)).isZero();
    assertThat(D.crosswalk(2, 4)).isEqualTo(3.0);
    assertThat(D.crosswalk(7, 5)).isCloseTo(5.0, within(1e-12));
    assertThat(D.crosswalk(2, 21)).isEqualTo(20.0);
    assertThat(D.crosswalk(2, 21.001)).isNull();
    assertThat(D.intersection(12, 0)).isZero();
    assertThat(D.intersection(4, 0)).isEqualTo(6.0);
    assertThat(D.intersection(-20, 0)).isNull();
    assertThat(new MapDistances(map(false), 1000, 0).intersection(12, 0)).isNull();
  }

  @Test
  void theStopZoneRunsFromOneMetreBehindToTheCapAndUnderSevenMetresToEitherSide() {
    // log-local: the sign at (0, 3), the road x < 2; heading east (yaw 0) the sign is -x ahead
    assertThat(D.stopSign(-5, 0, 0)).isCloseTo(5.0, within(1e-12));
    assertThat(D.stopSign(-20, 0, 0)).isCloseTo(20.0, within(1e-12));
    assertThat(D.stopSign(-20.5, 0, 0)).isNull();
    assertThat(D.stopSign(-5, 0, Math.PI)).isNull();
    assertThat(D.stopSign(0.9, 0, 0)).isCloseTo(-0.9, within(1e-12));
    assertThat(D.stopSign(1, 0, 0)).isNull();
    assertThat(D.stopSign(-5, -3.9, 0)).isCloseTo(5.0, within(1e-12));
    assertThat(D.stopSign(-5, -4, 0)).isNull();
    // past the end of the road, in no lane the sign stops, though the sign is 2.5 m ahead heading west
    assertThat(D.stopSign(2.5, 0, Math.PI)).isNull();
    // in the intersection lane, which the sign does not stop, 12 m past it heading west
    assertThat(D.stopSign(12, 0, Math.PI)).isNull();
  }

  @Property(tries = 200)
  void distanceAgreesWithJavaAwtGeometry(@ForAll @IntRange(min = 3, max = 9) int n,
      @ForAll @DoubleRange(min = -6, max = 6) double px, @ForAll @DoubleRange(min = -6, max = 6) double py,
      @ForAll @IntRange(min = 0, max = 1000) int seed) {
    java.util.Random r = new java.util.Random(seed);
    double[] xs = new double[n];
    double[] ys = new double[n];
    Path2D.Double path = new Path2D.Double(Path2D.WIND_EVEN_ODD);
    for (int i = 0; i < n; i++) {
      double ang = 2 * Math.PI * i / n;
      double rad = 0.5 + 4 * r.nextDouble();
      xs[i] = rad * Math.cos(ang);
      ys[i] = rad * Math.sin(ang);
      if (i == 0) {
        path.moveTo(xs[i], ys[i]);
      } else {
        path.lineTo(xs[i], ys[i]);
      }
    }
    path.closePath();
    double expected = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      int j = (i + 1) % n;
      expected = Math.min(expected, Line2D.ptSegDist(xs[i], ys[i], xs[j], ys[j], px, py));
    }
    double d = new Polygon(xs, ys).distance(px, py);
    if (path.contains(px, py)) {
      assertThat(d).isZero();
    } else {
      // a point on an edge may count as inside for one rule and not the other: both give 0 then
      assertThat(d).isCloseTo(expected, within(1e-12));
    }
  }
}
