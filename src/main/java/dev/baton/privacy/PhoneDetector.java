package dev.baton.privacy;

import java.util.List;

/**
 * Phone numbers in the shapes people write them, chosen to leave dates, times, versions,
 * amounts, IP addresses and ids alone:
 *
 * <ul>
 *   <li>international: {@code +} and 8 to 15 digits (E.164), grouped or not
 *       ({@code +1 415 555 0134}, {@code +44 (0)20 7946 0958}, {@code +4915112345678});
 *   <li>North American: 3-3-4 digits, the area code possibly in parentheses, possibly after a
 *       1 ({@code (415) 555-0134}, {@code 1-415-555-0134}, {@code 415.555.0134});
 *   <li>national with a trunk prefix: a group starting with 0, 10 to 11 digits in all (12 to
 *       13 after {@code 00}), in at least two groups ({@code 020 7946 0958},
 *       {@code 030 12345678}, {@code 01 23 45 67 89}).
 * </ul>
 *
 * Plain runs of digits without {@code +} (ids, epoch seconds) are not taken for phone numbers.
 */
final class PhoneDetector implements Detector {

  @Override
  public String name() {
    return "phone";
  }

  @Override
  public String redact(String text) {
    if (!NumberRuns.enoughDigits(text, 7)) {
      return text;
    }
    Spans spans = new Spans();
    for (NumberRuns.Run run : NumberRuns.of(text)) {
      List<NumberRuns.Group> groups = run.groups();
      if (run.plus()) {
        int end = international(groups);
        if (end >= 0) {
          spans.add(run.start(), groups.get(end).end());
        }
        continue;
      }
      int s = 0;
      while (s < groups.size()) {
        int end = northAmerican(groups, s);
        int from = s;
        if (end >= 0 && s > 0 && groups.get(s - 1).digits().equals("1")
            && !groups.get(s - 1).parenthesised()) {
          from = s - 1;
        }
        if (end < 0) {
          end = national(groups, s);
        }
        if (end >= 0) {
          spans.add(groups.get(from).start(), groups.get(end).end());
          s = end + 1;
        } else {
          s++;
        }
      }
    }
    return spans.applyTo(text, mask());
  }

  /** The last group of a number after "+": as many groups as keep it within 15 digits. */
  private static int international(List<NumberRuns.Group> groups) {
    int digits = 0;
    int last = -1;
    for (int e = 0; e < groups.size(); e++) {
      int more = groups.get(e).digits().length();
      if (digits + more > 15) {
        break;
      }
      digits += more;
      last = e;
    }
    return digits >= 8 ? last : -1;
  }

  private static int northAmerican(List<NumberRuns.Group> groups, int s) {
    if (s + 2 >= groups.size()) {
      return -1;
    }
    NumberRuns.Group area = groups.get(s);
    NumberRuns.Group exchange = groups.get(s + 1);
    NumberRuns.Group line = groups.get(s + 2);
    boolean shape = area.digits().length() == 3 && exchange.digits().length() == 3
        && line.digits().length() == 4 && !exchange.parenthesised() && !line.parenthesised()
        // area codes and exchanges do not start with 0 or 1
        && area.digits().charAt(0) >= '2' && exchange.digits().charAt(0) >= '2';
    if (!shape || line.separatorBefore() == 0) {
      return -1;
    }
    // "415 555.0134" mixes separators as no one writes a phone number
    char first = exchange.separatorBefore();
    if (!area.parenthesised() && first != line.separatorBefore()) {
      return -1;
    }
    return s + 2;
  }

  private static int national(List<NumberRuns.Group> groups, int s) {
    String head = groups.get(s).digits();
    if (groups.get(s).parenthesised() || head.length() < 2 || head.charAt(0) != '0') {
      return -1;
    }
    boolean international = head.startsWith("00");
    int min = international ? 12 : 10;
    int max = international ? 13 : 11;
    int digits = 0;
    int found = -1;
    for (int e = s; e < groups.size(); e++) {
      NumberRuns.Group group = groups.get(e);
      if (group.digits().length() > 8 || (e > s && group.separatorBefore() == '.'
          && group.digits().length() < 2)) {
        break;
      }
      digits += group.digits().length();
      if (digits > max) {
        break;
      }
      if (digits >= min && e > s) {
        found = e;
      }
    }
    return found;
  }
}
