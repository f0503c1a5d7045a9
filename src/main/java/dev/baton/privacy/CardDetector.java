package dev.baton.privacy;

import java.util.List;

/**
 * Payment card numbers: 13 to 19 digits, written together or in groups separated by one kind
 * of space or dash, starting with 2 to 6 (the major networks' ranges), and passing the Luhn
 * check. A longer run of groups is searched for such a window, so that "4111 1111 1111 1111
 * 12/28" still finds the card. Timestamps in milliseconds, order numbers and other long ids
 * mostly fail the first digit or the check (about one in ten random ids passes Luhn).
 */
final class CardDetector implements Detector {

  static final int MIN_DIGITS = 13;
  static final int MAX_DIGITS = 19;

  @Override
  public String name() {
    return "card";
  }

  @Override
  public String redact(String text) {
    if (!NumberRuns.enoughDigits(text, MIN_DIGITS)) {
      return text;
    }
    Spans spans = new Spans();
    for (NumberRuns.Run run : NumberRuns.of(text)) {
      if (run.plus()) {
        continue; // "+" begins a phone number
      }
      List<NumberRuns.Group> groups = run.groups();
      int s = 0;
      while (s < groups.size()) {
        int end = window(groups, s);
        if (end >= 0) {
          spans.add(groups.get(s).start(), groups.get(end).end());
          s = end + 1;
        } else {
          s++;
        }
      }
    }
    return spans.applyTo(text, mask());
  }

  /** The last group of a card number starting at group s, or -1. */
  private static int window(List<NumberRuns.Group> groups, int s) {
    StringBuilder digits = new StringBuilder();
    char separator = 0;
    for (int e = s; e < groups.size(); e++) {
      NumberRuns.Group group = groups.get(e);
      if (group.parenthesised()) {
        return -1;
      }
      if (e > s) {
        char sep = group.separatorBefore();
        if (sep == '.' || (separator != 0 && sep != separator)) {
          return -1;
        }
        separator = sep;
      }
      digits.append(group.digits());
      if (digits.length() > MAX_DIGITS) {
        return -1;
      }
      if (digits.length() >= MIN_DIGITS && card(digits)) {
        return e;
      }
    }
    return -1;
  }

  private static boolean card(CharSequence digits) {
    char first = digits.charAt(0);
    return first >= '2' && first <= '6' && luhn(digits);
  }

  /** The Luhn (mod 10) check digit test every payment card number passes. */
  static boolean luhn(CharSequence digits) {
    int sum = 0;
    boolean twice = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return digits.length() > 1 && sum % 10 == 0;
  }
}
