package dev.fleetmine.query.lang;

import dev.fleetmine.query.lang.Catalog.Type;
import dev.fleetmine.query.lang.Operand.Dimension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Resolves and type-checks a parsed query: every variable is in scope, every field and flag exists for
 * its variable, units match, kinds and categories are known, and referenced scenarios exist (without
 * cycles). Errors point at the offending span and suggest valid names near it.
 */
public final class Checker {
  private static final String EGO = "ego";
  private final String src;
  private final Function<String, Query> library;
  private final Set<String> resolving;

  private Checker(String src, Function<String, Query> library, Set<String> resolving) {
    this.src = src;
    this.library = library;
    this.resolving = resolving;
  }

  /**
   * Checks {@code q}; {@code library} returns the named scenario or null when there is none.
   *
   * @return the same query, for chaining
   */
  public static Query check(Query q, Function<String, Query> library) {
    Set<String> resolving = new HashSet<>();
    if (q.name() != null) {
      resolving.add(q.name());
    }
    new Checker(q.text(), library, resolving).condition(q.condition(), new LinkedHashMap<>(Map.of(EGO, false)), false);
    return q;
  }

  /** {@code scope} maps variable names to whether they are objects (false = ego). */
  private void condition(Condition c, Map<String, Boolean> scope, boolean nested) {
    switch (c) {
      case Condition.And a -> {
        condition(a.left(), scope, nested);
        condition(a.right(), scope, nested);
      }
      case Condition.Or o -> {
        condition(o.left(), scope, nested);
        condition(o.right(), scope, nested);
      }
      case Condition.Not n -> condition(n.operand(), scope, nested);
      case Condition.For f -> {
        temporalAllowed(f, nested);
        condition(f.operand(), scope, nested);
      }
      case Condition.Then t -> {
        temporalAllowed(t, nested);
        condition(t.first(), scope, nested);
        condition(t.second(), scope, nested);
      }
      case Condition.Within w -> {
        temporalAllowed(w, nested);
        condition(w.operand(), scope, nested);
        condition(w.anchor(), scope, nested);
      }
      case Condition.Flag f -> flag(f, scope);
      case Condition.Compare cmp -> compare(cmp, scope);
      case Condition.Quantified q -> quantified(q, scope, nested);
      case Condition.ScenarioRef r -> scenario(r, scope);
      case Condition.EventRef e -> {
        if (scope.size() > 1) {
          throw QueryException.at(src, e.span(), "'event' can only be used outside a quantifier's where", List.of());
        }
      }
    }
  }

  private void temporalAllowed(Condition c, boolean nested) {
    if (nested) {
      throw QueryException.at(src, c.span(), "temporal operators (for, then, within) are not supported inside a"
          + " nested quantifier's where; move them to the outer condition", List.of());
    }
  }

  private void quantified(Condition.Quantified q, Map<String, Boolean> scope, boolean nested) {
    String kind = q.kinds().get(0);
    if (Catalog.kind(kind).isEmpty()) {
      throw QueryException.at(src, q.span(), "unknown object kind '" + kind + "'", Catalog.near(kind, Catalog.kindNames()));
    }
    if (scope.containsKey(q.variable())) {
      throw QueryException.at(src, q.span(), "variable '" + q.variable() + "' is already defined; pick another name",
          List.of());
    }
    if (scope.size() > 2) {
      throw QueryException.at(src, q.span(), "quantifiers nest at most two deep (an object and one related object)",
          List.of());
    }
    if (q.where() != null) {
      Map<String, Boolean> inner = new LinkedHashMap<>(scope);
      inner.put(q.variable(), true);
      condition(q.where(), inner, scope.size() > 1 || nested);
    }
  }

  private void scenario(Condition.ScenarioRef r, Map<String, Boolean> scope) {
    if (scope.size() > 1) {
      throw QueryException.at(src, r.span(), "'scenario' can only be used outside a quantifier's where", List.of());
    }
    Query q = library.apply(r.name());
    if (q == null) {
      throw QueryException.at(src, r.span(), "unknown scenario '" + r.name() + "'", List.of());
    }
    if (!resolving.add(r.name())) {
      throw QueryException.at(src, r.span(), "scenario '" + r.name() + "' refers to itself (through "
          + String.join(" -> ", resolving) + ")", List.of());
    }
    new Checker(q.text(), library, resolving).condition(q.condition(), new LinkedHashMap<>(Map.of(EGO, false)), false);
    resolving.remove(r.name());
  }

  private void flag(Condition.Flag f, Map<String, Boolean> scope) {
    boolean object = variable(f.variable(), f.span(), scope);
    Map<String, Catalog.Flag> flags = object ? Catalog.OBJECT_FLAGS : Catalog.EGO_FLAGS;
    if (!flags.containsKey(f.name())) {
      Map<String, ?> fields = object ? Catalog.OBJECT_FIELDS : Catalog.EGO_FIELDS;
      String problem = fields.containsKey(f.name())
          ? "'" + f.variable() + "." + f.name() + "' is a value, not a condition; compare it, e.g. " + f.variable() + "." + f.name() + " > 1"
          : "unknown flag '" + f.name() + "' of " + (object ? "object " : "") + f.variable();
      throw QueryException.at(src, f.span(), problem, Catalog.near(f.name(), flags.keySet()));
    }
  }

  private void compare(Condition.Compare c, Map<String, Boolean> scope) {
    Kind left = operand(c.left(), scope);
    Kind right = operand(c.right(), scope);
    if (left.type == Type.CATEGORY || right.type == Type.CATEGORY) {
      Operand other = left.type == Type.CATEGORY ? c.right() : c.left();
      if (!(other instanceof Operand.Text t) || !Catalog.isCategoryWord(t.value())) {
        throw QueryException.at(src, other.span(), "expected a category or group name", Catalog.kindNames().subList(1, Catalog.kindNames().size()));
      }
      if (c.op() != Condition.CmpOp.EQ && c.op() != Condition.CmpOp.NE) {
        throw QueryException.at(src, c.span(), "categories compare only with = or !=", List.of("=", "!="));
      }
      return;
    }
    if (left.type != right.type) {
      throw QueryException.at(src, c.span(), "cannot compare " + left.describe() + " with " + right.describe(), List.of());
    }
    if (left.type == Type.NUMBER && left.dimension != Dimension.NONE && right.dimension != Dimension.NONE
        && left.dimension != right.dimension) {
      throw QueryException.at(src, c.right().span(), "unit mismatch: " + left.describe() + " vs " + right.describe(),
          List.of());
    }
  }

  /** The type and unit an operand has. */
  private record Kind(Type type, Dimension dimension) {
    String describe() {
      return type == Type.NUMBER ? (dimension == Dimension.NONE ? "a number" : "a " + dimension.name().toLowerCase().replace('_', ' '))
          : type == Type.CATEGORY ? "a category" : "text";
    }
  }

  private Kind operand(Operand o, Map<String, Boolean> scope) {
    return switch (o) {
      case Operand.Number n -> new Kind(Type.NUMBER, n.dimension());
      case Operand.Text t -> new Kind(Type.TEXT, Dimension.NONE);
      case Operand.Field f -> {
        boolean object = variable(f.variable(), f.span(), scope);
        Map<String, Catalog.Field> fields = object ? Catalog.OBJECT_FIELDS : Catalog.EGO_FIELDS;
        Catalog.Field field = fields.get(f.name());
        if (field == null) {
          List<String> names = new ArrayList<>(fields.keySet());
          throw QueryException.at(src, f.span(), "unknown field '" + f.name() + "' of " + (object ? "object " : "")
              + f.variable(), Catalog.near(f.name(), names).isEmpty() ? names : Catalog.near(f.name(), names));
        }
        yield new Kind(field.type(), field.dimension());
      }
      case Operand.Call call -> call(call, scope);
      case Operand.Arith a -> arith(a, scope);
    };
  }

  /**
   * The unit of arithmetic: {@code +} and {@code -} need one unit on both sides (a bare number takes the
   * other side's), {@code *} and {@code /} scale by a bare number, and a quotient of one unit is a bare number.
   */
  private Kind arith(Operand.Arith a, Map<String, Boolean> scope) {
    Kind l = operand(a.left(), scope);
    Kind r = operand(a.right(), scope);
    if (l.type != Type.NUMBER || r.type != Type.NUMBER) {
      throw QueryException.at(src, a.span(), "'" + a.op() + "' needs numbers, got " + l.describe() + " and " + r.describe(),
          List.of());
    }
    Dimension ld = l.dimension;
    Dimension rd = r.dimension;
    Dimension out = switch (a.op()) {
      case '+', '-' -> ld == Dimension.NONE ? rd : rd == Dimension.NONE || rd == ld ? ld : null;
      case '*' -> ld == Dimension.NONE ? rd : rd == Dimension.NONE ? ld : null;
      case '/' -> rd == Dimension.NONE ? ld : rd == ld ? Dimension.NONE : null;
      default -> throw new IllegalStateException("operator " + a.op());
    };
    if (out == null) {
      throw QueryException.at(src, a.span(), "unit mismatch: " + l.describe() + " " + a.op() + " " + r.describe()
          + " has no unit the language knows", List.of());
    }
    return new Kind(Type.NUMBER, out);
  }

  private Kind call(Operand.Call call, Map<String, Boolean> scope) {
    switch (call.function()) {
      case "abs" -> {
        if (call.args().size() != 1) {
          throw QueryException.at(src, call.span(), "abs takes one argument", List.of());
        }
        Kind k = operand(call.args().get(0), scope);
        if (k.type != Type.NUMBER) {
          throw QueryException.at(src, call.span(), "abs needs a number, got " + k.describe(), List.of());
        }
        return k;
      }
      case "distance", "lon_of", "lat_of", "heading_of", "bearing_of", "course_of", "vlon_of", "vlat_of",
          "closing_speed" -> {
        if (call.args().size() != 2 || !call.args().stream().allMatch(a -> a instanceof Operand.Text)) {
          throw QueryException.at(src, call.span(), call.function() + " takes two variables, e.g. "
              + call.function() + "(b, v)", List.of());
        }
        for (Operand a : call.args()) {
          variable(((Operand.Text) a).value(), a.span(), scope);
        }
        if (((Operand.Text) call.args().get(0)).value().equals(((Operand.Text) call.args().get(1)).value())) {
          throw QueryException.at(src, call.span(), call.function() + " relates two different variables", List.of());
        }
        return new Kind(Type.NUMBER, Catalog.RELATIONS.get(call.function()));
      }
      default -> throw QueryException.at(src, call.span(), "unknown function '" + call.function() + "'",
          Catalog.near(call.function(), Catalog.FUNCTIONS).isEmpty() ? Catalog.FUNCTIONS : Catalog.near(call.function(), Catalog.FUNCTIONS));
    }
  }

  /** Whether {@code name} (in scope) is an object; throws naming the variables in scope otherwise. */
  private boolean variable(String name, Span span, Map<String, Boolean> scope) {
    Boolean object = scope.get(name);
    if (object == null) {
      throw QueryException.at(src, span, "unknown variable '" + name + "'; in scope: " + String.join(", ", scope.keySet()),
          Catalog.near(name, scope.keySet()));
    }
    return object;
  }
}
