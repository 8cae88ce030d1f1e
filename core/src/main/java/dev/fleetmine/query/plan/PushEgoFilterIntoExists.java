package dev.fleetmine.query.plan;

import dev.fleetmine.query.lang.Condition;
import dev.fleetmine.query.lang.Condition.And;
import dev.fleetmine.query.lang.Condition.Quantified;
import dev.fleetmine.query.lang.Condition.Quantifier;
import dev.fleetmine.query.lang.Operand;

/**
 * Rewrites {@code EGO and exists K v where C} to {@code exists K v where C and EGO} when EGO is a plain
 * predicate over the ego state: the same timestamps and referred objects, but the object scan is joined
 * with the (usually few) ego frames that pass EGO before objects are grouped per timestamp, instead of
 * grouping every matching object of the fleet and joining afterwards. Fires for {@code exists} and
 * {@code at least N} with a plain where only: for {@code no} and {@code at most} the frame predicate must
 * not move inside, and a where with temporal operators would join every row of its tracks with ego.
 */
public final class PushEgoFilterIntoExists {
  private PushEgoFilterIntoExists() {}

  /** The condition with every applicable {@code and} rewritten, bottom-up. */
  public static Condition apply(Condition c) {
    return switch (c) {
      case And a -> rewrite(new And(apply(a.left()), apply(a.right()), a.span()));
      case Condition.Or o -> new Condition.Or(apply(o.left()), apply(o.right()), o.span());
      case Condition.Not n -> new Condition.Not(apply(n.operand()), n.span());
      case Condition.For f -> new Condition.For(apply(f.operand()), f.seconds(), f.span());
      case Condition.Then t -> new Condition.Then(apply(t.first()), apply(t.second()), t.seconds(), t.span());
      case Condition.Within w -> new Condition.Within(apply(w.operand()), w.seconds(), w.before(), apply(w.anchor()), w.span());
      default -> c;
    };
  }

  private static Condition rewrite(And a) {
    if (egoOnly(a.left()) && positive(a.right())) {
      return into((Quantified) a.right(), a.left());
    }
    if (egoOnly(a.right()) && positive(a.left())) {
      return into((Quantified) a.left(), a.right());
    }
    return a;
  }

  private static Quantified into(Quantified q, Condition ego) {
    Condition where = q.where() == null ? ego : new And(q.where(), ego, q.span());
    return new Quantified(q.quantifier(), q.count(), q.kinds(), q.variable(), where, q.span());
  }

  /** An exists / at least whose where is a plain predicate (temporal operators there are evaluated per track). */
  private static boolean positive(Condition c) {
    return c instanceof Quantified q && (q.quantifier() == Quantifier.EXISTS || q.quantifier() == Quantifier.AT_LEAST)
        && (q.where() == null || plain(q.where()));
  }

  private static boolean plain(Condition c) {
    return switch (c) {
      case And a -> plain(a.left()) && plain(a.right());
      case Condition.Or o -> plain(o.left()) && plain(o.right());
      case Condition.Not n -> plain(n.operand());
      case Condition.Flag f -> true;
      case Condition.Compare cmp -> true;
      default -> false;
    };
  }

  /** A plain predicate that reads nothing but the ego state. */
  static boolean egoOnly(Condition c) {
    return switch (c) {
      case And a -> egoOnly(a.left()) && egoOnly(a.right());
      case Condition.Or o -> egoOnly(o.left()) && egoOnly(o.right());
      case Condition.Not n -> egoOnly(n.operand());
      case Condition.Flag f -> f.variable().equals("ego");
      case Condition.Compare cmp -> egoOnly(cmp.left()) && egoOnly(cmp.right());
      default -> false;
    };
  }

  private static boolean egoOnly(Operand o) {
    return switch (o) {
      case Operand.Field f -> f.variable().equals("ego");
      case Operand.Number n -> true;
      case Operand.Text t -> true;
      case Operand.Call call -> call.function().equals("abs") && call.args().stream().allMatch(PushEgoFilterIntoExists::egoOnly);
      case Operand.Arith a -> egoOnly(a.left()) && egoOnly(a.right());
    };
  }
}
