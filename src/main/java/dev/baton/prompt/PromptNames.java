package dev.baton.prompt;

import java.util.regex.Pattern;

/**
 * Names of prompt templates: a file name in {@code processes/prompts/} without its {@code .md}
 * (a spec may write either), and the key of a stored template.
 */
public final class PromptNames {

  public static final int MAX_LENGTH = 64;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

  private PromptNames() {}

  /** {@code plan_project.md} and {@code plan_project} both name {@code plan_project}. */
  public static String bare(String name) {
    return name.endsWith(".md") ? name.substring(0, name.length() - 3) : name;
  }

  /** Whether the (bare) name is one a template may have: no paths, at most 64 characters. */
  public static boolean valid(String name) {
    return name != null && !name.isEmpty() && name.length() <= MAX_LENGTH
        && NAME.matcher(name).matches() && !name.endsWith(".md");
  }

  public static String rule() {
    return "use 1-" + MAX_LENGTH + " letters, digits, '_', '.' and '-', starting with a letter, "
        + "a digit or '_'";
  }
}
