package dev.fleetmine.ingest.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The cell rules of {@link MapRaster} on hand-made polygons whose cells are known. */
class MapRasterTest {
  static Polygon rect(double x0, double y0, double x1, double y1) {
    return new Polygon(new double[] {x0, x1, x1, x0}, new double[] {y0, y0, y1, y1});
  }

  static VectorMap lanes(List<Lane> lanes) {
    return new VectorMap("test", lanes, List.of(), List.of(), true);
  }

  static List<MapRaster.Cell> cells(VectorMap map, double ox, double oy) {
    List<MapRaster.Cell> out = new ArrayList<>();
    MapRaster.rasterize(map, ox, oy, new MapRaster.Window(-1000, -1000, 1000, 1000), out::add);
    return out;
  }

  @Test
  void aCellTakesAPolygonThatContainsItsCentre() {
    // centres of cells 0 and 1 are at 0.25 and 0.75 m
    assertThat(cells(lanes(List.of(new Lane(1, "VEHICLE", false, List.of(rect(0, 0, 1, 1))))), 0, 0)).hasSize(4);
    assertThat(cells(lanes(List.of(new Lane(1, "VEHICLE", false, List.of(rect(0.2, 0.2, 0.8, 0.8))))), 0, 0))
        .extracting(MapRaster.Cell::cx, MapRaster.Cell::cy).hasSize(4);
    assertThat(cells(lanes(List.of(new Lane(1, "VEHICLE", false, List.of(rect(0.3, 0.3, 0.7, 0.7))))), 0, 0))
        .isEmpty();
  }

  @Test
  void theMapIsMovedToTheLogFrameBySubtractingTheOrigin() {
    List<MapRaster.Cell> c = cells(new VectorMap("test", List.of(), List.of(rect(1000, 2000, 1000.5, 2000.5)),
        List.of(), true), 1000, 2000);
    assertThat(c).containsExactly(new MapRaster.Cell(0, 0, null, null, false, true, false));
    assertThat(MapRaster.cell(-0.01)).isEqualTo(-1);
    assertThat(MapRaster.cell(0.49)).isZero();
  }

  @Test
  void overlappingLanesGiveTheSmallestIdAndAnyIntersection() {
    Lane straight = new Lane(20, "BUS", true, List.of(rect(0, 0, 2, 1)));
    Lane turn = new Lane(10, "VEHICLE", false, List.of(rect(1, 0, 3, 1)));
    List<MapRaster.Cell> c = cells(lanes(List.of(straight, turn)), 0, 0);
    // x cells 0,1 only lane 20; 2,3 both (lane 10 wins, in an intersection via 20); 4,5 only lane 10
    assertThat(c).filteredOn(x -> x.cy() == 0).extracting(MapRaster.Cell::laneId)
        .containsExactly("20", "20", "10", "10", "10", "10");
    assertThat(c).filteredOn(x -> x.cy() == 0).extracting(MapRaster.Cell::laneType)
        .containsExactly("BUS", "BUS", "VEHICLE", "VEHICLE", "VEHICLE", "VEHICLE");
    assertThat(c).filteredOn(x -> x.cy() == 0).extracting(MapRaster.Cell::inIntersection)
        .containsExactly(true, true, true, true, false, false);
  }

  @Test
  void mapsWithoutIntersectionsLeaveTheFlagUnknown() {
    VectorMap m = new VectorMap("waymo", List.of(new Lane(1, "VEHICLE", null, List.of(rect(0, 0, 0.5, 0.5)))),
        List.of(), List.of(), false);
    assertThat(cells(m, 0, 0)).containsExactly(new MapRaster.Cell(0, 0, "1", "VEHICLE", null, false, false));
  }

  @Test
  void aWaymoCentrelineBecomesARectangleAroundIt() {
    List<Polygon> pieces = WaymoMapReader.corridor(new double[][] {{0, 0}, {5, 0}, {10, 0}}, 1.75);
    assertThat(pieces).hasSize(2);
    List<MapRaster.Cell> c = cells(lanes(List.of(new Lane(7, "VEHICLE", null, pieces))), 0, 0);
    // rows with centres -1.75 ... 1.25 (the lower edge is inside, the upper not), 20 columns
    assertThat(c).hasSize(7 * 20);
    assertThat(WaymoMapReader.laneType("TYPE_BIKE_LANE")).isEqualTo("BIKE");
    assertThat(WaymoMapReader.laneType("TYPE_SURFACE_STREET")).isEqualTo("VEHICLE");
    assertThat(WaymoMapReader.laneType("TYPE_UNDEFINED")).isEqualTo("UNDEFINED");
  }

  @Test
  void onlyKeptCellsInTheWindowAreEmitted() {
    VectorMap m = new VectorMap("test", List.of(), List.of(), List.of(rect(0, 0, 5, 5)), true);
    List<MapRaster.Cell> out = new ArrayList<>();
    long n = MapRaster.rasterize(m, 0, 0, new MapRaster.Window(2, 2, 4, 4),
        k -> k == MapRaster.key(3, 4) || k == MapRaster.key(9, 9), out::add);
    assertThat(n).isEqualTo(1);
    assertThat(out).containsExactly(new MapRaster.Cell(3, 4, null, null, false, false, true));
  }

  /** The scanline raster marks exactly the cells whose centre {@link Polygon#contains} says is inside. */
  @Property(tries = 200)
  void rasterAgreesWithPointInPolygon(@ForAll @IntRange(min = 3, max = 8) int n,
      @ForAll @DoubleRange(min = -8, max = 8) double cx, @ForAll @DoubleRange(min = -8, max = 8) double cy,
      @ForAll @DoubleRange(min = 0, max = 6.28) double phase, @ForAll @IntRange(min = 0, max = 1000) int seed) {
    java.util.Random r = new java.util.Random(seed);
    double[] xs = new double[n];
    double[] ys = new double[n];
    for (int i = 0; i < n; i++) {
      double a = phase + 2 * Math.PI * i / n;
      double rad = 0.5 + 4 * r.nextDouble();
      xs[i] = cx + rad * Math.cos(a);
      ys[i] = cy + rad * Math.sin(a);
    }
    Polygon p = new Polygon(xs, ys);
    Set<Long> raster = new HashSet<>();
    MapRaster.rasterize(new VectorMap("test", List.of(), List.of(p), List.of(), true), 0, 0,
        new MapRaster.Window(-40, -40, 40, 40), c -> raster.add(MapRaster.key(c.cx(), c.cy())));
    Set<Long> expected = new HashSet<>();
    for (int i = -40; i <= 40; i++) {
      for (int j = -40; j <= 40; j++) {
        if (p.contains((i + 0.5) * MapRaster.CELL_M, (j + 0.5) * MapRaster.CELL_M)) {
          expected.add(MapRaster.key(i, j));
        }
      }
    }
    assertThat(raster).isEqualTo(expected);
  }
}
