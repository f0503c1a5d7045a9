package dev.baton.llm;

import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The HTTP client under langchain4j's OpenAI and Anthropic models: the JDK client, as
 * langchain4j's own, except that an error response keeps its {@code Retry-After} header
 * ({@link ProviderHttpException}), so that a 429 is retried no sooner than the provider asked,
 * and its body is redacted where it enters Baton: the credentials this request sent and every
 * secret the {@link Redactor} knows are cut out before the body becomes an exception message,
 * which langchain4j wraps, resilience4j keeps in its events and the actuator shows. Streaming
 * (unused by Baton) goes to langchain4j's JDK client unchanged.
 */
final class ProviderHttpClient implements HttpClient {

  /** An error body is kept up to this length (redacted first, so no key is cut in half). */
  static final int MAX_ERROR_BODY = 2000;
  private static final java.util.Set<String> CREDENTIAL_HEADERS = java.util.Set.of(
      "authorization", "proxy-authorization", "x-api-key", "api-key", "x-goog-api-key");

  private final java.net.http.HttpClient http;
  private final Duration readTimeout;
  private final JdkHttpClient streaming;
  private final Redactor redactor;

  private ProviderHttpClient(Builder builder) {
    java.net.http.HttpClient.Builder http = java.net.http.HttpClient.newBuilder()
        .version(java.net.http.HttpClient.Version.HTTP_1_1);
    if (builder.connectTimeout != null) {
      http.connectTimeout(builder.connectTimeout);
    }
    this.http = http.build();
    this.readTimeout = builder.readTimeout;
    this.redactor = builder.redactor;
    this.streaming = JdkHttpClient.builder().connectTimeout(builder.connectTimeout)
        .readTimeout(builder.readTimeout).build();
  }

  static Builder builder() {
    return new Builder();
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    java.net.http.HttpRequest.Builder jdk = java.net.http.HttpRequest.newBuilder()
        .uri(URI.create(request.url()));
    request.headers().forEach((name, values) -> {
      if (values != null) {
        values.forEach(value -> jdk.header(name, value));
      }
    });
    jdk.method(request.method().name(), request.body() == null
        ? java.net.http.HttpRequest.BodyPublishers.noBody()
        : java.net.http.HttpRequest.BodyPublishers.ofString(request.body()));
    if (readTimeout != null) {
      jdk.timeout(readTimeout);
    }
    try {
      java.net.http.HttpResponse<byte[]> response =
          http.send(jdk.build(), BodyHandlers.ofByteArray());
      if (response.statusCode() < 200 || response.statusCode() >= 300) {
        throw new ProviderHttpException(response.statusCode(),
            errorBody(request, new String(response.body(), StandardCharsets.UTF_8)),
            retryAfter(response.headers().firstValue("Retry-After").orElse(null),
                Clock.systemUTC()));
      }
      return SuccessfulHttpResponse.builder()
          .statusCode(response.statusCode())
          .headers(response.headers().map())
          .body(response.body())
          .build();
    } catch (HttpTimeoutException e) {
      throw new TimeoutException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the provider", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void execute(HttpRequest request, ServerSentEventParser parser,
      ServerSentEventListener listener) {
    streaming.execute(request, parser, listener);
  }

  /** The body without the request's credentials or any other secret, shortened. */
  String errorBody(HttpRequest request, String body) {
    java.util.List<String> sent = new java.util.ArrayList<>();
    request.headers().forEach((name, values) -> {
      if (values != null && CREDENTIAL_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
        for (String value : values) {
          // "Bearer <key>": the key, so that the scheme stays to say what was cut
          int space = value == null ? -1 : value.indexOf(' ');
          sent.add(space > 0 ? value.substring(space + 1) : value);
        }
      }
    });
    return redactor.with(sent).redact(body, MAX_ERROR_BODY);
  }

  /**
   * A {@code Retry-After} value: seconds (as OpenAI and Anthropic send) or an HTTP date; null
   * when absent or unreadable.
   */
  static Duration retryAfter(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    try {
      double seconds = Double.parseDouble(v);
      return seconds < 0 ? null : Duration.ofMillis((long) Math.ceil(seconds * 1000));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(clock.instant(), at.toInstant());
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }

  /** Handed to langchain4j's model builders ({@code httpClientBuilder(...)}). */
  static final class Builder implements HttpClientBuilder {

    private Duration connectTimeout;
    private Duration readTimeout;
    private Redactor redactor = Redactor.patternsOnly();

    /** What cuts secrets out of error bodies (default: the request's credentials and shapes). */
    Builder redactor(Redactor redactor) {
      this.redactor = redactor;
      return this;
    }

    @Override
    public Duration connectTimeout() {
      return connectTimeout;
    }

    @Override
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    @Override
    public Duration readTimeout() {
      return readTimeout;
    }

    @Override
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout;
      return this;
    }

    @Override
    public ProviderHttpClient build() {
      return new ProviderHttpClient(this);
    }
  }
}
