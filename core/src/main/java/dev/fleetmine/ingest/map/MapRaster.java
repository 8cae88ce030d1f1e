package dev.fleetmine.ingest.map;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * Rasterizes a {@link VectorMap} into square cells of {@value #CELL_M} m in the log-local frame: cell
 * {@code (cx, cy)} covers {@code [cx * CELL_M, (cx + 1) * CELL_M)} in x (same in y), so a position's cell
 * is {@code (floor(x / CELL_M), floor(y / CELL_M))}. A cell takes a feature when the feature's polygon
 * contains the cell centre.
 *
 * <p>Rules per cell: {@code laneId}/{@code laneType} of the containing lane segment with the smallest id
 * (lane segments overlap only in intersections, where turn and straight lanes cross; the smallest id is
 * an arbitrary but stable choice, the same for ego and objects); {@code inIntersection} when any
 * containing lane segment is an intersection segment (null for maps that do not mark intersections);
 * {@code onCrosswalk} and {@code onDrivable} when any crosswalk or drivable polygon contains the centre.
 * Cells with no feature are not emitted.
 *
 * <p>The raster is built in horizontal bands of at most {@value #BAND_CELLS} cells, so memory does not
 * grow with the window; callers pass the window that the log's positions span, and may keep only the
 * cells that some position falls in (the ingest does, so it stages thousands of cells, not a whole map).
 */
public final class MapRaster {
  /** Cell edge length in metres. */
  public static final double CELL_M = 0.5;
  static final int BAND_CELLS = 1 << 22;

  private static final int NO_LANE = Integer.MAX_VALUE;
  private static final byte INTERSECTION = 1;
  private static final byte CROSSWALK = 2;
  private static final byte DRIVABLE = 4;

  private MapRaster() {}

  /** An inclusive rectangle of cell indices. */
  public record Window(int cx0, int cy0, int cx1, int cy1) {
    /** The cells covering the log-local rectangle [minX, maxX] x [minY, maxY]. */
    public static Window covering(double minX, double minY, double maxX, double maxY) {
      return new Window(cell(minX), cell(minY), cell(maxX), cell(maxY));
    }

    boolean isEmpty() {
      return cx1 < cx0 || cy1 < cy0;
    }

    Window intersect(Window o) {
      return new Window(Math.max(cx0, o.cx0), Math.max(cy0, o.cy0), Math.min(cx1, o.cx1), Math.min(cy1, o.cy1));
    }
  }

  /** One non-empty cell; laneId and laneType are null outside lanes. */
  public record Cell(int cx, int cy, String laneId, String laneType, Boolean inIntersection, boolean onCrosswalk,
      boolean onDrivable) {}

  /** Receives cells in row-major order. */
  @FunctionalInterface
  public interface CellSink<E extends Exception> {
    void accept(Cell cell) throws E;
  }

  /** The cell index of a log-local coordinate, clamped to the int range. */
  public static int cell(double v) {
    return index(Math.floor(v / CELL_M));
  }

  /** A cell index computed elsewhere as {@code floor(v / CELL_M)} (in SQL), clamped to the int range. */
  public static int index(double floored) {
    return (int) Math.max(Integer.MIN_VALUE + 1, Math.min(Integer.MAX_VALUE - 1, floored));
  }

  /** One long that identifies cell (cx, cy), for sets of cells. */
  public static long key(int cx, int cy) {
    return ((long) cx << 32) | (cy & 0xffffffffL);
  }

  /**
   * Emits every non-empty cell of {@code map} inside {@code window}, for a log whose origin in the map's
   * frame is (originX, originY); returns the number of cells emitted.
   */
  public static <E extends Exception> long rasterize(VectorMap map, double originX, double originY, Window window,
      CellSink<E> sink) throws E {
    return rasterize(map, originX, originY, window, k -> true, sink);
  }

  /** As {@link #rasterize(VectorMap, double, double, Window, CellSink)}, emitting only cells whose {@link #key} is kept. */
  public static <E extends Exception> long rasterize(VectorMap map, double originX, double originY, Window window,
      LongPredicate keep, CellSink<E> sink) throws E {
    List<Shape> lanes = new ArrayList<>();
    for (int i = 0; i < map.lanes().size(); i++) {
      Lane lane = map.lanes().get(i);
      for (Polygon p : lane.pieces()) {
        lanes.add(new Shape(p.minus(originX, originY), i, Boolean.TRUE.equals(lane.intersection()) ? INTERSECTION : 0));
      }
    }
    List<Shape> areas = new ArrayList<>();
    map.crosswalks().forEach(p -> areas.add(new Shape(p.minus(originX, originY), NO_LANE, CROSSWALK)));
    map.drivable().forEach(p -> areas.add(new Shape(p.minus(originX, originY), NO_LANE, DRIVABLE)));
    Window w = window.intersect(extent(lanes, areas));
    long emitted = 0;
    if (w.isEmpty()) {
      return 0;
    }
    int width = w.cx1() - w.cx0() + 1;
    int bandRows = Math.max(1, BAND_CELLS / width);
    for (long by = w.cy0(); by <= w.cy1(); by += bandRows) {
      Band band = new Band(w.cx0(), (int) by, width, (int) Math.min(bandRows, w.cy1() - by + 1));
      lanes.forEach(band::fill);
      areas.forEach(band::fill);
      emitted += band.emit(map, keep, sink);
    }
    return emitted;
  }

  /** The cells any shape can touch. */
  private static Window extent(List<Shape> lanes, List<Shape> areas) {
    double minX = Double.POSITIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (List<Shape> shapes : List.of(lanes, areas)) {
      for (Shape s : shapes) {
        minX = Math.min(minX, s.minX);
        minY = Math.min(minY, s.minY);
        maxX = Math.max(maxX, s.maxX);
        maxY = Math.max(maxY, s.maxY);
      }
    }
    return minX > maxX ? new Window(0, 0, -1, -1) : Window.covering(minX, minY, maxX, maxY);
  }

  /** A log-local polygon with its bounding box, the lane it belongs to (or NO_LANE) and the flags it sets. */
  private record Shape(Polygon polygon, int lane, byte flags, double minX, double minY, double maxX, double maxY) {
    Shape(Polygon p, int lane, byte flags) {
      this(p, lane, flags, p.minX(), p.minY(), p.maxX(), p.maxY());
    }
  }

  /** Rows [cy0, cy0 + rows) of the window: per cell the smallest lane index and the flags. */
  private static final class Band {
    final int cx0;
    final int cy0;
    final int width;
    final int rows;
    final int[] lane;
    final byte[] flags;

    Band(int cx0, int cy0, int width, int rows) {
      this.cx0 = cx0;
      this.cy0 = cy0;
      this.width = width;
      this.rows = rows;
      this.lane = new int[width * rows];
      this.flags = new byte[width * rows];
      Arrays.fill(lane, NO_LANE);
    }

    /** Marks the cells whose centre the shape contains (scanline over cell-centre rows). */
    void fill(Shape s) {
      long r0 = Math.max(cy0, (long) Math.ceil(s.minY / CELL_M - 0.5));
      long r1 = Math.min(cy0 + rows - 1L, (long) Math.floor(s.maxY / CELL_M - 0.5));
      for (long cy = r0; cy <= r1; cy++) {
        double[] xs = s.polygon.crossings((cy + 0.5) * CELL_M);
        int base = (int) (cy - cy0) * width;
        for (int k = 0; k + 1 < xs.length; k += 2) {
          long a = Math.max(cx0, (long) Math.ceil(xs[k] / CELL_M - 0.5));
          long b = Math.min(cx0 + width - 1L, (long) Math.ceil(xs[k + 1] / CELL_M - 0.5) - 1);
          for (long cx = a; cx <= b; cx++) {
            int i = base + (int) (cx - cx0);
            lane[i] = Math.min(lane[i], s.lane);
            flags[i] |= s.flags;
          }
        }
      }
    }

    <E extends Exception> long emit(VectorMap map, LongPredicate keep, CellSink<E> sink) throws E {
      long n = 0;
      for (int i = 0; i < lane.length; i++) {
        if (lane[i] == NO_LANE && flags[i] == 0 || !keep.test(key(cx0 + i % width, cy0 + i / width))) {
          continue;
        }
        Lane l = lane[i] == NO_LANE ? null : map.lanes().get(lane[i]);
        Boolean intersection = map.knowsIntersections() ? (flags[i] & INTERSECTION) != 0 : null;
        sink.accept(new Cell(cx0 + i % width, cy0 + i / width, l == null ? null : Long.toString(l.id()),
            l == null ? null : l.type(), intersection, (flags[i] & CROSSWALK) != 0, (flags[i] & DRIVABLE) != 0));
        n++;
      }
      return n;
    }
  }
}
