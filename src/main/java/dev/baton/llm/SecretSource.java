package dev.baton.llm;

import java.util.Collection;

/**
 * Secrets another feature resolves from the environment (a connector's {@code ${env:NAME}}),
 * given to the application's {@link Redactor} as values to cut out. Asked for whenever text is
 * redacted, so it should answer quickly.
 */
@FunctionalInterface
public interface SecretSource {

  /** The current values; may contain nulls and blanks, which are ignored. */
  Collection<String> secretValues();
}
