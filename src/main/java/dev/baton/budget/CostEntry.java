package dev.baton.budget;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One ledger row: a model call (or tool use) and what it cost. Read through JPA (cost reports);
 * written and summed with plain SQL on the worker's hot path ({@link CostRecorder},
 * {@link LedgerSpend}).
 */
@Entity
@Table(name = "baton_cost_ledger")
public class CostEntry {

  public static final String MODEL = "model";
  public static final String TOOL = "tool";
  /** A model call made on a node's fallback model. */
  public static final String FALLBACK = "fallback";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "run_id", nullable = false)
  private String runId;

  @Column(name = "workflow_id", nullable = false)
  private String workflowId;

  @Column(name = "tenant_id", nullable = false)
  private String tenantId;

  @Column(name = "node_id", nullable = false)
  private String nodeId;

  @Column(name = "task_id")
  private String taskId;

  @Column(nullable = false)
  private String kind;

  @Column(name = "agent_type")
  private String agentType;

  private String model;

  private String tool;

  @Column(name = "input_tokens", nullable = false)
  private long inputTokens;

  @Column(name = "output_tokens", nullable = false)
  private long outputTokens;

  @Column(name = "cached_tokens", nullable = false)
  private long cachedTokens;

  @Column(name = "reasoning_tokens", nullable = false)
  private long reasoningTokens;

  @Column(name = "cost_usd", nullable = false, precision = 18, scale = 8)
  private BigDecimal costUsd;

  @Column(name = "latency_ms")
  private Long latencyMs;

  @Column(name = "recorded_at", nullable = false)
  private Instant recordedAt;

  protected CostEntry() {}

  /** A model call. */
  public static CostEntry modelCall(RunRef run, String nodeId, String taskId, String agentType,
      String model, TokenCounts tokens, BigDecimal costUsd, long latencyMs, Instant at) {
    return modelCall(run, nodeId, taskId, agentType, model, tokens, costUsd, latencyMs, at,
        false);
  }

  /** A model call; {@code fallback}: made on the node's fallback model (kind fallback). */
  public static CostEntry modelCall(RunRef run, String nodeId, String taskId, String agentType,
      String model, TokenCounts tokens, BigDecimal costUsd, long latencyMs, Instant at,
      boolean fallback) {
    CostEntry e = of(fallback ? FALLBACK : MODEL, run, nodeId, taskId, agentType, costUsd, latencyMs, at);
    e.model = model;
    e.inputTokens = tokens.input();
    e.outputTokens = tokens.output();
    e.cachedTokens = tokens.cached();
    e.reasoningTokens = tokens.reasoning();
    return e;
  }

  /** A tool use, priced at the tool's {@code cost_per_use_usd}. */
  public static CostEntry toolUse(RunRef run, String nodeId, String taskId, String agentType,
      String tool, BigDecimal costUsd, long latencyMs, Instant at) {
    CostEntry e = of(TOOL, run, nodeId, taskId, agentType, costUsd, latencyMs, at);
    e.tool = tool;
    return e;
  }

  /** What every entry has: where the cost arose, what it was, when. */
  private static CostEntry of(String kind, RunRef run, String nodeId, String taskId,
      String agentType, BigDecimal costUsd, long latencyMs, Instant at) {
    CostEntry e = new CostEntry();
    e.kind = kind;
    e.runId = run.runId();
    e.workflowId = run.workflowId();
    e.tenantId = run.tenantId();
    e.nodeId = nodeId;
    e.taskId = taskId;
    e.agentType = agentType;
    e.costUsd = costUsd;
    e.latencyMs = latencyMs;
    e.recordedAt = at;
    return e;
  }

  public String runId() {
    return runId;
  }

  public String workflowId() {
    return workflowId;
  }

  public String tenantId() {
    return tenantId;
  }

  public String nodeId() {
    return nodeId;
  }

  public String taskId() {
    return taskId;
  }

  public Long latencyMs() {
    return latencyMs;
  }

  public String kind() {
    return kind;
  }

  public String agentType() {
    return agentType;
  }

  public String model() {
    return model;
  }

  public String tool() {
    return tool;
  }

  public TokenCounts tokens() {
    return new TokenCounts(inputTokens, outputTokens, cachedTokens, reasoningTokens);
  }

  public BigDecimal costUsd() {
    return costUsd;
  }

  public Instant recordedAt() {
    return recordedAt;
  }
}
