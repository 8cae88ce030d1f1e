package dev.fleetmine.query.lang;

/** A lexical token of the scenario language. */
record Token(Kind kind, String text, double number, Span span) {
  enum Kind { IDENT, NUMBER, STRING, OP, LPAREN, RPAREN, COMMA, DOT, EOF }

  boolean is(Kind k, String t) {
    return kind == k && text.equals(t);
  }

  boolean isWord(String w) {
    return kind == Kind.IDENT && text.equalsIgnoreCase(w);
  }

  String describe() {
    return switch (kind) {
      case EOF -> "end of query";
      case STRING -> "string \"" + text + "\"";
      default -> "'" + text + "'";
    };
  }
}
