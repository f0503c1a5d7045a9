package dev.baton.llm;

/**
 * A model call that failed, classified as seed 000 does: {@code TRANSIENT} failures (network,
 * 429, 5xx, timeouts) are worth retrying; {@code PERMANENT} ones (bad request, auth, invalid
 * output) are not.
 */
public class LlmException extends RuntimeException {

  public enum Kind {
    TRANSIENT,
    PERMANENT
  }

  private final Kind kind;

  public LlmException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public LlmException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
