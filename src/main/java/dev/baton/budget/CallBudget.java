package dev.baton.budget;

import dev.baton.BatonProperties;
import dev.baton.llm.ModelPrices;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The budget side of one model call: the most it can cost (its prompt, counted generously at
 * three characters a token, and its output limit, at its model's prices) is reserved against
 * the run's budget before the call; the real cost is settled after.
 */
@Component
public class CallBudget {

  private final BudgetReservations reservations;
  private final ModelPrices prices;
  private final BigDecimal defaultRunBudget;

  CallBudget(BudgetReservations reservations, ModelPrices prices, BatonProperties properties) {
    this.reservations = reservations;
    this.prices = prices;
    this.defaultRunBudget = properties.budget().defaultPerRunUsd();
  }

  /** The output limit to ask the model for: the node's max_tokens, else the default. */
  public int maxOutputTokens(Integer configured) {
    return configured != null && configured > 0 ? configured : prices.defaultMaxOutputTokens();
  }

  /**
   * @param runBudget the run's {@code baton_budget_usd}, or null for the default per run
   * @throws BudgetExceededException when the call could take the run over its budget
   */
  public BudgetReservations.Reservation reserve(String runId, String nodeId, String taskId,
      String model, int promptChars, int maxOutputTokens, Object runBudget) {
    long promptTokens = (promptChars + 2) / 3;
    BigDecimal worstCase = prices.of(model).cost(promptTokens, 0, maxOutputTokens);
    BigDecimal limit = runBudget instanceof Number n
        ? BigDecimal.valueOf(n.doubleValue()) : defaultRunBudget;
    return reservations.reserve(runId, nodeId, taskId, worstCase,
        List.of(new BudgetReservations.Scope("run:" + runId, "the run's budget", limit)));
  }

  public void settle(BudgetReservations.Reservation reservation, BigDecimal cost) {
    reservations.settle(reservation, cost);
  }

  public void release(BudgetReservations.Reservation reservation) {
    reservations.release(reservation);
  }
}
