package dev.baton.prompt;

import java.util.regex.Pattern;

/** The placeholders of prompts, as the deploy checks read them and the worker fills them. */
public final class Placeholders {

  /** {@code {{name}}} or {@code {{name|default text}}}. */
  public static final Pattern PATTERN =
      Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*(?:\\|([^}]*))?}}");

  private Placeholders() {}
}
