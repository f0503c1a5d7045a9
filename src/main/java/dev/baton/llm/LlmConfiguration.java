package dev.baton.llm;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The model catalogue of {@code baton.llm.models}, its prices, and the node reply logic. The
 * resilience4j registries are the application's (resilience4j-spring-boot3), so that every
 * limit, retry and breaker is on the actuator and in Micrometer.
 */
@Configuration(proxyBeanMethods = false)
class LlmConfiguration {

  @Bean
  SimulatedChatModel simulatedChatModel(LlmProperties properties) {
    return new SimulatedChatModel(Duration.ofMillis(properties.simulated().latencyMs()));
  }

  @Bean
  ModelCatalogue modelCatalogue(LlmProperties properties, SimulatedChatModel simulated,
      CircuitBreakerRegistry breakers, RetryRegistry retries, RateLimiterRegistry rates,
      BulkheadRegistry bulkheads, ObjectProvider<MeterRegistry> meters, Redactor redactor) {
    MeterRegistry registry = meters.getIfAvailable();
    return new ProviderCatalogue(properties, System::getenv, simulated, breakers, retries,
        rates, bulkheads, registry == null ? CallMetrics.NONE : new CallMetrics(registry),
        redactor);
  }

  /**
   * The application's redactor: every provider key named by {@code api-key-env} (and the
   * built-in defaults), and whatever other features resolve from the environment ({@link
   * SecretSource}s: connector secrets), read when text is redacted.
   */
  @Bean
  Redactor redactor(LlmProperties properties, ObjectProvider<SecretSource> others) {
    java.util.Set<String> keyNames = ProviderCatalogue.keyEnvNames(properties);
    java.util.List<SecretSource> sources = others.orderedStream().toList();
    return Redactor.of(() -> {
      java.util.List<String> values = new java.util.ArrayList<>();
      keyNames.forEach(name -> values.add(System.getenv(name)));
      sources.forEach(source -> values.addAll(source.secretValues()));
      return values;
    });
  }

  /**
   * Prices per catalogue name: {@code baton.llm.models.<name>.prices}, and the older {@code
   * baton.llm.prices} for names the catalogue does not price.
   */
  @Bean
  ModelPrices modelPrices(LlmProperties properties) {
    Map<String, ModelPrices.Price> prices = new HashMap<>(properties.prices());
    properties.models().forEach((name, model) -> {
      if (model.prices() != null) {
        prices.put(name, model.prices());
      }
    });
    return new ModelPrices(prices, properties.defaultMaxOutputTokens());
  }

  @Bean
  ModelReplies modelReplies(LlmProperties properties) {
    return new ModelReplies(properties.structuredOutputAttempts());
  }
}
