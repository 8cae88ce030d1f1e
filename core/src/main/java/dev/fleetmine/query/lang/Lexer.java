package dev.fleetmine.query.lang;

import java.util.ArrayList;
import java.util.List;

/** Splits query text into tokens; {@code #} starts a comment to the end of the line. */
final class Lexer {
  private final String src;
  private int pos;
  private int line = 1;
  private int lineStart;

  private Lexer(String src) {
    this.src = src;
  }

  static List<Token> tokenize(String src) {
    Lexer lx = new Lexer(src);
    List<Token> out = new ArrayList<>();
    Token t;
    do {
      t = lx.next();
      out.add(t);
    } while (t.kind() != Token.Kind.EOF);
    return out;
  }

  private Token next() {
    skipSpaceAndComments();
    if (pos >= src.length()) {
      return new Token(Token.Kind.EOF, "", 0, span(pos, 1));
    }
    int start = pos;
    char c = src.charAt(pos);
    if (Character.isLetter(c) || c == '_') {
      while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
        pos++;
      }
      return new Token(Token.Kind.IDENT, src.substring(start, pos), 0, span(start, pos - start));
    }
    if (Character.isDigit(c) || c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))) {
      while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.')) {
        pos++;
      }
      String text = src.substring(start, pos);
      try {
        return new Token(Token.Kind.NUMBER, text, Double.parseDouble(text), span(start, pos - start));
      } catch (NumberFormatException e) {
        throw QueryException.at(src, span(start, pos - start), "malformed number '" + text + "'", List.of());
      }
    }
    if (c == '"' || c == '\'') {
      pos++;
      while (pos < src.length() && src.charAt(pos) != c && src.charAt(pos) != '\n') {
        pos++;
      }
      if (pos >= src.length() || src.charAt(pos) != c) {
        throw QueryException.at(src, span(start, pos - start), "unterminated string", List.of());
      }
      pos++;
      return new Token(Token.Kind.STRING, src.substring(start + 1, pos - 1), 0, span(start, pos - start));
    }
    pos++;
    switch (c) {
      case '(' -> {
        return new Token(Token.Kind.LPAREN, "(", 0, span(start, 1));
      }
      case ')' -> {
        return new Token(Token.Kind.RPAREN, ")", 0, span(start, 1));
      }
      case ',' -> {
        return new Token(Token.Kind.COMMA, ",", 0, span(start, 1));
      }
      case '.' -> {
        return new Token(Token.Kind.DOT, ".", 0, span(start, 1));
      }
      case '<', '>', '!', '=' -> {
        if (pos < src.length() && src.charAt(pos) == '=') {
          pos++;
        }
        String op = src.substring(start, pos);
        if (op.equals("!")) {
          throw QueryException.at(src, span(start, 1), "unexpected '!'", List.of("!=", "not"));
        }
        return new Token(Token.Kind.OP, op.equals("==") ? "=" : op, 0, span(start, pos - start));
      }
      case '-', '/', '^', '*', '+' -> {
        return new Token(Token.Kind.OP, String.valueOf(c), 0, span(start, 1));
      }
      default -> throw QueryException.at(src, span(start, 1), "unexpected character '" + c + "'", List.of());
    }
  }

  private void skipSpaceAndComments() {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == '\n') {
        pos++;
        line++;
        lineStart = pos;
      } else if (Character.isWhitespace(c)) {
        pos++;
      } else if (c == '#') {
        while (pos < src.length() && src.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  private Span span(int start, int length) {
    return new Span(line, start - lineStart + 1, length);
  }
}
