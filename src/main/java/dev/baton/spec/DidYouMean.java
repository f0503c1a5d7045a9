package dev.baton.spec;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Suggests the closest known name for a misspelt one, by edit distance. */
public final class DidYouMean {

  private DidYouMean() {}

  /**
   * The closest candidate when it is near enough to be a plausible typo: at most {@code
   * max(2, length / 3)} edits (case differences are free), or else a candidate the name is a
   * prefix of. Ties go to the first candidate, so callers pass candidates in a stable order.
   */
  static Optional<String> closest(String wrong, Collection<String> candidates) {
    if (wrong == null || wrong.isEmpty()) {
      return Optional.empty();
    }
    String needle = wrong.toLowerCase(Locale.ROOT);
    int limit = Math.max(2, wrong.length() / 3);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      if (candidate.equals(wrong)) {
        continue;
      }
      int d = distance(needle, candidate.toLowerCase(Locale.ROOT));
      if (d <= limit && d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    if (best == null && wrong.length() >= 3) {
      // "budget" for "budget_usd": a shortened name is as likely as a typo
      for (String candidate : candidates) {
        String lower = candidate.toLowerCase(Locale.ROOT);
        if (lower.startsWith(needle) || needle.startsWith(lower) && lower.length() >= 3) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** {@code "; did you mean 'x'?"}, or nothing. For appending to a message. */
  public static String suffix(String wrong, Collection<String> candidates) {
    return closest(wrong, candidates).map(s -> "; did you mean '" + s + "'?").orElse("");
  }

  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
