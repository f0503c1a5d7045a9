package dev.baton.spec;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Optional;

/**
 * The regular expressions of {@code matches} conditions: RE2 syntax, matched by RE2/J in time
 * linear in the input (no backtracking, so {@code ^(.*a){10}b} cannot stall a job thread).
 * RE2 has no backreferences and no lookaround; those patterns are refused at deploy time.
 *
 * <p>RE2/J itself has no bound on the size of the automaton it builds: nested counted
 * repetitions such as {@code ((a{1000}){1000}){1000}} exhaust the heap while compiling. An
 * over-estimate of the program size is computed first, and patterns above {@link
 * #MAX_PROGRAM_SIZE} are refused without being compiled.
 */
public final class RegexDialect {

  /** Instructions of the compiled automaton; a few thousand compile in well under 1 ms. */
  public static final long MAX_PROGRAM_SIZE = 20_000;

  private RegexDialect() {}

  /**
   * Compiles a pattern that {@link #problem} accepts.
   *
   * @throws IllegalArgumentException saying what is wrong with the pattern
   */
  public static Pattern compile(String regex, int maxLength) {
    String problem = check(regex, maxLength);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return Pattern.compile(regex);
  }

  /** What is wrong with a pattern, or empty when it compiles within the bounds. */
  public static Optional<String> problem(String regex, int maxLength) {
    String problem = check(regex, maxLength);
    if (problem != null) {
      return Optional.of(problem);
    }
    try {
      Pattern.compile(regex);
      return Optional.empty();
    } catch (PatternSyntaxException e) {
      return Optional.of("not a valid RE2 regular expression: " + e.getMessage()
          .replaceFirst("^error parsing regexp: ", ""));
    }
  }

  private static String check(String regex, int maxLength) {
    if (regex.length() > maxLength) {
      return "the pattern is " + regex.length() + " characters long; the limit is " + maxLength;
    }
    long size = new Estimate(regex).size();
    if (size > MAX_PROGRAM_SIZE) {
      return "the pattern expands to about " + (size >= Long.MAX_VALUE / 4 ? "too many"
          : String.valueOf(size)) + " automaton states (nested counted repetitions); the "
          + "limit is " + MAX_PROGRAM_SIZE;
    }
    return null;
  }

  /**
   * An upper bound of the RE2 program size: every atom counts one, a group its contents plus
   * two, a counted repetition {@code x{n,m}} (m+1) times x, and other quantifiers one more.
   * Arithmetic saturates, so the bound itself cannot overflow.
   */
  static final class Estimate {
    private static final long CAP = Long.MAX_VALUE / 4;
    private final String s;
    private int i;

    Estimate(String s) {
      this.s = s;
    }

    long size() {
      long total = 0;
      while (i < s.length()) {
        total = add(total, sequence());
        i++; // an unbalanced ')': RE2 refuses it; go on counting
      }
      return total;
    }

    /** An alternation up to ')' or the end. */
    private long sequence() {
      long total = 0;
      long last = 0;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == ')') {
          break;
        }
        if (c == '|') {
          total = add(total, add(last, 1));
          last = 0;
          i++;
        } else if (c == '*' || c == '+' || c == '?') {
          last = add(last, 2);
          i++;
        } else if (c == '{' && repetition() >= 0) {
          long count = repetition();
          i = s.indexOf('}', i) + 1;
          last = mul(add(last, 1), add(count, 1));
        } else {
          total = add(total, last);
          last = atom();
        }
      }
      return add(total, last);
    }

    /** The larger count of {@code {n}}, {@code {n,}} or {@code {n,m}} at i, or -1. */
    private long repetition() {
      int close = s.indexOf('}', i);
      if (close < 0) {
        return -1;
      }
      String body = s.substring(i + 1, close);
      if (!body.matches("\\d{1,9}(,\\d{0,9})?")) {
        return -1;
      }
      long max = 0;
      for (String part : body.split(",")) {
        if (!part.isEmpty()) {
          max = Math.max(max, Long.parseLong(part));
        }
      }
      return body.endsWith(",") ? max + 1 : max;
    }

    private long atom() {
      char c = s.charAt(i);
      if (c == '(') {
        i++;
        if (i < s.length() && s.charAt(i) == '?') {
          // flags (?i), (?i:...), names (?P<n>...) (?<n>...)
          while (i < s.length() && s.charAt(i) != ':' && s.charAt(i) != ')'
              && s.charAt(i) != '>') {
            i++;
          }
          if (i < s.length() && s.charAt(i) == ')') {
            i++;
            return 0;
          }
          i++;
        }
        long inner = sequence();
        if (i < s.length()) {
          i++; // ')'
        }
        return add(inner, 2);
      }
      if (c == '[') {
        skipClass();
        return 1;
      }
      if (c == '\\' && i + 1 < s.length()) {
        char e = s.charAt(i + 1);
        i += 2;
        if (e == 'Q') {
          int end = s.indexOf("\\E", i);
          int stop = end < 0 ? s.length() : end;
          long literal = stop - i;
          i = end < 0 ? s.length() : end + 2;
          return Math.max(1, literal);
        }
        if ((e == 'p' || e == 'P' || e == 'x') && i < s.length() && s.charAt(i) == '{') {
          int close = s.indexOf('}', i);
          i = close < 0 ? s.length() : close + 1;
        }
        return 1;
      }
      i++;
      return 1;
    }

    private void skipClass() {
      i++; // '['
      if (i < s.length() && s.charAt(i) == '^') {
        i++;
      }
      if (i < s.length() && s.charAt(i) == ']') {
        i++;
      }
      while (i < s.length() && s.charAt(i) != ']') {
        if (s.charAt(i) == '\\') {
          i += 2;
        } else if (s.startsWith("[:", i)) {
          int close = s.indexOf(":]", i + 2);
          i = close < 0 ? i + 1 : close + 2;
        } else {
          i++;
        }
      }
      i++; // ']'
    }

    private static long add(long a, long b) {
      return Math.min(CAP, a + b);
    }

    private static long mul(long a, long b) {
      return a != 0 && b > CAP / a ? CAP : Math.min(CAP, a * b);
    }
  }
}
