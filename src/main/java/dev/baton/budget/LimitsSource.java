package dev.baton.budget;

import java.math.BigDecimal;

/** Where a run's limits come from (the budget rows and the run's budget in force). */
@FunctionalInterface
public interface LimitsSource {

  /** The limits of a run now: its budget in force, its workflow's and tenant's limits. */
  Limits of(String runId, String workflowId);

  /** The limits of one run at one moment. Null limits are no limits. */
  record Limits(
      BigDecimal runBudget,
      BigDecimal workflowDaily,
      BigDecimal workflowMonthly,
      BigDecimal tenantDaily,
      BigDecimal tenantMonthly,
      boolean hardCap,
      int alertThresholdPercent,
      String tenantId) {}
}
