package dev.baton.budget;

/** Where a run's limits come from ({@link BudgetLimits}). */
@FunctionalInterface
public interface LimitsSource {

  /** The limits of a run now: its budget in force, its workflow's and tenant's limits. */
  BudgetLimits.Limits of(String runId, String workflowId);
}
