package dev.baton.llm;

import dev.langchain4j.exception.HttpException;
import java.time.Duration;

/**
 * A provider's HTTP error with the {@code Retry-After} it sent, which langchain4j's own {@link
 * HttpException} does not carry. langchain4j maps it to its exception types (a 429 to a {@code
 * RateLimitException}) with this as the cause, where the {@link FailureClassifier} finds it.
 */
final class ProviderHttpException extends HttpException {

  private final Duration retryAfter;

  ProviderHttpException(int statusCode, String body, Duration retryAfter) {
    super(statusCode, body);
    this.retryAfter = retryAfter;
  }

  /** The wait the provider asked for, or null when it sent none (or none we could read). */
  Duration retryAfter() {
    return retryAfter;
  }
}
