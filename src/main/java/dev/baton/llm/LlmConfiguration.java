package dev.baton.llm;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
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
      BulkheadRegistry bulkheads) {
    return new ProviderCatalogue(properties, System::getenv, simulated, breakers, retries,
        rates, bulkheads);
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
