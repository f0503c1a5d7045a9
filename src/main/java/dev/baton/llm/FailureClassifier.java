package dev.baton.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import java.io.IOException;
import java.time.Duration;

/**
 * Turns whatever a model call threw into an {@link LlmException} of seed 000's classes, with a
 * message that says what failed and what to do, and contains no API key: network failures,
 * 408, 429, 5xx, timeouts, an open circuit and local limits are {@code TRANSIENT}; 400, 401,
 * 403, 404, 422 and unreadable replies are {@code PERMANENT}; a content filter's refusal is
 * {@code POLICY}. The original exception is not kept as the cause, since provider error bodies
 * may echo parts of a key; what is quoted of it passes the {@link Redactor}.
 */
final class FailureClassifier {

  private static final int BODY_CHARS = 300;

  private final String model;
  private final String where;
  private final String apiKeyEnv;
  private final Redactor redactor;

  /**
   * @param model the catalogue name
   * @param where the provider and host, for messages
   * @param redactor knows the model's key (and every other configured secret)
   */
  FailureClassifier(String model, String where, String apiKeyEnv, Redactor redactor) {
    this.model = model;
    this.where = where;
    this.apiKeyEnv = apiKeyEnv;
    this.redactor = redactor;
  }

  LlmException classify(Throwable failure) {
    if (failure instanceof LlmException known) {
      return known;
    }
    String prefix = "model '" + model + "' (" + where + "): ";
    if (failure instanceof CallNotPermittedException) {
      return transientFailure(prefix + "circuit breaker is open after repeated failures of this "
          + "provider; calls resume when it lets a probe through. Check the provider's status",
          null).blamed(LlmException.Blame.REFUSED);
    }
    if (failure instanceof RequestNotPermitted) {
      return transientFailure(prefix + "Baton's own rate or token limit for this model or "
          + "provider is used up (baton.llm limits); the task is retried later", null)
          .blamed(LlmException.Blame.REFUSED);
    }
    if (failure instanceof BulkheadFullException) {
      return transientFailure(prefix + "too many calls in flight for this model or provider "
          + "(baton.llm limits max-concurrent); the task is retried later", null)
          .blamed(LlmException.Blame.REFUSED);
    }
    HttpException http = find(failure, HttpException.class);
    if (http != null) {
      return fromStatus(prefix, http);
    }
    if (find(failure, ContentFilteredException.class) != null) {
      return new LlmException(LlmException.Kind.POLICY,
          prefix + "the provider's content filter refused the request or the reply: "
              + clean(failure.getMessage()));
    }
    if (find(failure, TimeoutException.class) != null
        || find(failure, java.net.http.HttpTimeoutException.class) != null) {
      return transientFailure(prefix + "no reply within the timeout (baton.llm timeout); the "
          + "provider may be overloaded", null);
    }
    JsonProcessingException unreadable = find(failure, JsonProcessingException.class);
    if (unreadable != null) {
      return new LlmException(LlmException.Kind.PERMANENT, prefix + "the provider's reply is "
          + "not valid JSON (" + clean(unreadable.getOriginalMessage()) + "); check base-url "
          + "points at an OpenAI- or Anthropic-compatible API");
    }
    IOException io = find(failure, IOException.class);
    if (io != null) {
      return transientFailure(prefix + "network failure (" + io.getClass().getSimpleName()
          + (io.getMessage() == null ? "" : ": " + clean(io.getMessage()))
          + "); check that the provider is reachable", null);
    }
    if (find(failure, UnsupportedFeatureException.class) != null) {
      return new LlmException(LlmException.Kind.PERMANENT, prefix + "the provider does not "
          + "support what the node asks for: " + clean(failure.getMessage()));
    }
    if (find(failure, RetriableException.class) != null) {
      return transientFailure(prefix + clean(failure.getMessage()), null);
    }
    if (find(failure, NonRetriableException.class) != null) {
      return new LlmException(LlmException.Kind.PERMANENT, prefix + clean(failure.getMessage()));
    }
    // unknown: worth a few retries, after which the incident names it
    return transientFailure(prefix + failure.getClass().getSimpleName() + ": "
        + clean(failure.getMessage()), null);
  }

  private LlmException fromStatus(String prefix, HttpException http) {
    int status = http.statusCode();
    String body = clean(http.getMessage());
    Duration retryAfter = http instanceof ProviderHttpException p ? p.retryAfter() : null;
    if (status == 429) {
      return transientFailure(prefix + "rate limited by the provider (HTTP 429"
          + (retryAfter == null ? "" : ", Retry-After " + retryAfter.toMillis() + " ms")
          + "): " + body, retryAfter);
    }
    if (status == 408 || status >= 500) {
      return transientFailure(prefix + "the provider failed (HTTP " + status + "): " + body,
          retryAfter);
    }
    if (status == 401 || status == 403) {
      return new LlmException(LlmException.Kind.PERMANENT, prefix + "the provider refused the "
          + "API key (HTTP " + status + "); set a valid key in the environment variable "
          + (apiKeyEnv == null ? "named by api-key-env" : apiKeyEnv) + " and restart Baton");
    }
    if (status == 404) {
      return new LlmException(LlmException.Kind.PERMANENT, prefix + "the provider does not know "
          + "this model or path (HTTP 404): " + body + "; check model and base-url in "
          + "baton.llm.models");
    }
    return new LlmException(LlmException.Kind.PERMANENT,
        prefix + "the provider rejected the request (HTTP " + status + "): " + body);
  }

  private static LlmException transientFailure(String message, Duration retryAfter) {
    return new LlmException(LlmException.Kind.TRANSIENT, message, null, retryAfter);
  }

  /** The text without any secret, shortened (redacted first: no half key), on one line. */
  String clean(String text) {
    if (text == null) {
      return "";
    }
    return redactor.redact(text, BODY_CHARS).replaceAll("\\s+", " ").strip();
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
