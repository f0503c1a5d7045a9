package dev.baton.llm;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;

/**
 * What models cost (USD per 1,000 tokens, input and output apart, cached input where the
 * provider discounts it), and the output limit assumed for worst-case estimates when a node
 * sets no {@code max_tokens}. Built from the catalogue ({@code baton.llm.models.<name>.prices})
 * and the older {@code baton.llm.prices} by {@link LlmConfiguration}.
 */
public record ModelPrices(Map<String, Price> prices, int defaultMaxOutputTokens) {

  public ModelPrices {
    prices = Map.copyOf(prices);
  }

  public record Price(BigDecimal inputPer1k, BigDecimal outputPer1k, BigDecimal cachedInputPer1k) {

    /** Cost of one call; cached input tokens are part of the input and priced apart. */
    public BigDecimal cost(long inputTokens, long cachedTokens, long outputTokens) {
      BigDecimal cached = cachedInputPer1k == null ? inputPer1k : cachedInputPer1k;
      long uncached = Math.max(0, inputTokens - cachedTokens);
      return per1k(inputPer1k, uncached).add(per1k(cached, cachedTokens))
          .add(per1k(outputPer1k, outputTokens));
    }

    private static BigDecimal per1k(BigDecimal price, long tokens) {
      return price == null ? BigDecimal.ZERO
          : price.multiply(BigDecimal.valueOf(tokens)).divide(BigDecimal.valueOf(1000),
              MathContext.DECIMAL64);
    }
  }

  private static final Price FREE = new Price(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

  /** The price of a model; an unpriced model costs nothing (and is logged by the caller). */
  public Price of(String model) {
    return prices.getOrDefault(model, FREE);
  }

  public boolean knows(String model) {
    return prices.containsKey(model);
  }
}
