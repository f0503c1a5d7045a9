package dev.baton.llm;

/**
 * A model call that failed, classified as seed 000 does: {@code TRANSIENT} failures (network,
 * 429, 5xx, timeouts, an open circuit, a local limit) are worth retrying; {@code PERMANENT} ones
 * (bad request, auth, unknown model, invalid output) are not; {@code POLICY} ones (the provider's
 * content filter refused) are not either. Messages never contain API keys.
 */
public class LlmException extends RuntimeException {

  public enum Kind {
    TRANSIENT,
    PERMANENT,
    POLICY
  }

  private final Kind kind;
  private final java.time.Duration retryAfter;

  public LlmException(Kind kind, String message) {
    this(kind, message, null, null);
  }

  public LlmException(Kind kind, String message, Throwable cause) {
    this(kind, message, cause, null);
  }

  /** @param retryAfter how long the provider asked us to wait (a 429's Retry-After), or null */
  public LlmException(Kind kind, String message, Throwable cause,
      java.time.Duration retryAfter) {
    super(message, cause);
    this.kind = kind;
    this.retryAfter = retryAfter;
  }

  /** The wait the provider asked for before the next attempt, or null. */
  public java.time.Duration retryAfter() {
    return retryAfter;
  }

  public Kind kind() {
    return kind;
  }
}
