package dev.baton.budget;

import java.math.BigDecimal;

/**
 * A child run's budget (a run an agent started from inside another, see {@code
 * baton_run_link}): what its own spec or budgets would give it, but never more than its parent
 * has left - the parent's budget less what the parent and all its descendants spent or hold
 * reserved. So a run tree cannot plan past its root's cap; the reservations against every
 * ancestor's account ({@link BudgetLimits#scopes}) hold it while the runs spend.
 */
final class ChildBudget {

  private ChildBudget() {}

  /**
   * @param own the budget the child would have on its own
   * @param parentBudget the parent's budget in force
   * @param parentTreeSpent what the parent and its descendants spent (the ledger)
   * @param parentCommitted what the parent's account holds (spent and reserved, descendants
   *     included), zero when it has none yet
   * @return the child's budget: never negative, never above {@code own}
   */
  static BigDecimal cap(BigDecimal own, BigDecimal parentBudget, BigDecimal parentTreeSpent,
      BigDecimal parentCommitted) {
    BigDecimal used = parentTreeSpent.max(parentCommitted);
    BigDecimal left = parentBudget.subtract(used).max(BigDecimal.ZERO);
    return own.min(left);
  }
}
