package dev.baton.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What a run cost (seed 000's {@code CostBreakdown}), with the ledger entries behind it.
 *
 * @param budgetUsd the run's budget (the spec's {@code budget_usd}, else the default per run)
 */
public record CostBreakdown(
    String runId,
    BigDecimal totalCostUsd,
    BigDecimal budgetUsd,
    Breakdown breakdown,
    List<Entry> entries) {

  public record Breakdown(
      List<AgentCost> agentCosts, List<ToolCost> toolCosts, Infrastructure infrastructureCosts) {}

  public record AgentCost(
      String agentType, long taskCount, BigDecimal totalCost, BigDecimal avgCostPerTask) {}

  public record ToolCost(String toolName, long usageCount, BigDecimal totalCost) {}

  /** Not metered: Baton runs on the operator's own machines. */
  public record Infrastructure(BigDecimal compute, BigDecimal storage, BigDecimal network) {}

  public record Entry(
      String nodeId, String kind, String agentType, String model, String tool,
      TokenCounts tokens, BigDecimal costUsd, Instant recordedAt) {}
}
