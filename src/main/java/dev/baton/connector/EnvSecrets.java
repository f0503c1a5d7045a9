package dev.baton.connector;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reading of secret references in connector definitions, for tools and notification
 * channels alike: {@code ${env:NAME}} or {@code ${env:NAME:-default}}, resolved from the
 * environment (or a system property of that name, for tests) at the moment of use. A blank
 * value counts as unset. Values are never logged here; callers name a missing secret by its
 * variable.
 */
public final class EnvSecrets {

  static final Pattern REFERENCE = Pattern.compile("\\$\\{env:([A-Za-z0-9_]+)(?::-([^}]*))?}");

  private EnvSecrets() {}

  /**
   * Text with its references replaced.
   *
   * @param text the resolved text; null when {@code missing} is set
   * @param sent the values taken from the environment (defaults are not secrets), to redact
   * @param missing the first referenced variable that is unset and has no default, else null
   */
  public record Resolved(String text, List<String> sent, String missing) {

    public Resolved {
      sent = List.copyOf(sent);
    }
  }

  /** Replaces every reference; stops at the first unset one without default. */
  public static Resolved resolve(String text) {
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    List<String> sent = new ArrayList<>();
    while (m.find()) {
      String value = value(m.group(1));
      if (value == null || value.isBlank()) {
        value = m.group(2);
      } else {
        sent.add(value);
      }
      if (value == null) {
        return new Resolved(null, sent, m.group(1));
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return new Resolved(out.toString(), sent, null);
  }

  /** A secret's value: the environment variable, or a system property of that name (tests). */
  public static String value(String name) {
    String value = System.getenv(name);
    return value != null ? value : System.getProperty(name);
  }

  /** The variables {@code text} references; with {@code withDefaults} false, only the required. */
  public static Set<String> names(String text, boolean withDefaults) {
    Set<String> names = new TreeSet<>();
    Matcher m = REFERENCE.matcher(text);
    while (m.find()) {
      if (withDefaults || m.group(2) == null) {
        names.add(m.group(1));
      }
    }
    return names;
  }
}
