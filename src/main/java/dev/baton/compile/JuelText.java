package dev.baton.compile;

/**
 * Text for BPMN attributes that Camunda evaluates as JUEL but that must show user text as it
 * is (a user task's name, which Tasklist and the API show). Camunda parses such an attribute
 * as literal text with embedded {@code ${…}} or {@code #{…}} expressions; in literal text a
 * backslash directly before {@code ${} or {@code #{} makes it plain text.
 *
 * <p>Camunda's scanner ({@code org.camunda.bpm.impl.juel.Scanner#nextText}) reads n
 * backslashes before {@code ${} as n-1 backslashes and a literal {@code ${}, and n backslashes
 * before anything else as n backslashes. So one backslash more before every {@code $} and
 * {@code #} that a {@code {} follows is exactly right, whatever the user put in front of it;
 * {@code JuelTextTest} proves that with Camunda's own expression manager on generated texts.
 */
final class JuelText {

  private JuelText() {}

  /** The text, escaped so that Camunda's JUEL reads it back unchanged and evaluates nothing. */
  public static String literal(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c == '$' || c == '#') && i + 1 < text.length() && text.charAt(i + 1) == '{') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  /**
   * As {@link #literal}, shortened (with "…") so that the escaped text has at most {@code max}
   * characters: Camunda keeps an activity's name in a 255-character column, and escaping can
   * make a name longer than the spec's limit.
   */
  public static String literal(String text, int max) {
    String escaped = literal(text);
    if (escaped.length() <= max) {
      return escaped;
    }
    int keep = Math.min(text.length(), max - 1);
    while (keep > 0) {
      // never cut a surrogate pair, and leave room for the escapes of what is kept
      if (keep < text.length() && Character.isLowSurrogate(text.charAt(keep))) {
        keep--;
        continue;
      }
      String candidate = literal(text.substring(0, keep) + "…");
      if (candidate.length() <= max) {
        return candidate;
      }
      keep--;
    }
    return "…";
  }
}
