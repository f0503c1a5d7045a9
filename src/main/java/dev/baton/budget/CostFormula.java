package dev.baton.budget;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.llm.ModelPrices;
import java.math.BigDecimal;

/**
 * The one rule for what a model call can cost, used by the deploy-time estimate ({@link
 * CostEstimate}), the budget table's facts ({@link BudgetFacts}) and the reservation before a
 * call ({@link CallBudget}), so the three never disagree.
 *
 * <p>A call uses the model its node will really use: the node's {@code config.model}, else its
 * registry agent's (the caller passes the agent's config under the node's), else {@code
 * baton.llm.default-model}. Its output limit is {@code config.max_tokens} when positive, else
 * {@code baton.llm.default-max-output-tokens}. Its worst case is the prompt (counted generously
 * at three characters a token; before the prompt is rendered, {@value #ESTIMATED_PROMPT_TOKENS}
 * tokens) at the input price plus the output limit at the output price; its least is the
 * prompt and a single output token.
 */
public final class CostFormula {

  /** Prompt size assumed before the prompt is rendered (deploy estimate, budget check). */
  public static final int ESTIMATED_PROMPT_TOKENS = 2000;

  private final ModelPrices prices;
  private final String defaultModel;

  /** @param defaultModel {@code baton.llm.default-model}: the model of nodes that name none */
  public CostFormula(ModelPrices prices, String defaultModel) {
    this.prices = prices;
    this.defaultModel = defaultModel;
  }

  /** The model of a call with this (node over agent) config. */
  public String model(JsonNode config) {
    JsonNode model = config == null ? null : config.get("model");
    return model != null && model.isTextual() && !model.asText().isBlank() ? model.asText()
        : defaultModel;
  }

  /** The output limit of a call with this config. */
  public int maxOutputTokens(JsonNode config) {
    JsonNode max = config == null ? null : config.get("max_tokens");
    return maxOutputTokens(max != null && max.canConvertToInt() ? max.asInt() : null);
  }

  /** The output limit: the configured one when positive, else the installation's default. */
  public int maxOutputTokens(Integer configured) {
    return configured != null && configured > 0 ? configured : prices.defaultMaxOutputTokens();
  }

  /** Tokens counted for a prompt of this many characters (generously: three a token). */
  public static long promptTokens(long chars) {
    return (chars + 2) / 3;
  }

  /** The most one call can cost. */
  public BigDecimal worstCase(String model, long promptTokens, long maxOutputTokens) {
    return prices.of(model).cost(promptTokens, 0, maxOutputTokens);
  }

  /** The most one call with this config can cost before its prompt is known. */
  public BigDecimal worstCase(JsonNode config) {
    return worstCase(model(config), ESTIMATED_PROMPT_TOKENS, maxOutputTokens(config));
  }

  /** The least one call with this config costs: the prompt allowance and one output token. */
  public BigDecimal least(JsonNode config) {
    return worstCase(model(config), ESTIMATED_PROMPT_TOKENS, 1);
  }

  public String defaultModel() {
    return defaultModel;
  }

  public ModelPrices prices() {
    return prices;
  }
}
