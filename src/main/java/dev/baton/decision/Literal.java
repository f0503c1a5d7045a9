package dev.baton.decision;

import java.util.regex.Pattern;

/**
 * A FEEL cell that is one literal: a string in double quotes without escapes, {@code true} or
 * {@code false}. As a unary test it matches an input of the same type that equals it and never
 * matches null (a limit that nothing exceeds: most cells of the budget table on most checks);
 * as an expression it is its value. Only these cases are answered without FEEL; a literal tested
 * against an input of another type is left to FEEL and its rules.
 */
record Literal(Object value) {

  private static final Pattern STRING = Pattern.compile("\"[^\"\\\\]*\"");
  private static final RecognisedCells<Literal> KNOWN = new RecognisedCells<>(Literal::parse);

  /** The literal the cell is, or null when it is anything else. */
  static Literal of(String cell) {
    return KNOWN.of(cell);
  }

  private static Literal parse(String cell) {
    String text = cell.strip();
    if (text.equals("true") || text.equals("false")) {
      return new Literal(Boolean.valueOf(text));
    }
    if (STRING.matcher(text).matches()) {
      return new Literal(text.substring(1, text.length() - 1));
    }
    return null;
  }

  /** Whether the literal can answer a unary test against this input without FEEL. */
  boolean decides(Object input) {
    return input == null || input.getClass() == value.getClass();
  }

  /** The unary test's answer, for an input it {@link #decides}. */
  boolean matches(Object input) {
    return value.equals(input);
  }
}
