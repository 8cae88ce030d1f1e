package dev.fleetmine.query.lang;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A condition of the scenario language: true at some timestamps of a log (frame level) or of a track
 * (inside a quantifier's {@code where}). Every node keeps its {@link Span} for error messages.
 */
public sealed interface Condition {
  Span span();

  /** Both hold at the same timestamp. */
  record And(Condition left, Condition right, Span span) implements Condition {
    public And {
      requireNonNull(left, "left is null");
      requireNonNull(right, "right is null");
    }
  }

  /** Either holds. */
  record Or(Condition left, Condition right, Span span) implements Condition {
    public Or {
      requireNonNull(left, "left is null");
      requireNonNull(right, "right is null");
    }
  }

  /** The operand does not hold. */
  record Not(Condition operand, Span span) implements Condition {
    public Not {
      requireNonNull(operand, "operand is null");
    }
  }

  /** {@code left op right}, for example {@code ego.speed > 8} or {@code p.category = pedestrian}. */
  record Compare(Operand left, CmpOp op, Operand right, Span span) implements Condition {
    public Compare {
      requireNonNull(left, "left is null");
      requireNonNull(op, "op is null");
      requireNonNull(right, "right is null");
    }
  }

  /** A named boolean property such as {@code p.ahead} or {@code ego.stopped}. */
  record Flag(String variable, String name, Span span) implements Condition {
    public Flag {
      requireNonNull(variable, "variable is null");
      requireNonNull(name, "name is null");
    }
  }

  /**
   * {@code exists|no|at least N|at most N KIND VAR where COND}: counts the objects of the given kinds
   * (null kinds = any object) for which {@code where} holds at a timestamp.
   */
  record Quantified(Quantifier quantifier, int count, List<String> kinds, String variable, Condition where, Span span)
      implements Condition {
    public Quantified {
      requireNonNull(quantifier, "quantifier is null");
      requireNonNull(variable, "variable is null");
      kinds = kinds == null ? null : List.copyOf(kinds);
      if (count < 0) {
        throw new IllegalArgumentException("count must be >= 0: " + count);
      }
    }
  }

  /** The operand holds continuously for at least {@code seconds}; every timestamp of such a run matches. */
  record For(Condition operand, double seconds, Span span) implements Condition {
    public For {
      requireNonNull(operand, "operand is null");
      if (!(seconds > 0)) {
        throw new IllegalArgumentException("duration must be > 0: " + seconds);
      }
    }
  }

  /** {@code first then second within T}: second holds and first held at most {@code seconds} earlier. */
  record Then(Condition first, Condition second, double seconds, Span span) implements Condition {
    public Then {
      requireNonNull(first, "first is null");
      requireNonNull(second, "second is null");
      if (!(seconds > 0)) {
        throw new IllegalArgumentException("duration must be > 0: " + seconds);
      }
    }
  }

  /**
   * {@code operand within T before|after anchor}: the operand holds and the anchor holds at some time up to
   * {@code seconds} later (before) or earlier (after).
   */
  record Within(Condition operand, double seconds, boolean before, Condition anchor, Span span) implements Condition {
    public Within {
      requireNonNull(operand, "operand is null");
      requireNonNull(anchor, "anchor is null");
    }
  }

  /** A named scenario from the library, used as a condition. */
  record ScenarioRef(String name, Span span) implements Condition {
    public ScenarioRef {
      requireNonNull(name, "name is null");
    }
  }

  /** An event of the given type (events table) covers the timestamp. */
  record EventRef(String type, Span span) implements Condition {
    public EventRef {
      requireNonNull(type, "type is null");
    }
  }

  /** The quantifiers. */
  enum Quantifier { EXISTS, NO, AT_LEAST, AT_MOST }

  /** Comparison operators. */
  enum CmpOp {
    LT("<"), LE("<="), GT(">"), GE(">="), EQ("="), NE("!=");

    private final String sql;

    CmpOp(String sql) {
      this.sql = sql;
    }

    public String sql() {
      return sql;
    }

    static CmpOp of(String text) {
      for (CmpOp op : values()) {
        if (op.sql.equals(text)) {
          return op;
        }
      }
      return text.equals("<>") ? NE : null;
    }
  }
}
