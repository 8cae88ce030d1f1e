package dev.fleetmine.query.plan;

import dev.fleetmine.query.lang.Catalog;
import dev.fleetmine.query.lang.Condition;
import dev.fleetmine.query.lang.Operand;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Column ranges that every object row must satisfy to take part in a quantifier's where, so that the
 * quantifier's shared scan can filter on them before the per-track operators run.
 *
 * <p>A where with temporal operators ({@code A then B within 5s}) compiles to several relations over
 * one scan of the variable's objects. Each relation filters that scan with its own predicate, which
 * DuckDB cannot push into the Parquet reader once the scan is shared. The rows any relation can use lie
 * in the union of the relations' predicates; its bounding box, per column, is a range that DuckDB does
 * push: for {@code abs(v.lat) >= 2.5 and abs(v.lat) < 5.25 then abs(v.lat) <= 1} it is
 * {@code -5.25 < lat < 5.25}. Only plain comparisons of a column with a number (and {@code abs(column)
 * < number}) bound a column; a column is bounded only if every relation bounds it; a {@code not}
 * anywhere needs every row, so it yields no bounds.
 */
public final class ScanBounds {
  private static final Pattern PLAIN_COLUMN = Pattern.compile("%1\\$s\\.([a-z_]+)");

  private ScanBounds() {}

  /** A range of one column; infinite ends are open. */
  public record Range(double lo, boolean loInclusive, double hi, boolean hiInclusive) {
    static final Range ALL = new Range(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);

    Range intersect(Range o) {
      Range lower = lo > o.lo || lo == o.lo && !loInclusive ? this : o;
      Range upper = hi < o.hi || hi == o.hi && !hiInclusive ? this : o;
      return new Range(lower.lo, lower.loInclusive, upper.hi, upper.hiInclusive);
    }

    Range hull(Range o) {
      Range lower = lo < o.lo || lo == o.lo && loInclusive ? this : o;
      Range upper = hi > o.hi || hi == o.hi && hiInclusive ? this : o;
      return new Range(lower.lo, lower.loInclusive, upper.hi, upper.hiInclusive);
    }

    /** The range as SQL over {@code column}, e.g. {@code lat > -5.25 AND lat < 5.25}. */
    public String sql(String column) {
      StringBuilder s = new StringBuilder();
      if (lo != Double.NEGATIVE_INFINITY) {
        s.append(column).append(loInclusive ? " >= " : " > ").append(lo);
      }
      if (hi != Double.POSITIVE_INFINITY) {
        s.append(s.isEmpty() ? "" : " AND ").append(column).append(hiInclusive ? " <= " : " < ").append(hi);
      }
      return s.toString();
    }
  }

  /**
   * The bounds of the object columns of {@code variable} implied by {@code where}, by column name; empty
   * when nothing bounds the rows.
   */
  public static Map<String, Range> of(Condition where, String variable) {
    return relation(where, variable).orElse(Map.of());
  }

  /** Bounds of the rows a relation reads; empty Optional: it may read every row. */
  private static Optional<Map<String, Range>> relation(Condition c, String variable) {
    return switch (c) {
      case Condition.Compare cmp -> Optional.of(leaf(c, variable));
      case Condition.Flag f -> Optional.of(Map.of());
      case Condition.Quantified q -> Optional.of(Map.of());
      case Condition.And a when plain(a) -> Optional.of(leaf(a, variable));
      case Condition.Or o when plain(o) -> Optional.of(leaf(o, variable));
      case Condition.And a -> hull(relation(a.left(), variable), relation(a.right(), variable));
      case Condition.Or o -> hull(relation(o.left(), variable), relation(o.right(), variable));
      case Condition.For f -> relation(f.operand(), variable);
      case Condition.Then t -> hull(relation(t.first(), variable), relation(t.second(), variable));
      case Condition.Within w -> hull(relation(w.operand(), variable), relation(w.anchor(), variable));
      default -> Optional.empty();
    };
  }

  private static boolean plain(Condition c) {
    return switch (c) {
      case Condition.And a -> plain(a.left()) && plain(a.right());
      case Condition.Or o -> plain(o.left()) && plain(o.right());
      case Condition.Compare cmp -> true;
      case Condition.Flag f -> true;
      case Condition.Quantified q -> true;
      default -> false;
    };
  }

  /** Bounds implied by a row predicate (a plain combination of comparisons and flags). */
  private static Map<String, Range> leaf(Condition c, String variable) {
    return switch (c) {
      case Condition.And a -> {
        Map<String, Range> out = new LinkedHashMap<>(leaf(a.left(), variable));
        leaf(a.right(), variable).forEach((col, r) -> out.merge(col, r, Range::intersect));
        yield out;
      }
      case Condition.Or o -> hull(leaf(o.left(), variable), leaf(o.right(), variable));
      case Condition.Compare cmp -> compare(cmp, variable);
      default -> Map.of();
    };
  }

  private static Map<String, Range> compare(Condition.Compare cmp, String variable) {
    Condition.CmpOp op = cmp.op();
    Operand left = cmp.left();
    Operand right = cmp.right();
    if (left instanceof Operand.Number && !(right instanceof Operand.Number)) {
      left = cmp.right();
      right = cmp.left();
      op = switch (op) {
        case LT -> Condition.CmpOp.GT;
        case LE -> Condition.CmpOp.GE;
        case GT -> Condition.CmpOp.LT;
        case GE -> Condition.CmpOp.LE;
        default -> op;
      };
    }
    if (!(right instanceof Operand.Number n)) {
      return Map.of();
    }
    double v = n.value();
    if (left instanceof Operand.Call call && call.function().equals("abs")
        && (op == Condition.CmpOp.LT || op == Condition.CmpOp.LE)) {
      boolean inclusive = op == Condition.CmpOp.LE;
      return column(call.args().get(0), variable).map(col -> Map.of(col, new Range(-v, inclusive, v, inclusive)))
          .orElse(Map.of());
    }
    Range r = switch (op) {
      case LT -> new Range(Double.NEGATIVE_INFINITY, false, v, false);
      case LE -> new Range(Double.NEGATIVE_INFINITY, false, v, true);
      case GT -> new Range(v, false, Double.POSITIVE_INFINITY, false);
      case GE -> new Range(v, true, Double.POSITIVE_INFINITY, false);
      case EQ -> new Range(v, true, v, true);
      case NE -> Range.ALL;
    };
    return r.equals(Range.ALL) ? Map.of() : column(left, variable).map(col -> Map.of(col, r)).orElse(Map.of());
  }

  /** The Parquet column behind a field of {@code variable}, when the field is a column and not an expression. */
  private static Optional<String> column(Operand o, String variable) {
    if (!(o instanceof Operand.Field f) || !f.variable().equals(variable)) {
      return Optional.empty();
    }
    Catalog.Field field = Catalog.OBJECT_FIELDS.get(f.name());
    if (field == null || field.type() != Catalog.Type.NUMBER) {
      return Optional.empty();
    }
    Matcher m = PLAIN_COLUMN.matcher(field.sql());
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static Optional<Map<String, Range>> hull(Optional<Map<String, Range>> a, Optional<Map<String, Range>> b) {
    return a.isEmpty() || b.isEmpty() ? Optional.empty() : Optional.of(hull(a.get(), b.get()));
  }

  private static Map<String, Range> hull(Map<String, Range> a, Map<String, Range> b) {
    Map<String, Range> out = new LinkedHashMap<>();
    a.forEach((col, r) -> {
      if (b.containsKey(col)) {
        out.put(col, r.hull(b.get(col)));
      }
    });
    return out;
  }
}
