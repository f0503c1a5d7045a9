package dev.baton.llm;

import dev.langchain4j.model.anthropic.AnthropicTokenUsage;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;

/**
 * Tokens of one or more model calls, as the provider reported them. {@code input} includes the
 * {@code cached} input tokens (priced apart); {@code output} includes the {@code reasoning}
 * tokens (OpenAI bills them as output).
 */
public record Usage(long input, long output, long cached, long reasoning) {

  public static final Usage NONE = new Usage(0, 0, 0, 0);

  /**
   * What a provider reported: OpenAI's cached prompt tokens and reasoning tokens; Anthropic's
   * cache reads (Anthropic counts cache reads and cache writes apart from {@code input_tokens},
   * so they are added to the input here, and cache writes are priced as input).
   */
  public static Usage of(TokenUsage usage) {
    if (usage == null) {
      return NONE;
    }
    long input = n(usage.inputTokenCount());
    long output = n(usage.outputTokenCount());
    long cached = 0;
    long reasoning = 0;
    if (usage instanceof OpenAiTokenUsage openAi) {
      if (openAi.inputTokensDetails() != null) {
        cached = n(openAi.inputTokensDetails().cachedTokens());
      }
      if (openAi.outputTokensDetails() != null) {
        reasoning = n(openAi.outputTokensDetails().reasoningTokens());
      }
    } else if (usage instanceof AnthropicTokenUsage anthropic) {
      cached = n(anthropic.cacheReadInputTokens());
      input += cached + n(anthropic.cacheCreationInputTokens());
    }
    return new Usage(input, output, cached, reasoning);
  }

  public Usage plus(Usage other) {
    return new Usage(input + other.input, output + other.output, cached + other.cached,
        reasoning + other.reasoning);
  }

  private static long n(Integer value) {
    return value == null ? 0 : value;
  }
}
