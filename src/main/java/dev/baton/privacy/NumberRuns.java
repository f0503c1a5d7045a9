package dev.baton.privacy;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs of digit groups in text, as phone and card numbers are written: groups of digits
 * separated by one space, dash or dot, a group possibly in parentheses, the run possibly
 * starting with {@code +}. A run must stand alone: it may not begin or end inside a word, an
 * identifier, a path, a time or a UUID ({@code build-2024-01-15}, {@code 10:30},
 * {@code 123e4567-e89b-...}). One linear scan.
 */
final class NumberRuns {

  /** One group of digits. {@code start}/{@code end} include parentheses. */
  record Group(int start, int end, String digits, boolean parenthesised, char separatorBefore) {}

  /** A run: its groups and whether it began with {@code +} (at {@code plusAt}). */
  record Run(int plusAt, List<Group> groups) {
    boolean plus() {
      return plusAt >= 0;
    }

    int start() {
      return plus() ? plusAt : groups.get(0).start();
    }
  }

  private NumberRuns() {}

  /** At least this many digits in the text before a scan is worth it. */
  static boolean enoughDigits(String text, int min) {
    int count = 0;
    for (int i = 0; i < text.length(); i++) {
      if (isDigit(text.charAt(i)) && ++count >= min) {
        return true;
      }
    }
    return false;
  }

  static List<Run> of(String text) {
    List<Run> runs = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      boolean opener = isDigit(c) || c == '+' || c == '(';
      if (!opener || (i > 0 && !boundaryBefore(text.charAt(i - 1)))) {
        i++;
        continue;
      }
      int plusAt = -1;
      int pos = i;
      if (c == '+') {
        plusAt = i;
        pos++;
      }
      List<Group> groups = new ArrayList<>();
      char separator = 0;
      while (true) {
        Group group = group(text, pos, separator);
        if (group == null) {
          break;
        }
        groups.add(group);
        pos = group.end();
        if (pos < n && " .-".indexOf(text.charAt(pos)) >= 0 && pos + 1 < n
            && (isDigit(text.charAt(pos + 1)) || text.charAt(pos + 1) == '(')) {
          separator = text.charAt(pos);
          pos++;
        } else if (group.parenthesised() && pos < n && isDigit(text.charAt(pos))) {
          separator = 0; // "(415)555-0134"
        } else {
          break;
        }
      }
      if (groups.isEmpty()) {
        i = pos + 1;
        continue;
      }
      int end = groups.get(groups.size() - 1).end();
      if (end >= n || boundaryAfter(text, end)) {
        runs.add(new Run(plusAt, List.copyOf(groups)));
      }
      i = Math.max(end, i + 1);
      // skip the rest of a token that did not end at a boundary
      while (i < n && !boundaryBefore(text.charAt(i - 1))) {
        i++;
      }
    }
    return runs;
  }

  private static Group group(String text, int pos, char separator) {
    int n = text.length();
    boolean paren = pos < n && text.charAt(pos) == '(';
    int p = paren ? pos + 1 : pos;
    int digitsStart = p;
    while (p < n && isDigit(text.charAt(p))) {
      p++;
    }
    if (p == digitsStart) {
      return null;
    }
    String digits = text.substring(digitsStart, p);
    if (paren) {
      if (p >= n || text.charAt(p) != ')') {
        return null;
      }
      p++;
    }
    return new Group(pos, p, digits, paren, separator);
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** A run may start after whitespace, punctuation of prose or JSON, not inside a token. */
  private static boolean boundaryBefore(char c) {
    return !(Character.isLetterOrDigit(c) || "_.+-/\\:@#$%&=~".indexOf(c) >= 0);
  }

  /** A run ends before whitespace or prose punctuation, not before a letter, "-x", ":30", ".5". */
  private static boolean boundaryAfter(String text, int end) {
    char c = text.charAt(end);
    if (Character.isLetterOrDigit(c) || "_/\\:@#$%&=~+".indexOf(c) >= 0) {
      return false;
    }
    if (c == '-' || c == '.' || c == ',') {
      // a sentence's full stop or comma ends it; "-x", ".5" or ",5" continue a token
      return end + 1 >= text.length() || !Character.isLetterOrDigit(text.charAt(end + 1));
    }
    return true;
  }
}
