package dev.baton.decision;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A FEEL expression that compares one variable with a boolean literal: {@code hardCap != false},
 * {@code overrideByApproval = true}. When the variable holds a boolean the answer is plain
 * equality; a missing variable, null or another type is left to FEEL and its rules.
 *
 * @param variable the variable's name
 * @param literal the boolean it is compared with
 * @param equal {@code =} rather than {@code !=}
 */
record BooleanCheck(String variable, boolean literal, boolean equal) {

  private static final Pattern FORM =
      Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(!?=)\\s*(true|false)\\s*");
  private static final RecognisedCells<BooleanCheck> KNOWN =
      new RecognisedCells<>(BooleanCheck::parse);

  /** The check the expression is, or null when it is anything else. */
  static BooleanCheck of(String expression) {
    return KNOWN.of(expression);
  }

  private static BooleanCheck parse(String expression) {
    Matcher m = FORM.matcher(expression);
    if (!m.matches() || m.group(1).equals("true") || m.group(1).equals("false")
        || m.group(1).equals("null")) {
      return null;
    }
    return new BooleanCheck(m.group(1), Boolean.parseBoolean(m.group(3)),
        m.group(2).equals("="));
  }

  /** The answer for a boolean value of the variable. */
  boolean answer(boolean value) {
    return (value == literal) == equal;
  }
}
