package dev.baton.budget;

import java.math.BigDecimal;

/** What has been spent, per run, workflow and tenant (today and this month, in UTC). */
public interface SpendReader {

  BigDecimal run(String runId);

  /**
   * What the run and every run started from inside it (children, grandchildren ..., see
   * {@code baton_run_ancestor}) spent: what the run's budget checks count.
   */
  default BigDecimal runWithDescendants(String runId) {
    return run(runId);
  }

  BigDecimal workflowToday(String workflowId);

  BigDecimal workflowThisMonth(String workflowId);

  BigDecimal tenantToday(String tenantId);

  BigDecimal tenantThisMonth(String tenantId);

  /** Nothing spent anywhere: for engines without a ledger (process tests). */
  SpendReader NONE = new SpendReader() {
    public BigDecimal run(String runId) {
      return BigDecimal.ZERO;
    }

    public BigDecimal workflowToday(String workflowId) {
      return BigDecimal.ZERO;
    }

    public BigDecimal workflowThisMonth(String workflowId) {
      return BigDecimal.ZERO;
    }

    public BigDecimal tenantToday(String tenantId) {
      return BigDecimal.ZERO;
    }

    public BigDecimal tenantThisMonth(String tenantId) {
      return BigDecimal.ZERO;
    }
  };
}
