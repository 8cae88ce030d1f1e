package dev.fleetmine.ingest.coco;

import dev.fleetmine.eval.coco.Detection;
import dev.fleetmine.eval.coco.GroundTruthBox;
import dev.fleetmine.lake.Boxes2dTable;
import dev.fleetmine.lake.Lake;
import dev.fleetmine.lake.LakeException;
import dev.fleetmine.lake.LakeViews;
import dev.fleetmine.lake.Snapshot;
import dev.fleetmine.query.LakeQuery;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Stages one key's rows in a temporary table, writes them to a new file and publishes it in one snapshot,
 * replacing the key's earlier file: readers see the old boxes or the new ones, and a failure leaves no trace.
 */
final class Boxes2dWriter implements AutoCloseable {
  /** The staged columns: every column of {@link Boxes2dTable} but dataset and source, in order. */
  private static final String STAGED = "ordinal BIGINT, image_id BIGINT, file_name VARCHAR, width INTEGER,"
      + " height INTEGER, annotation_id BIGINT, category_id BIGINT, category VARCHAR, x DOUBLE, y DOUBLE, w DOUBLE,"
      + " h DOUBLE, area DOUBLE, iscrowd BOOLEAN, score DOUBLE";

  private final LakeQuery session;
  private final DuckDBAppender appender;
  private long rows;

  /** Opens the staging table {@code coco_rows} on the session's connection. */
  Boxes2dWriter(LakeQuery session) {
    this.session = session;
    try (Statement st = session.connection().createStatement()) {
      st.execute("CREATE OR REPLACE TEMP TABLE coco_rows (" + STAGED + ")");
      this.appender = ((DuckDBConnection) session.connection()).createAppender("temp", "main", "coco_rows");
    } catch (SQLException e) {
      throw new LakeException("cannot stage 2D boxes: " + e.getMessage(), e);
    }
  }

  /** A ground-truth annotation, the {@code ordinal}-th of the file. */
  void annotation(long ordinal, GroundTruthBox g, CocoImages.Info image, String category) {
    row(ANNOTATION, ordinal, g.imageId(), image, g.id(), g.categoryId(), category, g.x(), g.y(), g.width(),
        g.height(), g.area(), g.crowd(), 0);
  }

  /** A detection, the {@code ordinal}-th of the results file; {@code category} null when not listed. */
  void detection(long ordinal, Detection d, CocoImages.Info image, String category) {
    row(DETECTION, ordinal, d.imageId(), image, 0, d.categoryId(), category, d.x(), d.y(), d.width(), d.height(), 0,
        false, d.score());
  }

  /** The marker of a listed image without annotations. */
  void imageMarker(long imageId, CocoImages.Info image) {
    row(MARKER_IMAGE, 0, imageId, image, 0, 0, null, 0, 0, 0, 0, 0, false, 0);
  }

  /** The marker of a listed category without annotations, placed on image {@code imageId}. */
  void categoryMarker(long imageId, CocoImages.Info image, long categoryId, String category) {
    row(MARKER_CATEGORY, 0, imageId, image, 0, categoryId, category, 0, 0, 0, 0, 0, false, 0);
  }

  /** Row kinds: which columns a row fills (docs/schema.md#boxes2d). */
  private static final int ANNOTATION = 0;
  private static final int DETECTION = 1;
  private static final int MARKER_IMAGE = 2;
  private static final int MARKER_CATEGORY = 3;

  /** Appends one row of {@code kind}; the arguments a kind does not fill are written as NULL. */
  private void row(int kind, long ordinal, long imageId, CocoImages.Info image, long annotationId, long categoryId,
      String category, double x, double y, double w, double h, double area, boolean crowd, double score) {
    boolean marker = kind == MARKER_IMAGE || kind == MARKER_CATEGORY;
    try {
      appender.beginRow();
      number(!marker, ordinal);
      appender.append(imageId);
      string(image == null ? null : image.fileName());
      integer(image == null ? null : image.width());
      integer(image == null ? null : image.height());
      number(kind == ANNOTATION, annotationId);
      number(kind != MARKER_IMAGE, categoryId);
      string(kind == MARKER_IMAGE ? null : category);
      boolean box = !marker;
      number(box, x);
      number(box, y);
      number(box, w);
      number(box, h);
      number(kind == ANNOTATION, area);
      if (kind == ANNOTATION) {
        appender.append(crowd);
      } else {
        appender.appendNull();
      }
      number(kind == DETECTION, score);
      appender.endRow();
      rows++;
    } catch (SQLException e) {
      throw new LakeException("cannot stage 2D boxes: " + e.getMessage(), e);
    }
  }

  private void string(String s) throws SQLException {
    if (s == null) {
      appender.appendNull();
    } else {
      appender.append(s);
    }
  }

  private void integer(Integer i) throws SQLException {
    if (i == null) {
      appender.appendNull();
    } else {
      appender.append(i.intValue());
    }
  }

  private void number(boolean present, long v) throws SQLException {
    if (present) {
      appender.append(v);
    } else {
      appender.appendNull();
    }
  }

  private void number(boolean present, double v) throws SQLException {
    if (present) {
      appender.append(v);
    } else {
      appender.appendNull();
    }
  }

  /**
   * Writes the staged rows as the file of {@code DATASET/SOURCE}, sorted by image then input order, and
   * commits it on top of the session's snapshot, deleting the file it replaces.
   *
   * @throws dev.fleetmine.lake.CommitConflictException if another writer committed since the session opened
   */
  Snapshot commit(Lake lake, String dataset, String source, String operation) {
    String key = Boxes2dTable.key(dataset, source);
    Snapshot base = session.snapshot();
    Path file = lake.newBoxes2dFile(dataset, source);
    boolean committed = false;
    try (Statement st = session.connection().createStatement()) {
      appender.close();
      st.execute("COPY (SELECT " + LakeViews.quote(dataset) + "::VARCHAR AS dataset, " + LakeViews.quote(source)
          + "::VARCHAR AS source, * FROM coco_rows ORDER BY image_id, ordinal NULLS LAST) TO "
          + LakeViews.quote(file.toString()) + " (" + Lake.PARQUET_COPY_OPTIONS + ")");
      Snapshot s = lake.commitBoxes2d(base, operation, Map.of(key, lake.relativize(file)));
      committed = true;
      String old = base.boxes2d().get(key);
      if (old != null) {
        Lake.deleteQuietly(lake.resolve(old));
      }
      return s;
    } catch (SQLException e) {
      throw new LakeException("cannot write the 2D boxes " + key + ": " + e.getMessage(), e);
    } finally {
      if (!committed) {
        Lake.deleteQuietly(file);
      }
    }
  }

  /** Rows staged so far. */
  long rows() {
    return rows;
  }

  @Override
  public void close() {
    try {
      appender.close();
    } catch (SQLException e) {
      // the staging table is temporary: closing the session discards it anyway
    }
  }
}
