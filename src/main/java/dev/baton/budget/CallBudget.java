package dev.baton.budget;

import java.math.BigDecimal;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The budget side of one model call: the most it can cost ({@link CostFormula}: its prompt and
 * its output limit at its model's prices) is reserved against the run's budget before the
 * call; the real cost is settled after.
 */
@Component
public class CallBudget {

  private final BudgetReservations reservations;
  private final BudgetLimits limits;
  private final CostFormula formula;

  CallBudget(BudgetReservations reservations, BudgetLimits limits, CostFormula formula) {
    this.reservations = reservations;
    this.limits = limits;
    this.formula = formula;
  }

  /** The output limit to ask the model for: the node's max_tokens, else the default. */
  public int maxOutputTokens(Integer configured) {
    return formula.maxOutputTokens(configured);
  }

  /**
   * Reserves against the run's budget and every workflow and tenant limit; under a soft cap
   * nothing is held (null), since nothing may be refused.
   *
   * @throws BudgetExceededException when the call could take a budget over its hard cap
   */
  public BudgetReservations.Reservation reserve(String runId, String workflowId, String nodeId,
      String taskId, String model, int promptChars, int maxOutputTokens) {
    LimitsSource.Limits applicable = limits.of(runId, workflowId);
    if (!applicable.hardCap()) {
      return null;
    }
    BigDecimal worstCase = formula.worstCase(
        model == null || model.isBlank() ? formula.defaultModel() : model, CostFormula.promptTokens(promptChars),
        maxOutputTokens);
    List<BudgetReservations.Scope> scopes = limits.scopes(runId, workflowId, applicable);
    if (taskId != null) {
      reservations.releaseEarlierAttempts(taskId);
    }
    return reservations.reserve(runId, nodeId, taskId, worstCase, scopes);
  }

  /**
   * Reserves a known amount (a tool's price per use) as {@link #reserve} does a model call's
   * worst case.
   */
  public BudgetReservations.Reservation reserve(String runId, String workflowId, String nodeId,
      String taskId, BigDecimal amount) {
    LimitsSource.Limits applicable = limits.of(runId, workflowId);
    if (!applicable.hardCap() || amount.signum() <= 0) {
      return null;
    }
    return reservations.reserve(runId, nodeId, taskId, amount,
        limits.scopes(runId, workflowId, applicable));
  }

  public void settle(BudgetReservations.Reservation reservation, BigDecimal cost) {
    if (reservation != null) {
      reservations.settle(reservation, cost);
    }
  }

  public void release(BudgetReservations.Reservation reservation) {
    if (reservation != null) {
      reservations.release(reservation);
    }
  }
}
