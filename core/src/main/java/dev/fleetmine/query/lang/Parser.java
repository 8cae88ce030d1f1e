package dev.fleetmine.query.lang;

import dev.fleetmine.query.lang.Condition.CmpOp;
import dev.fleetmine.query.lang.Condition.Quantifier;
import dev.fleetmine.query.lang.Operand.Dimension;
import dev.fleetmine.query.lang.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Recursive-descent parser of the scenario language (grammar in docs/query-language.md). Produces an
 * untyped {@link Query}; {@link Checker} resolves names afterwards.
 */
public final class Parser {
  /** Units accepted after a number, to SI factor and dimension. */
  private static final Map<String, Unit> UNITS = Map.ofEntries(
      Map.entry("m", new Unit(1, Dimension.LENGTH)), Map.entry("km", new Unit(1000, Dimension.LENGTH)),
      Map.entry("cm", new Unit(0.01, Dimension.LENGTH)),
      Map.entry("s", new Unit(1, Dimension.TIME)), Map.entry("sec", new Unit(1, Dimension.TIME)),
      Map.entry("ms", new Unit(0.001, Dimension.TIME)), Map.entry("min", new Unit(60, Dimension.TIME)),
      Map.entry("m/s", new Unit(1, Dimension.SPEED)), Map.entry("km/h", new Unit(1 / 3.6, Dimension.SPEED)),
      Map.entry("kmh", new Unit(1 / 3.6, Dimension.SPEED)), Map.entry("kph", new Unit(1 / 3.6, Dimension.SPEED)),
      Map.entry("mph", new Unit(0.44704, Dimension.SPEED)),
      Map.entry("m/s2", new Unit(1, Dimension.ACCEL)), Map.entry("m/s^2", new Unit(1, Dimension.ACCEL)),
      Map.entry("g", new Unit(9.80665, Dimension.ACCEL)),
      Map.entry("m/s3", new Unit(1, Dimension.JERK)), Map.entry("m/s^3", new Unit(1, Dimension.JERK)),
      Map.entry("deg", new Unit(Math.PI / 180, Dimension.ANGLE)), Map.entry("rad", new Unit(1, Dimension.ANGLE)),
      Map.entry("deg/s", new Unit(Math.PI / 180, Dimension.ANGULAR_RATE)),
      Map.entry("rad/s", new Unit(1, Dimension.ANGULAR_RATE)));

  private static final List<String> RESERVED = List.of("and", "or", "not", "then", "within", "for", "before",
      "after", "where", "exists", "no", "at", "least", "most", "pad", "source", "scenario", "event", "between", "in",
      "description", "refer");

  private record Unit(double factor, Dimension dimension) {}

  private final String src;
  private final List<Token> tokens;
  private int pos;

  private Parser(String src) {
    this.src = src;
    this.tokens = Lexer.tokenize(src);
  }

  /** Parses {@code text} into a query; throws {@link QueryException} at the first mistake. */
  public static Query parse(String text) {
    return new Parser(text).query();
  }

  private Query query() {
    String name = null;
    String description = "";
    while (true) {
      if (peek().isWord("scenario") && peek(1).kind() == Kind.IDENT && peek(2).kind() != Kind.DOT && isHeaderEnd(2)) {
        advance();
        name = advance().text();
      } else if (peek().isWord("description")) {
        advance();
        description = expect(Kind.STRING, "a quoted description").text();
      } else {
        break;
      }
    }
    Condition c = expr();
    double padBefore = 0;
    double padAfter = 0;
    String source = "gt";
    List<Token> refer = new ArrayList<>();
    while (peek().kind() != Kind.EOF) {
      Token t = advance();
      if (t.isWord("pad")) {
        double d = duration();
        if (peek().isWord("before")) {
          advance();
          padBefore = d;
          if (peek().kind() == Kind.NUMBER) {
            padAfter = duration();
            expectWord("after");
          }
        } else if (peek().isWord("after")) {
          advance();
          padAfter = d;
        } else {
          padBefore = d;
          padAfter = d;
        }
      } else if (t.isWord("source")) {
        Token s = advance();
        if (s.kind() != Kind.IDENT && s.kind() != Kind.STRING) {
          throw error(s, "expected a source name after 'source', found " + s.describe(), List.of("gt"));
        }
        source = s.text();
      } else if (t.isWord("refer")) {
        refer.add(referVariableToken());
        while (peek().kind() == Kind.COMMA) {
          advance();
          refer.add(referVariableToken());
        }
      } else {
        throw error(t, "unexpected " + t.describe() + " after the condition",
            List.of("and", "or", "then", "for", "within", "pad", "source", "refer"));
      }
    }
    return new Query(name, description, c, padBefore, padAfter, source, referred(c, refer), src);
  }

  /**
   * The names of a {@code refer} clause, each bound by an {@code exists} or {@code at least} quantifier of
   * the condition (the quantifiers that refer to objects).
   */
  private List<String> referred(Condition c, List<Token> refer) {
    Map<String, Quantifier> bound = new java.util.LinkedHashMap<>();
    bindings(c, bound);
    List<String> out = new ArrayList<>();
    for (Token v : refer) {
      Quantifier q = bound.get(v.text());
      if (q == null) {
        throw error(v, "'refer " + v.text() + "': no quantifier of this query binds '" + v.text() + "'",
            List.copyOf(bound.keySet()));
      }
      if (q == Quantifier.NO || q == Quantifier.AT_MOST) {
        throw error(v, "'refer " + v.text() + "': '" + v.text() + "' is bound by '" + (q == Quantifier.NO ? "no" : "at most")
            + "', which refers to no objects; refer a variable of 'exists' or 'at least'", List.of());
      }
      if (!out.contains(v.text())) {
        out.add(v.text());
      }
    }
    return out;
  }

  /** Every quantifier variable of {@code c} (nested ones included) with its quantifier. */
  private static void bindings(Condition c, Map<String, Quantifier> out) {
    switch (c) {
      case Condition.And a -> {
        bindings(a.left(), out);
        bindings(a.right(), out);
      }
      case Condition.Or o -> {
        bindings(o.left(), out);
        bindings(o.right(), out);
      }
      case Condition.Not n -> bindings(n.operand(), out);
      case Condition.For f -> bindings(f.operand(), out);
      case Condition.Then t -> {
        bindings(t.first(), out);
        bindings(t.second(), out);
      }
      case Condition.Within w -> {
        bindings(w.operand(), out);
        bindings(w.anchor(), out);
      }
      case Condition.Quantified q -> {
        out.putIfAbsent(q.variable(), q.quantifier());
        if (q.where() != null) {
          bindings(q.where(), out);
        }
      }
      case Condition.Compare cmp -> { }
      case Condition.Flag f -> { }
      case Condition.ScenarioRef r -> { }
      case Condition.EventRef e -> { }
    }
  }

  /** A variable named by a {@code refer} clause. */
  private Token referVariableToken() {
    Token v = advance();
    if (v.kind() != Kind.IDENT || RESERVED.contains(v.text().toLowerCase(Locale.ROOT))) {
      throw error(v, "expected a quantifier's variable after 'refer', found " + v.describe(), List.of());
    }
    return v;
  }

  /** A {@code scenario NAME} header is followed by another header, a condition start, or a newline-separated body. */
  private boolean isHeaderEnd(int ahead) {
    Token after = peek(ahead);
    return after.span().line() > peek(ahead - 1).span().line() || after.isWord("description");
  }

  /** seq := or ('then' or 'within' DURATION)* */
  private Condition expr() {
    Condition left = or();
    while (peek().isWord("then")) {
      advance();
      Condition right = or();
      expectWord("within");
      double d = duration();
      left = new Condition.Then(left, right, d, left.span().to(previous().span()));
    }
    return left;
  }

  private Condition or() {
    Condition left = and();
    while (peek().isWord("or")) {
      advance();
      Condition right = and();
      left = new Condition.Or(left, right, left.span().to(right.span()));
    }
    return left;
  }

  private Condition and() {
    Condition left = unary();
    while (peek().isWord("and")) {
      advance();
      Condition right = unary();
      left = new Condition.And(left, right, left.span().to(right.span()));
    }
    return left;
  }

  private Condition unary() {
    if (peek().isWord("not")) {
      Token not = advance();
      Condition c = unary();
      return new Condition.Not(c, not.span().to(c.span()));
    }
    return postfix();
  }

  /** postfix := primary ('for' DURATION | 'within' DURATION ('before'|'after') unary)* */
  private Condition postfix() {
    Condition c = primary();
    while (true) {
      if (peek().isWord("for")) {
        advance();
        c = new Condition.For(c, positiveDuration(), c.span().to(previous().span()));
      } else if (peek().isWord("within") && withinIsPostfix()) {
        advance();
        double d = duration();
        boolean before = advance().isWord("before");
        Condition anchor = unary();
        c = new Condition.Within(c, d, before, anchor, c.span().to(anchor.span()));
      } else {
        return c;
      }
    }
  }

  /** 'within' starts a postfix operator when a duration and 'before'/'after' follow it. */
  private boolean withinIsPostfix() {
    int i = 1;
    if (peek(i).kind() != Kind.NUMBER) {
      return false;
    }
    i++;
    if (peek(i).kind() == Kind.IDENT && UNITS.containsKey(peek(i).text().toLowerCase(Locale.ROOT))) {
      i++;
    }
    return peek(i).isWord("before") || peek(i).isWord("after");
  }

  private Condition primary() {
    Token t = peek();
    if (t.kind() == Kind.LPAREN) {
      advance();
      Condition c = expr();
      expect(Kind.RPAREN, "')'");
      return c;
    }
    if (t.isWord("exists") || t.isWord("no") || t.isWord("at")) {
      return quantified();
    }
    if (t.isWord("scenario")) {
      advance();
      Token name = expect(Kind.IDENT, "a scenario name");
      return new Condition.ScenarioRef(name.text(), t.span().to(name.span()));
    }
    if (t.isWord("event")) {
      advance();
      Token type = advance();
      if (type.kind() != Kind.STRING && type.kind() != Kind.IDENT) {
        throw error(type, "expected an event type after 'event', found " + type.describe(), List.of());
      }
      return new Condition.EventRef(type.text(), t.span().to(type.span()));
    }
    return comparisonOrFlag();
  }

  private Condition quantified() {
    Token first = advance();
    Quantifier q;
    int count = 1;
    if (first.isWord("exists")) {
      q = Quantifier.EXISTS;
    } else if (first.isWord("no")) {
      q = Quantifier.NO;
    } else {
      Token which = advance();
      if (which.isWord("least")) {
        q = Quantifier.AT_LEAST;
      } else if (which.isWord("most")) {
        q = Quantifier.AT_MOST;
      } else {
        throw error(which, "expected 'least' or 'most' after 'at', found " + which.describe(), List.of("least", "most"));
      }
      Token n = expect(Kind.NUMBER, "a count");
      if (n.number() != Math.rint(n.number()) || n.number() < 0) {
        throw error(n, "a count must be a whole number >= 0, found " + n.text(), List.of());
      }
      count = (int) n.number();
    }
    Token kind = expect(Kind.IDENT, "an object kind (object, vehicle, pedestrian, ...)");
    String variable = kind.text().toLowerCase(Locale.ROOT);
    if (peek().kind() == Kind.IDENT && !RESERVED.contains(peek().text().toLowerCase(Locale.ROOT))) {
      variable = advance().text();
    }
    Condition where = null;
    if (peek().isWord("where")) {
      advance();
      where = expr();
    }
    Span span = first.span().to(where != null ? where.span() : previous().span());
    return new Condition.Quantified(q, count, List.of(kind.text().toLowerCase(Locale.ROOT)), variable, where,
        new Span(span.line(), span.column(), span.length()));
  }

  private Condition comparisonOrFlag() {
    Operand left = operand();
    Token t = peek();
    if (t.kind() == Kind.OP && CmpOp.of(t.text()) != null) {
      advance();
      Operand right = operand();
      return new Condition.Compare(left, CmpOp.of(t.text()), right, left.span().to(right.span()));
    }
    if (t.isWord("between")) {
      advance();
      Operand lo = operand();
      expectWord("and");
      Operand hi = operand();
      Span span = left.span().to(hi.span());
      return new Condition.And(new Condition.Compare(left, CmpOp.GE, lo, span),
          new Condition.Compare(left, CmpOp.LE, hi, span), span);
    }
    if (t.isWord("in")) {
      advance();
      expect(Kind.LPAREN, "'(' to start a list");
      Condition any = null;
      do {
        Operand v = operand();
        Condition eq = new Condition.Compare(left, CmpOp.EQ, v, left.span().to(v.span()));
        any = any == null ? eq : new Condition.Or(any, eq, any.span().to(v.span()));
      } while (accept(Kind.COMMA));
      expect(Kind.RPAREN, "')' to end the list");
      return any;
    }
    if (left instanceof Operand.Field f) {
      return new Condition.Flag(f.variable(), f.name(), f.span());
    }
    throw error(t, "expected a comparison (<, <=, >, >=, =, !=, between, in) after " + describe(left)
        + ", found " + t.describe(), List.of());
  }

  /** operand := term (('+' | '-') term)* */
  private Operand operand() {
    Operand left = term();
    while (peek().is(Kind.OP, "+") || peek().is(Kind.OP, "-")) {
      char op = advance().text().charAt(0);
      Operand right = term();
      left = new Operand.Arith(op, left, right, left.span().to(right.span()));
    }
    return left;
  }

  /** term := factor (('*' | '/') factor)* */
  private Operand term() {
    Operand left = factor();
    while (peek().is(Kind.OP, "*") || peek().is(Kind.OP, "/")) {
      char op = advance().text().charAt(0);
      Operand right = factor();
      left = new Operand.Arith(op, left, right, left.span().to(right.span()));
    }
    return left;
  }

  private Operand factor() {
    Token t = advance();
    switch (t.kind()) {
      case NUMBER -> {
        return number(t, 1);
      }
      case OP -> {
        if (t.text().equals("-") && peek().kind() == Kind.NUMBER) {
          return number(advance(), -1);
        }
        if (t.text().equals("-")) {
          Operand negated = factor();
          return new Operand.Arith('-', new Operand.Number(0, Dimension.NONE, t.span()), negated, t.span().to(negated.span()));
        }
        throw error(t, "expected a value, found " + t.describe(), List.of());
      }
      case STRING -> {
        return new Operand.Text(t.text(), t.span());
      }
      case IDENT -> {
        if (accept(Kind.DOT)) {
          Token field = expect(Kind.IDENT, "a field name after '" + t.text() + ".'");
          return new Operand.Field(t.text(), field.text().toLowerCase(Locale.ROOT), t.span().to(field.span()));
        }
        if (peek().kind() == Kind.LPAREN) {
          advance();
          List<Operand> args = new ArrayList<>();
          if (peek().kind() != Kind.RPAREN) {
            do {
              args.add(operand());
            } while (accept(Kind.COMMA));
          }
          Token close = expect(Kind.RPAREN, "')' to close " + t.text() + "(");
          return new Operand.Call(t.text().toLowerCase(Locale.ROOT), args, t.span().to(close.span()));
        }
        if (RESERVED.contains(t.text().toLowerCase(Locale.ROOT))) {
          throw error(t, "expected a value, found the keyword '" + t.text() + "'", List.of());
        }
        return new Operand.Text(t.text(), t.span());
      }
      default -> throw error(t, "expected a value (field such as ego.speed, number, or name), found " + t.describe(),
          List.of("ego.speed", "exists", "not", "("));
    }
  }

  /** A number and its optional unit, converted to SI. */
  private Operand number(Token t, int sign) {
    Span span = t.span();
    Unit unit = null;
    if (peek().kind() == Kind.IDENT) {
      String u = peek().text().toLowerCase(Locale.ROOT);
      int consumed = 1;
      if (peek(1).is(Kind.OP, "/") && peek(2).kind() == Kind.IDENT) {
        String compound = u + "/" + peek(2).text().toLowerCase(Locale.ROOT);
        consumed = 3;
        if (peek(3).is(Kind.OP, "^") && peek(4).kind() == Kind.NUMBER) {
          compound += "^" + peek(4).text();
          consumed = 5;
        }
        if (UNITS.containsKey(compound)) {
          u = compound;
        } else {
          consumed = 1;
        }
      }
      unit = UNITS.get(u);
      if (unit != null) {
        Token last = null;
        for (int i = 0; i < consumed; i++) {
          last = advance();
        }
        span = span.to(last.span());
      }
    }
    double v = sign * t.number() * (unit == null ? 1 : unit.factor());
    return new Operand.Number(v, unit == null ? Dimension.NONE : unit.dimension(), span);
  }

  private double duration() {
    Token t = peek();
    Operand o = operand();
    if (!(o instanceof Operand.Number n) || n.dimension() != Dimension.TIME && n.dimension() != Dimension.NONE) {
      throw error(t, "expected a duration such as 2s or 500ms, found " + describe(o), List.of("2s", "500ms"));
    }
    if (n.value() < 0) {
      throw error(t, "a duration must be >= 0", List.of());
    }
    return n.value();
  }

  private double positiveDuration() {
    Token t = peek();
    double d = duration();
    if (d <= 0) {
      throw error(t, "a duration must be > 0", List.of());
    }
    return d;
  }

  private static String describe(Operand o) {
    return switch (o) {
      case Operand.Field f -> f.variable() + "." + f.name();
      case Operand.Number n -> "the number " + n.value();
      case Operand.Text t -> "'" + t.value() + "'";
      case Operand.Call c -> c.function() + "(...)";
      case Operand.Arith a -> describe(a.left()) + " " + a.op() + " " + describe(a.right());
    };
  }

  private Token peek() {
    return tokens.get(pos);
  }

  private Token peek(int ahead) {
    return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
  }

  private Token previous() {
    return tokens.get(Math.max(0, pos - 1));
  }

  private Token advance() {
    Token t = tokens.get(pos);
    if (t.kind() != Kind.EOF) {
      pos++;
    }
    return t;
  }

  private boolean accept(Kind k) {
    if (peek().kind() == k) {
      advance();
      return true;
    }
    return false;
  }

  private Token expect(Kind k, String what) {
    Token t = advance();
    if (t.kind() != k) {
      throw error(t, "expected " + what + ", found " + t.describe(), List.of());
    }
    return t;
  }

  private void expectWord(String w) {
    Token t = advance();
    if (!t.isWord(w)) {
      throw error(t, "expected '" + w + "', found " + t.describe(), List.of(w));
    }
  }

  private QueryException error(Token t, String problem, List<String> suggestions) {
    return QueryException.at(src, t.span(), problem, suggestions);
  }
}
