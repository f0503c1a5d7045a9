package dev.baton.llm;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model catalogue of {@code baton.llm.models}: each catalogue name is built once into a
 * langchain4j model of its provider (OpenAI or any OpenAI-compatible server, Anthropic, or the
 * offline simulated model) behind its limits ({@link ResilientChatModel}). A key is read from
 * the environment variable the entry names when the model is first used, so Baton starts and
 * runs offline without keys; a missing key, like an unknown name, is a permanent failure of
 * the node that asked, with a message that says what to configure.
 */
final class ProviderCatalogue implements ModelCatalogue {

  private static final Logger log = LoggerFactory.getLogger(ProviderCatalogue.class);
  static final Set<String> TYPES = Set.of("openai", "anthropic", "simulated");

  private final LlmProperties properties;
  private final Function<String, String> environment;
  private final SimulatedChatModel simulated;
  private final CircuitBreakerRegistry breakers;
  private final RetryRegistry retries;
  private final RateLimiterRegistry rates;
  private final BulkheadRegistry bulkheads;
  private final CallMetrics metrics;
  private final Redactor redactor;
  private final Map<String, ResilientChatModel> built = new ConcurrentHashMap<>();
  private final Map<String, CallGuards> providerGuards = new ConcurrentHashMap<>();
  private final BreakerWatch breakerWatch;

  ProviderCatalogue(LlmProperties properties, Function<String, String> environment,
      SimulatedChatModel simulated, CircuitBreakerRegistry breakers, RetryRegistry retries,
      RateLimiterRegistry rates, BulkheadRegistry bulkheads) {
    this(properties, environment, simulated, breakers, retries, rates, bulkheads,
        CallMetrics.NONE);
  }

  ProviderCatalogue(LlmProperties properties, Function<String, String> environment,
      SimulatedChatModel simulated, CircuitBreakerRegistry breakers, RetryRegistry retries,
      RateLimiterRegistry rates, BulkheadRegistry bulkheads, CallMetrics metrics) {
    this(properties, environment, simulated, breakers, retries, rates, bulkheads, metrics,
        Redactor.patternsOnly());
  }

  /**
   * @param redactor the application's; the catalogue adds every key its entries name, as
   *     {@code environment} resolves them
   */
  ProviderCatalogue(LlmProperties properties, Function<String, String> environment,
      SimulatedChatModel simulated, CircuitBreakerRegistry breakers, RetryRegistry retries,
      RateLimiterRegistry rates, BulkheadRegistry bulkheads, CallMetrics metrics,
      Redactor redactor) {
    this.redactor = redactor.with(keyEnvNames(properties).stream().map(environment).toList());
    this.metrics = metrics;
    this.properties = properties;
    this.environment = environment;
    this.simulated = simulated;
    this.breakers = breakers;
    this.retries = retries;
    this.rates = rates;
    this.bulkheads = bulkheads;
    this.breakerWatch = new BreakerWatch(metrics, java.time.Clock.systemUTC());
    checkEntries();
  }

  @Override
  public ChatModel model(String modelName) {
    String name = modelName == null || modelName.isBlank() ? properties.defaultModel() : modelName;
    ResilientChatModel model = built.get(name);
    if (model != null) {
      return model;
    }
    LlmProperties.Model entry = properties.models().get(name);
    if (entry == null) {
      throw new LlmException(LlmException.Kind.PERMANENT, "unknown model '" + name + "' in "
          + "config.model; known models: " + String.join(", ", names())
          + ". Add it under baton.llm.models or use one of those");
    }
    // computeIfAbsent would hold a map lock while the provider's model is built
    synchronized (built) {
      return built.computeIfAbsent(name, n -> build(n, entry));
    }
  }

  @Override
  public Duration refusedFor(String modelName) {
    String name = modelName == null || modelName.isBlank() ? properties.defaultModel() : modelName;
    ResilientChatModel model = built.get(name);
    return model == null ? Duration.ZERO : breakerWatch.refusedFor(name, model.breaker());
  }

  @Override
  public String lastFailure(String modelName) {
    String name = modelName == null || modelName.isBlank() ? properties.defaultModel() : modelName;
    return breakerWatch.lastFailure(name);
  }

  @Override
  public Duration patience(String modelName) {
    String name = modelName == null || modelName.isBlank() ? properties.defaultModel() : modelName;
    LlmProperties.Model entry = properties.models().get(name);
    if (entry != null && entry.patience() != null) {
      return entry.patience();
    }
    if (entry != null && entry.provider() != null) {
      LlmProperties.Provider provider = properties.providers().get(entry.provider());
      if (provider != null && provider.patience() != null) {
        return provider.patience();
      }
    }
    return properties.patience() == null ? LlmProperties.DEFAULT_PATIENCE
        : properties.patience();
  }

  @Override
  public String defaultModel() {
    return properties.defaultModel();
  }

  @Override
  public Set<String> names() {
    return new TreeSet<>(properties.models().keySet());
  }

  /** What every provider's builder is given, resolved from the model entry and its provider. */
  private record Endpoint(String baseUrl, String apiKey, String model, Duration timeout) {}

  // langchain4j's builders share no interface, so one short method per provider; retries are
  // Baton's (resilience4j), not langchain4j's, so that they are counted once
  private ChatModel openAi(Endpoint e) {
    return OpenAiChatModel.builder().httpClientBuilder(ProviderHttpClient.builder()
        .redactor(redactor)).baseUrl(e.baseUrl()).apiKey(e.apiKey()).modelName(e.model())
        .timeout(e.timeout()).maxRetries(0).build();
  }

  private ChatModel anthropic(Endpoint e) {
    return AnthropicChatModel.builder().httpClientBuilder(ProviderHttpClient.builder()
        .redactor(redactor)).baseUrl(e.baseUrl()).apiKey(e.apiKey()).modelName(e.model())
        .timeout(e.timeout()).maxRetries(0).build();
  }

  private ResilientChatModel build(String name, LlmProperties.Model entry) {
    String providerName = entry.provider() == null ? "simulated" : entry.provider();
    LlmProperties.Provider provider = provider(providerName);
    String type = provider.type();
    String apiKeyEnv = entry.apiKeyEnv() != null ? entry.apiKeyEnv() : provider.apiKeyEnv();
    apiKeyEnv = apiKeyEnv == null || apiKeyEnv.isBlank() ? null : apiKeyEnv;
    String baseUrl = entry.baseUrl() != null ? entry.baseUrl() : provider.baseUrl();
    Duration timeout = entry.timeout() != null ? entry.timeout()
        : provider.timeout() != null ? provider.timeout() : Duration.ofSeconds(60);
    String providerModel = entry.model() != null ? entry.model() : name;
    String apiKey = "simulated".equals(type) ? null : apiKey(name, apiKeyEnv, baseUrl);
    String where = type + (baseUrl == null ? "" : " at " + host(baseUrl));

    Endpoint endpoint = new Endpoint(baseUrl, apiKey, providerModel, timeout);
    ChatModel delegate = switch (type) {
      case "openai" -> openAi(endpoint);
      case "anthropic" -> anthropic(endpoint);
      default -> simulated;
    };
    boolean jsonMode = entry.jsonMode() != null ? entry.jsonMode() : !"anthropic".equals(type);
    FailureClassifier classifier = new FailureClassifier(name, where, apiKeyEnv, redactor);
    LlmProperties.RetrySettings retrySettings =
        (entry.retry() != null ? entry.retry() : provider.retry() != null ? provider.retry()
            : LlmProperties.RetrySettings.DEFAULTS).orDefaults();
    LlmProperties.BreakerSettings breakerSettings =
        (entry.circuitBreaker() != null ? entry.circuitBreaker()
            : provider.circuitBreaker() != null ? provider.circuitBreaker()
                : LlmProperties.BreakerSettings.DEFAULTS).orDefaults();
    String scope = "model." + name;
    // the simulated model has no outage to guard against: a breaker there would only let
    // [simulate:transient] demos stop every simulated call; it gets one when configured
    boolean guarded = !"simulated".equals(type) || entry.circuitBreaker() != null
        || provider.circuitBreaker() != null;
    CircuitBreaker breaker = guarded
        ? breakers.circuitBreaker(scope, breakerConfig(breakerSettings, classifier)) : null;
    if (breaker != null) {
      breakerWatch.watch(name, breaker, breakerSettings.openFor());
    }
    Retry retry = retries.retry(scope, retryConfig(retrySettings, classifier, breaker));
    List<CallGuards> guards = List.of(
        providerGuards.computeIfAbsent(providerName,
            p -> CallGuards.of("provider." + p, provider.limits(), rates, bulkheads)),
        CallGuards.of(scope, entry.limits(), rates, bulkheads));
    log.info("Model '{}' is {} model '{}' ({})", name, type, providerModel, where);
    return new ResilientChatModel(name, delegate, jsonMode, classifier, breaker, retry, guards,
        metrics);
  }

  /** A named provider entry, or one of the built-in types with its defaults. */
  private LlmProperties.Provider provider(String name) {
    LlmProperties.Provider entry = properties.providers().get(name);
    if (entry != null) {
      String type = entry.type() != null ? entry.type() : name;
      return new LlmProperties.Provider(type, entry.baseUrl(), entry.apiKeyEnv(),
          entry.timeout(), entry.limits(), entry.retry(), entry.circuitBreaker(),
          entry.patience());
    }
    return new LlmProperties.Provider(name, null, defaultKeyEnv(name), null, null, null, null);
  }

  /**
   * Every environment variable that may hold a provider key: each provider's and model's
   * {@code api-key-env}, and the built-in types' defaults (usable without a provider entry).
   */
  static Set<String> keyEnvNames(LlmProperties properties) {
    Set<String> names = new TreeSet<>(List.of(defaultKeyEnv("openai"),
        defaultKeyEnv("anthropic")));
    java.util.stream.Stream.concat(
            properties.providers().values().stream().map(LlmProperties.Provider::apiKeyEnv),
            properties.models().values().stream().map(LlmProperties.Model::apiKeyEnv))
        .filter(name -> name != null && !name.isBlank())
        .forEach(names::add);
    return names;
  }

  private static String defaultKeyEnv(String type) {
    return switch (type) {
      case "openai" -> "OPENAI_API_KEY";
      case "anthropic" -> "ANTHROPIC_API_KEY";
      default -> null;
    };
  }

  private String apiKey(String model, String apiKeyEnv, String baseUrl) {
    if (apiKeyEnv == null) {
      // local OpenAI-compatible servers (Ollama, vLLM, LM Studio) take any key
      return "none";
    }
    String key = environment.apply(apiKeyEnv);
    if (key == null || key.isBlank()) {
      throw new LlmException(LlmException.Kind.PERMANENT, "model '" + model + "' needs an API "
          + "key in the environment variable " + apiKeyEnv + ", which is not set; set it and "
          + "restart Baton" + (baseUrl == null ? "" : " (a local server that needs no key: "
          + "set api-key-env to empty)"));
    }
    return key;
  }

  /** Types and provider references are checked at start-up; keys only when used. */
  private void checkEntries() {
    properties.models().forEach((name, entry) -> {
      String provider = entry.provider() == null ? "simulated" : entry.provider();
      String type = properties.providers().containsKey(provider)
          ? (properties.providers().get(provider).type() != null
              ? properties.providers().get(provider).type() : provider)
          : provider;
      if (!TYPES.contains(type)) {
        throw new IllegalStateException("baton.llm.models." + name + ".provider is '" + provider
            + "', which is neither an entry of baton.llm.providers nor one of " + TYPES);
      }
    });
    if (!properties.models().containsKey(properties.defaultModel())) {
      throw new IllegalStateException("baton.llm.default-model '" + properties.defaultModel()
          + "' is not in baton.llm.models (" + names() + ")");
    }
  }

  private static CircuitBreakerConfig breakerConfig(LlmProperties.BreakerSettings s,
      FailureClassifier classifier) {
    return CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(s.slidingWindow())
        .minimumNumberOfCalls(s.minimumCalls())
        .failureRateThreshold(s.failureRateThreshold())
        .waitDurationInOpenState(s.openFor())
        .permittedNumberOfCallsInHalfOpenState(s.halfOpenCalls())
        // only the provider's own failures count; a rejected request says nothing of its health
        .recordException(e -> classifier.classify(e).kind() == LlmException.Kind.TRANSIENT)
        .build();
  }

  private static RetryConfig retryConfig(LlmProperties.RetrySettings s,
      FailureClassifier classifier, CircuitBreaker breaker) {
    IntervalBiFunction<Object> interval = (attempt, outcome) -> {
      long backoff = backoffMillis(s, attempt);
      if (outcome.isLeft()) {
        Duration retryAfter = classifier.classify(outcome.getLeft()).retryAfter();
        if (retryAfter != null) {
          return Math.max(retryAfter.toMillis(), 1);
        }
      }
      return backoff;
    };
    return RetryConfig.custom()
        .maxAttempts(Math.max(1, s.maxAttempts()))
        .intervalBiFunction(interval)
        .retryOnException(e -> retryable(e, classifier, s.maxRetryAfter())
            // a half-open breaker refuses all but its probes: wait for their verdict
            || e instanceof CallNotPermittedException && breaker != null
                && breaker.getState() == CircuitBreaker.State.HALF_OPEN)
        .failAfterMaxAttempts(false)
        .build();
  }

  /**
   * Transient provider failures are retried here; an open circuit (but see half-open above)
   * and Baton's own limits are not (they already waited), nor is a Retry-After longer than {@code maxRetryAfter}: the
   * external task's retry takes that wait instead of a blocked worker thread.
   */
  static boolean retryable(Throwable e, FailureClassifier classifier, Duration maxRetryAfter) {
    if (e instanceof CallNotPermittedException
        || e instanceof io.github.resilience4j.ratelimiter.RequestNotPermitted
        || e instanceof io.github.resilience4j.bulkhead.BulkheadFullException) {
      return false;
    }
    LlmException classified = classifier.classify(e);
    return classified.kind() == LlmException.Kind.TRANSIENT
        && (classified.retryAfter() == null
            || classified.retryAfter().compareTo(maxRetryAfter) <= 0);
  }

  /** Exponential backoff with jitter: initial x multiplier^(attempt-1), capped, +/- jitter. */
  static long backoffMillis(LlmProperties.RetrySettings s, int attempt) {
    double base = s.initialBackoff().toMillis() * Math.pow(s.multiplier(), attempt - 1);
    base = Math.min(base, s.maxBackoff().toMillis());
    double spread = base * s.jitter();
    double value = base - spread + ThreadLocalRandom.current().nextDouble() * 2 * spread;
    return Math.max(1, Math.round(value));
  }

  private static String host(String baseUrl) {
    try {
      URI uri = URI.create(baseUrl);
      return uri.getHost() == null ? baseUrl : uri.getHost()
          + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    } catch (IllegalArgumentException e) {
      return "an invalid base-url";
    }
  }
}
