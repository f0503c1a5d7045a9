package dev.baton.budget;

import dev.baton.problem.UnprocessableException;
import java.math.BigDecimal;

/**
 * A spec whose cheapest possible run already costs more than its hard budget: every run would
 * be stopped, so it is not deployed (HTTP 422).
 */
public class BudgetBelowMinimumException extends UnprocessableException {

  private final BigDecimal minimumUsd;
  private final BigDecimal budgetUsd;
  private final CostEstimate estimate;

  public BudgetBelowMinimumException(BigDecimal minimumUsd, BigDecimal budgetUsd,
      CostEstimate estimate) {
    super("the cheapest possible run costs $" + apart(minimumUsd, budgetUsd)
        + " but the budget is $" + apart(budgetUsd, minimumUsd)
        + "; raise metadata.budget_usd or lower max_tokens");
    this.minimumUsd = minimumUsd;
    this.budgetUsd = budgetUsd;
    this.estimate = estimate;
  }

  /** Four decimals, or as many more as it takes to tell the two amounts apart. */
  private static String apart(BigDecimal amount, BigDecimal other) {
    int scale = 4;
    while (scale < 12 && amount.setScale(scale, java.math.RoundingMode.HALF_UP)
        .compareTo(other.setScale(scale, java.math.RoundingMode.HALF_UP)) == 0) {
      scale++;
    }
    return amount.setScale(scale, java.math.RoundingMode.HALF_UP).toPlainString();
  }

  public BigDecimal minimumUsd() {
    return minimumUsd;
  }

  public BigDecimal budgetUsd() {
    return budgetUsd;
  }

  public CostEstimate estimate() {
    return estimate;
  }
}
