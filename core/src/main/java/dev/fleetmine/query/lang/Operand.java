package dev.fleetmine.query.lang;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A value in a comparison: a field, a number in SI units, a word or string, a function call, or arithmetic
 * over them.
 */
public sealed interface Operand {
  Span span();

  /** {@code variable.field}, for example {@code ego.speed}. */
  record Field(String variable, String name, Span span) implements Operand {
    public Field {
      requireNonNull(variable, "variable is null");
      requireNonNull(name, "name is null");
    }
  }

  /** A number already converted to SI units; {@code dimension} is what its unit measured (or NONE). */
  record Number(double value, Dimension dimension, Span span) implements Operand {
    public Number {
      requireNonNull(dimension, "dimension is null");
    }
  }

  /** A bare word (a category name) or a quoted string. */
  record Text(String value, Span span) implements Operand {
    public Text {
      requireNonNull(value, "value is null");
    }
  }

  /** {@code abs(x)}, {@code distance(a, b)}, {@code lon_of(a, b)}, {@code lat_of(a, b)}. */
  record Call(String function, List<Operand> args, Span span) implements Operand {
    public Call {
      requireNonNull(function, "function is null");
      args = List.copyOf(args);
    }
  }

  /** {@code left op right} with op one of {@code + - * /}, for example {@code v.length / 2}. */
  record Arith(char op, Operand left, Operand right, Span span) implements Operand {
    public Arith {
      requireNonNull(left, "left is null");
      requireNonNull(right, "right is null");
      if ("+-*/".indexOf(op) < 0) {
        throw new IllegalArgumentException("op must be one of + - * /: " + op);
      }
    }
  }

  /** What a unit measures, to reject {@code p.distance < 3 s}. */
  enum Dimension { NONE, LENGTH, TIME, SPEED, ACCEL, JERK, ANGLE, ANGULAR_RATE }
}
