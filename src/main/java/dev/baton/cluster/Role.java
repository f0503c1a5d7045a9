package dev.baton.cluster;

import java.util.Locale;
import org.springframework.core.env.Environment;

/**
 * What a Baton process does ({@code baton.role}, or the profiles {@code engine} and {@code
 * worker}): {@code all} runs the engine, the API, the webapps and the agent worker (the
 * default, one machine); {@code engine} the same without the worker; {@code worker} only the
 * agent worker, against an engine node's REST API, with no engine of its own.
 */
enum Role {
  ALL, ENGINE, WORKER;

  public static final String PROPERTY = "baton.role";

  public static Role of(Environment environment) {
    String value = environment.getProperty(PROPERTY, "all").trim().toUpperCase(Locale.ROOT);
    try {
      return valueOf(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("baton.role must be all, engine or worker, not '"
          + environment.getProperty(PROPERTY) + "'");
    }
  }

  public boolean runsEngine() {
    return this != WORKER;
  }
}
