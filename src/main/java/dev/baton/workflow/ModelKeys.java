package dev.baton.workflow;

import dev.baton.llm.LlmProperties;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which environment variable a catalogue model takes its API key from, and whether it is set:
 * the model's {@code api-key-env}, else its named provider's, else the provider type's default
 * ({@code OPENAI_API_KEY}, {@code ANTHROPIC_API_KEY}); simulated models and local servers
 * without a key variable need none. The same resolution as the model catalogue's, read here
 * from the settings so that a spec is warned at deploy time rather than failing at run time.
 */
final class ModelKeys {

  private final LlmProperties llm;
  private final Function<String, String> environment;

  ModelKeys(LlmProperties llm, Function<String, String> environment) {
    this.llm = llm;
    this.environment = environment;
  }

  /** The variable this model's key should be in when it is not set; empty when all is well. */
  Optional<String> missing(String model) {
    LlmProperties.Model entry = llm.models().get(model);
    if (entry == null) {
      return Optional.empty();
    }
    String providerName = entry.provider() == null ? "simulated" : entry.provider();
    LlmProperties.Provider provider = llm.providers().get(providerName);
    String type = provider != null && provider.type() != null ? provider.type() : providerName;
    if ("simulated".equals(type)) {
      return Optional.empty();
    }
    String variable = entry.apiKeyEnv() != null ? entry.apiKeyEnv()
        : provider != null ? provider.apiKeyEnv() : defaultVariable(type);
    if (variable == null || variable.isBlank()) {
      return Optional.empty();
    }
    String value = environment.apply(variable);
    return value == null || value.isBlank() ? Optional.of(variable) : Optional.empty();
  }

  private static String defaultVariable(String type) {
    return switch (type) {
      case "openai" -> "OPENAI_API_KEY";
      case "anthropic" -> "ANTHROPIC_API_KEY";
      default -> null;
    };
  }
}
