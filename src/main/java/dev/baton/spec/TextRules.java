package dev.baton.spec;

/**
 * Characters a spec's text may hold. Everything ends up in BPMN XML (names, the node config as
 * an extension property), and XML 1.0 cannot hold most control characters, unpaired surrogates
 * or U+FFFE/U+FFFF even as character references: a spec with one would deploy as a document
 * the engine cannot parse.
 */
public final class TextRules {

  private TextRules() {}

  /** What makes a text unstorable (e.g. "control character U+0001"), or null. */
  public static String unstorable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        return "an unpaired surrogate " + code(c);
      }
      if (Character.isLowSurrogate(c)) {
        return "an unpaired surrogate " + code(c);
      }
      boolean allowed = c == '\t' || c == '\n' || c == '\r'
          || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD;
      if (!allowed) {
        return (c < 0x20 || c >= 0x7F && c <= 0x9F ? "control character " : "character ")
            + code(c);
      }
    }
    return null;
  }

  /** A value shown inside a message: quoted, at most 60 characters. */
  public static String shown(String text) {
    String clipped = text.length() <= 60 ? text : text.substring(0, 57) + "...";
    return "'" + clipped + "'";
  }

  private static String code(char c) {
    return String.format("U+%04X", (int) c);
  }
}
