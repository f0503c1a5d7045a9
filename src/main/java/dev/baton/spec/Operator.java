package dev.baton.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Comparison operators of condition edges (in the style of seed 004's step conditions). */
public enum Operator {
  EQ("=="),
  NE("!="),
  GT(">"),
  GE(">="),
  LT("<"),
  LE("<="),
  CONTAINS("contains"),
  IN("in"),
  EXISTS("exists"),
  MATCHES("matches");

  private final String symbol;

  Operator(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  public static Optional<Operator> fromSymbol(String value) {
    return Arrays.stream(values()).filter(o -> o.symbol.equals(value)).findFirst();
  }

  public static List<String> symbols() {
    return Arrays.stream(values()).map(Operator::symbol).toList();
  }
}
