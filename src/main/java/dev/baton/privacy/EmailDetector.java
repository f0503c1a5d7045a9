package dev.baton.privacy;

import java.util.regex.Pattern;

/**
 * E-mail addresses: a local part, {@code @}, a domain of dotted labels ending in a letter-only
 * top-level domain ({@code user@localhost} and {@code pkg@1.2.3} are not addresses). Every part
 * is bounded as RFC 5321 bounds it, and a match may begin only where the local part begins, so
 * the work per character is bounded too.
 */
final class EmailDetector implements Detector {

  private static final Pattern EMAIL = Pattern.compile(
      "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@"
          + "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.){1,8}[A-Za-z]{2,24}"
          + "(?![A-Za-z0-9-])");

  @Override
  public String name() {
    return "email";
  }

  @Override
  public String redact(String text) {
    if (text.indexOf('@') < 0) {
      return text;
    }
    return EMAIL.matcher(text).replaceAll(mask().replace("$", "\\$"));
  }
}
