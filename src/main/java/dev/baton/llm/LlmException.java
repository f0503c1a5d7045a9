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

  /**
   * Whose failure a transient one is, which decides whether it spends the task's retries: only
   * a failure of this call while the provider looked healthy (its circuit closed, with few
   * failures of other calls) does. Waits for an outage (the
   * circuit is not closed) and refusals (an open circuit, Baton's own limits) are waited out
   * within the model's patience instead: they say nothing about this task.
   */
  public enum Blame {
    /** this call failed while the provider looked healthy to the model's circuit breaker */
    CALL,
    /** the call failed while the provider was failing other calls too, or too few to tell */
    OUTAGE,
    /** the call was not made: an open circuit, or Baton's own rate, token or concurrency limit */
    REFUSED
  }

  private final Kind kind;
  private final java.time.Duration retryAfter;
  private Blame blame = Blame.CALL;

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

  public Blame blame() {
    return blame;
  }

  /** Sets whose failure this is (the classifier and the resilient model know). */
  public LlmException blamed(Blame blame) {
    this.blame = blame;
    return this;
  }

  /** Whether this failure counts against the task's retries (see {@link Blame}). */
  public boolean spendsRetry() {
    return kind != Kind.TRANSIENT || blame == Blame.CALL;
  }
}
