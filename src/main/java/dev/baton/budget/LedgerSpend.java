package dev.baton.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;

/** Spend read from the cost ledger; days and months are UTC. */
@Component
class LedgerSpend implements SpendReader {

  private final CostLedger ledger;

  LedgerSpend(CostLedger ledger) {
    this.ledger = ledger;
  }

  @Override
  public BigDecimal run(String runId) {
    return ledger.spentByRun(runId);
  }

  @Override
  public BigDecimal workflowToday(String workflowId) {
    return ledger.spentByWorkflowSince(workflowId, today());
  }

  @Override
  public BigDecimal workflowThisMonth(String workflowId) {
    return ledger.spentByWorkflowSince(workflowId, thisMonth());
  }

  @Override
  public BigDecimal tenantToday(String tenantId) {
    return ledger.spentByTenantSince(tenantId, today());
  }

  @Override
  public BigDecimal tenantThisMonth(String tenantId) {
    return ledger.spentByTenantSince(tenantId, thisMonth());
  }

  private static Instant today() {
    return LocalDate.now(ZoneOffset.UTC).atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  private static Instant thisMonth() {
    return LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).atStartOfDay()
        .toInstant(ZoneOffset.UTC);
  }
}
