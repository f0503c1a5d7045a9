package dev.baton.budget;

/** Where a run's limits come from: the budgets here; configuration alone in process tests. */
@FunctionalInterface
public interface LimitsSource {

  /** @param specBudget the run's {@code baton_budget_usd} variable, or null */
  BudgetLimits.Limits of(String workflowId, Object specBudget);
}
