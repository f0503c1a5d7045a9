package dev.baton.llm;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The model catalogue and its limits ({@code baton.llm.*}). An agent names a model by its
 * catalogue name ({@code config.model}); the catalogue says which provider serves it, under
 * which provider model name, with which key (an environment variable's name, never the key),
 * at which prices and within which limits.
 *
 * @param defaultModel the model of nodes that name none
 * @param prices older form of the prices (per model name); {@code models.<name>.prices} wins
 * @param providers named providers: endpoint, key variable, limits, retry and breaker settings
 *     shared by their models. A model whose {@code provider} names no entry here gets a
 *     provider of that type ({@code openai}, {@code anthropic}, {@code simulated}) with defaults
 * @param models the catalogue: catalogue name to provider, provider model name and prices
 * @param structuredOutputAttempts calls a node with {@code output_format: structured} makes
 *     at most to get one JSON object (the first and the re-asks)
 * @param patience how long an agent task waits out its provider's failures (open circuit,
 *     limits used up, 429s, 5xx, timeouts) before it becomes an incident naming the cause; a
 *     provider's or a model's {@code patience} wins
 */
@ConfigurationProperties("baton.llm")
public record LlmProperties(
    @DefaultValue("baton-simulated") String defaultModel,
    @DefaultValue("1024") int defaultMaxOutputTokens,
    @DefaultValue Simulated simulated,
    @DefaultValue Map<String, ModelPrices.Price> prices,
    @DefaultValue Map<String, Provider> providers,
    @DefaultValue Map<String, Model> models,
    @DefaultValue("2") int structuredOutputAttempts,
    @DefaultValue("15m") Duration patience) {

  /** The catalogue without a patience of its own: the default of 15 minutes. */
  public LlmProperties(String defaultModel, int defaultMaxOutputTokens, Simulated simulated,
      Map<String, ModelPrices.Price> prices, Map<String, Provider> providers,
      Map<String, Model> models, int structuredOutputAttempts) {
    this(defaultModel, defaultMaxOutputTokens, simulated, prices, providers, models,
        structuredOutputAttempts, DEFAULT_PATIENCE);
  }

  @org.springframework.boot.context.properties.bind.ConstructorBinding
  public LlmProperties {}

  /** How long agent tasks wait out a provider's outage before they become incidents. */
  public static final Duration DEFAULT_PATIENCE = Duration.ofMinutes(15);

  public record Simulated(@DefaultValue("20") long latencyMs) {}

  /**
   * @param type {@code openai} (OpenAI and OpenAI-compatible servers), {@code anthropic} or
   *     {@code simulated}
   * @param baseUrl e.g. {@code http://localhost:11434/v1} for Ollama; null for the provider's own
   * @param apiKeyEnv the environment variable holding the key (not the key)
   * @param timeout how long one HTTP call may take
   * @param patience how long its models' tasks wait out an outage (null: {@code
   *     baton.llm.patience})
   */
  public record Provider(
      String type,
      String baseUrl,
      String apiKeyEnv,
      Duration timeout,
      Limits limits,
      RetrySettings retry,
      BreakerSettings circuitBreaker,
      Duration patience) {

    @org.springframework.boot.context.properties.bind.ConstructorBinding
    public Provider {}

    public Provider(String type, String baseUrl, String apiKeyEnv, Duration timeout,
        Limits limits, RetrySettings retry, BreakerSettings circuitBreaker) {
      this(type, baseUrl, apiKeyEnv, timeout, limits, retry, circuitBreaker, null);
    }
  }

  /**
   * @param provider a provider entry's name, or a provider type
   * @param model the provider's name of the model (defaults to the catalogue name)
   * @param jsonMode whether the provider accepts a schemaless JSON response format (OpenAI does,
   *     Anthropic does not: it is then asked for JSON in words); null: the provider type decides
   * @param patience how long its tasks wait out an outage (null: the provider's, else {@code
   *     baton.llm.patience})
   */
  public record Model(
      String provider,
      String model,
      String baseUrl,
      String apiKeyEnv,
      Duration timeout,
      Boolean jsonMode,
      Limits limits,
      RetrySettings retry,
      BreakerSettings circuitBreaker,
      ModelPrices.Price prices,
      Duration patience) {

    @org.springframework.boot.context.properties.bind.ConstructorBinding
    public Model {}

    public Model(String provider, String model, String baseUrl, String apiKeyEnv,
        Duration timeout, Boolean jsonMode, Limits limits, RetrySettings retry,
        BreakerSettings circuitBreaker, ModelPrices.Price prices) {
      this(provider, model, baseUrl, apiKeyEnv, timeout, jsonMode, limits, retry,
          circuitBreaker, prices, null);
    }
  }

  /**
   * Limits of a provider or a model (both apply to a call). Null: unlimited.
   *
   * @param tokensPerMinute a token bucket: a call takes its estimated tokens (prompt plus output
   *     limit) from it
   * @param maxConcurrent calls in flight at once (a bulkhead)
   * @param maxWait how long a call waits for a permit before it fails as transient
   */
  public record Limits(
      Integer requestsPerMinute,
      Integer requestsPerHour,
      Integer requestsPerDay,
      Integer tokensPerMinute,
      Integer maxConcurrent,
      Duration maxWait) {

    static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(10);

    Duration maxWaitOrDefault() {
      return maxWait == null ? DEFAULT_MAX_WAIT : maxWait;
    }
  }

  /**
   * In-call retries of transient failures, with exponential backoff and jitter; a 429's {@code
   * Retry-After} is waited for when it is at most {@code maxRetryAfter}, otherwise the call
   * fails at once and the external task's retry takes over with that wait.
   */
  public record RetrySettings(
      Integer maxAttempts,
      Duration initialBackoff,
      Double multiplier,
      Duration maxBackoff,
      Double jitter,
      Duration maxRetryAfter) {

    static final RetrySettings DEFAULTS = new RetrySettings(3, Duration.ofMillis(500), 2.0,
        Duration.ofSeconds(20), 0.5, Duration.ofSeconds(30));

    RetrySettings orDefaults() {
      return new RetrySettings(
          maxAttempts == null ? DEFAULTS.maxAttempts : maxAttempts,
          initialBackoff == null ? DEFAULTS.initialBackoff : initialBackoff,
          multiplier == null ? DEFAULTS.multiplier : multiplier,
          maxBackoff == null ? DEFAULTS.maxBackoff : maxBackoff,
          jitter == null ? DEFAULTS.jitter : jitter,
          maxRetryAfter == null ? DEFAULTS.maxRetryAfter : maxRetryAfter);
    }
  }

  /**
   * @param failureRateThreshold percent of failed calls that opens the breaker
   * @param slidingWindow calls the rate is measured over
   * @param minimumCalls calls before the rate counts
   * @param openFor how long an open breaker refuses calls before it lets probes through
   */
  public record BreakerSettings(
      Float failureRateThreshold,
      Integer slidingWindow,
      Integer minimumCalls,
      Duration openFor,
      Integer halfOpenCalls) {

    static final BreakerSettings DEFAULTS =
        new BreakerSettings(70f, 50, 20, Duration.ofSeconds(30), 5);

    BreakerSettings orDefaults() {
      return new BreakerSettings(
          failureRateThreshold == null ? DEFAULTS.failureRateThreshold : failureRateThreshold,
          slidingWindow == null ? DEFAULTS.slidingWindow : slidingWindow,
          minimumCalls == null ? DEFAULTS.minimumCalls : minimumCalls,
          openFor == null ? DEFAULTS.openFor : openFor,
          halfOpenCalls == null ? DEFAULTS.halfOpenCalls : halfOpenCalls);
    }
  }
}
