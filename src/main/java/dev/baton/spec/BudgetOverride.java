package dev.baton.spec;

import java.math.BigDecimal;
import java.util.List;

/**
 * {@code metadata.budget_override}: when the budget check asks for approval (a hard cap would
 * be breached), the run waits for a budget-override approval instead of stopping. Approving
 * raises the run's budget by a stated amount; refusing, or no decision in time, stops the run.
 *
 * @param requiredRole the group whose members may decide
 * @param approvers users who may decide
 * @param raiseUsd the raise the form proposes (the approver may state another amount)
 * @param timeoutHours how long the request waits before it is denied
 */
public record BudgetOverride(
    String requiredRole,
    List<String> approvers,
    BigDecimal raiseUsd,
    double timeoutHours) {

  public static final double DEFAULT_TIMEOUT_HOURS = 24;

  /** The timeout in whole minutes (at least one). */
  public java.time.Duration timeout() {
    return java.time.Duration.ofMinutes(Math.max(1, Math.round(timeoutHours * 60)));
  }

  public List<String> roles() {
    return requiredRole == null || requiredRole.isBlank() ? List.of() : List.of(requiredRole);
  }
}
