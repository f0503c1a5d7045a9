package dev.baton.budget;

import dev.baton.BatonProperties;
import dev.baton.llm.ModelPrices;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Prices a model call from the catalogue and writes it to the cost ledger. */
@Component
public class CostRecorder {

  private static final Logger log = LoggerFactory.getLogger(CostRecorder.class);

  private final CostLedger ledger;
  private final ModelPrices prices;
  private final String tenantId;
  private final Clock clock;

  CostRecorder(CostLedger ledger, ModelPrices prices, BatonProperties properties) {
    this.ledger = ledger;
    this.prices = prices;
    this.tenantId = properties.tenantId();
    this.clock = Clock.systemUTC();
  }

  /**
   * Prices a paid model call as a ledger entry, not yet written: the worker writes a task's
   * entries together with the settlement of its reservation ({@link #write}).
   */
  public CostEntry price(LockedExternalTask task, String nodeId, String agentType,
      String model, TokenCounts tokens, long latencyMs) {
    if (!prices.knows(model)) {
      log.warn("Model '{}' has no price (baton.llm.models.<name>.prices): its calls are "
          + "recorded at $0", model);
    }
    BigDecimal cost = prices.of(model).cost(tokens.input(), tokens.cached(), tokens.output());
    return CostEntry.modelCall(
        new RunRef(task.getProcessInstanceId(), task.getProcessDefinitionKey(), tenantId),
        nodeId, task.getId(), agentType, model, tokens, cost, latencyMs, clock.instant());
  }

  /** Writes priced entries to the ledger (in the caller's transaction, if any). */
  @Transactional
  public void write(List<CostEntry> entries) {
    ledger.saveAll(entries);
  }

  /** Writes one tool use at its price per use to the ledger (run, workflow and tenant spend). */
  @Transactional
  public void recordTool(String runId, String workflowId, String nodeId, String taskId,
      String agentType, String tool, BigDecimal costUsd, long latencyMs) {
    ledger.save(CostEntry.toolUse(new RunRef(runId, workflowId, tenantId), nodeId, taskId,
        agentType, tool, costUsd, latencyMs, clock.instant()));
  }
}
