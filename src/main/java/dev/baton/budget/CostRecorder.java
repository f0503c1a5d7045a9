package dev.baton.budget;

import dev.baton.BatonProperties;
import dev.baton.llm.ModelPrices;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Prices a model call from the catalogue and writes it to the cost ledger. Rows are inserted with
 * plain SQL: one per agent task on the worker's hot path, where going through JPA cost more
 * than the insert itself.
 */
@Component
public class CostRecorder {

  private static final Logger log = LoggerFactory.getLogger(CostRecorder.class);

  private final JdbcTemplate jdbc;
  private final ModelPrices prices;
  private final String tenantId;
  private final Clock clock;
  private final List<LedgerListener> listeners;

  CostRecorder(JdbcTemplate jdbc, ModelPrices prices, BatonProperties properties,
      List<LedgerListener> listeners) {
    this.listeners = List.copyOf(listeners);
    this.jdbc = jdbc;
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
    return price(task, nodeId, agentType, model, tokens, latencyMs, false);
  }

  /**
   * As {@link #price(LockedExternalTask, String, String, String, TokenCounts, long)}; a call
   * made on the node's fallback model (its own model's provider failing) is priced at the
   * fallback's prices and recorded under its name with kind {@code fallback}.
   */
  public CostEntry price(LockedExternalTask task, String nodeId, String agentType,
      String model, TokenCounts tokens, long latencyMs, boolean fallback) {
    if (!prices.knows(model)) {
      log.warn("Model '{}' has no price (baton.llm.models.<name>.prices): its calls are "
          + "recorded at $0", model);
    }
    BigDecimal cost = prices.of(model).cost(tokens.input(), tokens.cached(), tokens.output());
    return CostEntry.modelCall(
        run(task.getProcessInstanceId(), task.getProcessDefinitionKey(), task.getTenantId()),
        nodeId, task.getId(), agentType, model, tokens, cost, latencyMs, clock.instant(),
        fallback);
  }

  /**
   * Who pays for a run's calls: its tenant is the run's (Camunda's tenant of its process
   * instance), the installation's for a run of a definition deployed without one.
   */
  public RunRef run(String runId, String workflowId, String tenantId) {
    return new RunRef(runId, workflowId, tenantId == null ? this.tenantId : tenantId);
  }

  /** Writes priced entries to the ledger (in the caller's transaction, if any). */
  @Transactional
  public void write(List<CostEntry> entries) {
    if (!entries.isEmpty()) {
      jdbc.batchUpdate(INSERT, entries, entries.size(), CostRecorder::bind);
      listeners.forEach(listener -> listener.written(entries));
    }
  }

  /** Writes one tool use at its price per use to the ledger (run, workflow and tenant spend). */
  @Transactional
  public void recordTool(RunRef run, String nodeId, String taskId,
      String agentType, String tool, BigDecimal costUsd, long latencyMs) {
    write(List.of(CostEntry.toolUse(run, nodeId, taskId,
        agentType, tool, costUsd, latencyMs, clock.instant())));
  }

  private static final String INSERT = "INSERT INTO baton_cost_ledger (run_id, workflow_id, "
      + "tenant_id, node_id, task_id, kind, agent_type, model, tool, input_tokens, "
      + "output_tokens, cached_tokens, reasoning_tokens, cost_usd, latency_ms, recorded_at) "
      + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private static void bind(PreparedStatement row, CostEntry e) throws SQLException {
    row.setString(1, e.runId());
    row.setString(2, e.workflowId());
    row.setString(3, e.tenantId());
    row.setString(4, e.nodeId());
    row.setString(5, e.taskId());
    row.setString(6, e.kind());
    row.setString(7, e.agentType());
    row.setString(8, e.model());
    row.setString(9, e.tool());
    TokenCounts tokens = e.tokens();
    row.setLong(10, tokens.input());
    row.setLong(11, tokens.output());
    row.setLong(12, tokens.cached());
    row.setLong(13, tokens.reasoning());
    row.setBigDecimal(14, e.costUsd());
    if (e.latencyMs() == null) {
      row.setNull(15, Types.BIGINT);
    } else {
      row.setLong(15, e.latencyMs());
    }
    row.setObject(16, OffsetDateTime.ofInstant(e.recordedAt(), ZoneOffset.UTC));
  }
}
