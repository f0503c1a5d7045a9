package dev.baton.privacy;

import dev.baton.llm.Redactor;

/**
 * Keys, tokens and credentials: {@link Redactor} (configured secret values, credential pairs,
 * bearer tokens, key shapes, long high-entropy tokens), which the LLM layer already applies to
 * provider errors, here applied to everything Baton stores and logs. Its mask is
 * {@value Redactor#MASK}.
 */
final class SecretDetector implements Detector {

  private final Redactor redactor;

  SecretDetector(Redactor redactor) {
    this.redactor = redactor;
  }

  @Override
  public String name() {
    return "secret";
  }

  @Override
  public String mask() {
    return Redactor.MASK;
  }

  @Override
  public String redact(String text) {
    return redactor.redact(text);
  }
}
