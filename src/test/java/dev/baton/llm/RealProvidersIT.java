package dev.baton.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The real providers, when their keys are in the environment (skipped otherwise): a small
 * structured call through the catalogue reports usage. Model names can be overridden with
 * BATON_TEST_OPENAI_MODEL / BATON_TEST_ANTHROPIC_MODEL.
 */
class RealProvidersIT {

  private static ProviderCatalogue catalogue(String name, String provider, String model) {
    LlmProperties properties = new LlmProperties(name, 1024, new LlmProperties.Simulated(0),
        Map.of(), Map.of(), Map.of(name, new LlmProperties.Model(provider, model, null, null,
            Duration.ofSeconds(60), null, null, null, null, null)), 2);
    return new ProviderCatalogue(properties, System::getenv,
        new SimulatedChatModel(Duration.ZERO), CircuitBreakerRegistry.ofDefaults(),
        RetryRegistry.ofDefaults(), RateLimiterRegistry.ofDefaults(),
        BulkheadRegistry.ofDefaults());
  }

  private static void structuredCallWorks(ProviderCatalogue catalogue, String name) {
    ModelReplies.Reply reply = new ModelReplies(2).ask(catalogue.model(name),
        ChatRequest.builder().messages(UserMessage.from(
                "Return a JSON object with a field \"sum\" holding 2 + 3."))
            .responseFormat(ResponseFormat.JSON).maxOutputTokens(50).build(), true, call -> { });
    assertThat(reply.json().path("sum").asInt()).isEqualTo(5);
    assertThat(reply.usage().input()).isPositive();
    assertThat(reply.usage().output()).isPositive();
  }

  @Test
  @EnabledIfEnvironmentVariable(named = "OPENAI_API_KEY", matches = ".+")
  void openAi() {
    String model = System.getenv().getOrDefault("BATON_TEST_OPENAI_MODEL", "gpt-4o-mini");
    structuredCallWorks(catalogue("real-openai", "openai", model), "real-openai");
  }

  @Test
  @EnabledIfEnvironmentVariable(named = "ANTHROPIC_API_KEY", matches = ".+")
  void anthropic() {
    String model = System.getenv().getOrDefault("BATON_TEST_ANTHROPIC_MODEL",
        "claude-haiku-4-5");
    structuredCallWorks(catalogue("real-anthropic", "anthropic", model), "real-anthropic");
  }

}
