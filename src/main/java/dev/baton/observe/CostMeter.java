package dev.baton.observe;

import dev.baton.budget.CostEntry;
import dev.baton.budget.LedgerListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Spend as a metric, {@code baton.cost.usd{kind,model,tool,workflow,tenant}} (Prometheus
 * {@code baton_cost_usd_total}), counted from ledger entries once they are committed, on the
 * process that wrote them (a worker, in-process or remote). The ledger stays the record of
 * spend; this is for dashboards and alerts.
 */
@Component
class CostMeter implements LedgerListener {

  private final ObjectProvider<MeterRegistry> meters;

  CostMeter(ObjectProvider<MeterRegistry> meters) {
    this.meters = meters;
  }

  @Override
  public void written(List<CostEntry> entries) {
    MeterRegistry registry = meters.getIfAvailable();
    if (registry == null) {
      return;
    }
    Runnable count = () -> entries.forEach(entry -> count(registry, entry));
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          count.run();
        }
      });
    } else {
      count.run();
    }
  }

  private static void count(MeterRegistry registry, CostEntry entry) {
    if (entry.costUsd() == null) {
      return;
    }
    Counter.builder("baton.cost.usd").description("Spend recorded in the cost ledger, USD")
        .tag("kind", entry.kind())
        .tag("model", entry.model() == null ? "none" : entry.model())
        .tag("tool", entry.tool() == null ? "none" : entry.tool())
        .tag("workflow", entry.workflowId()).tag("tenant", entry.tenantId())
        .register(registry).increment(entry.costUsd().doubleValue());
  }
}
