package dev.baton.spec;

import java.util.regex.Pattern;

/**
 * Role (group) and user ids a spec may name: candidates of approval gates, escalation
 * assignees, budget-override deciders. The pattern is Camunda's {@code
 * general-resource-whitelist-pattern} of application.yml, so every id a spec names is one an
 * administrator can create; it has no {@code $}, {@code #}, braces or commas, so an id can
 * never be read as an expression or split into two.
 */
public final class IdentityIds {

  public static final String PATTERN_TEXT = "[a-zA-Z0-9_.@-]+";
  private static final Pattern PATTERN = Pattern.compile(PATTERN_TEXT);
  /** Camunda stores group and user ids in 64-character columns. */
  public static final int MAX_LENGTH = 64;

  private IdentityIds() {}

  public static boolean valid(String id) {
    return id != null && id.length() <= MAX_LENGTH && PATTERN.matcher(id).matches();
  }

  /** What is wrong with an id, for a message; null when it is valid. */
  static String problem(String id) {
    if (id.isEmpty()) {
      return "is empty";
    }
    if (id.length() > MAX_LENGTH) {
      return "is " + id.length() + " characters long; ids have at most " + MAX_LENGTH;
    }
    if (!PATTERN.matcher(id).matches()) {
      return "may contain only letters, digits, '_', '.', '@' and '-'";
    }
    return null;
  }

  /** A readable, safe version of a bad id, for hints. */
  static String suggest(String id) {
    String cleaned = id.replaceAll("[^a-zA-Z0-9_.@-]+", "-").replaceAll("^-+|-+$", "");
    cleaned = cleaned.length() > MAX_LENGTH ? cleaned.substring(0, MAX_LENGTH) : cleaned;
    return cleaned.isEmpty() ? "TenantAdmin" : cleaned;
  }
}
