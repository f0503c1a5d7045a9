package dev.baton.budget;

import dev.baton.problem.NotFoundException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.springframework.stereotype.Service;

/**
 * The budget's report side: a run's cost from the ledger (per agent type, per tool, every
 * entry), and its spend and budget in force for the run status.
 */
@Service
public class CostReport {

  private final CostLedger ledger;
  private final HistoryService history;
  private final LimitsSource limits;
  private final SpendReader spend;

  CostReport(CostLedger ledger, HistoryService history, LimitsSource limits,
      SpendReader spend) {
    this.ledger = ledger;
    this.history = history;
    this.limits = limits;
    this.spend = spend;
  }

  /**
   * What a run has spent (summed from the ledger) and its budget in force: what the run status
   * shows.
   */
  public record RunMoney(BigDecimal spentUsd, BigDecimal budgetUsd,
      BigDecimal spentWithChildrenUsd) {}

  /** The run status's view of a run's money; the only way {@code run} reads cost. */
  public RunMoney money(String runId) {
    return new RunMoney(spend.run(runId), budgetOf(runId), spend.runWithDescendants(runId));
  }

  public CostBreakdown of(String runId) {
    if (history.createHistoricProcessInstanceQuery().processInstanceId(runId).count() == 0) {
      throw new NotFoundException("no run '" + runId + "'");
    }
    List<CostEntry> entries = ledger.findByRunIdOrderByRecordedAtAsc(runId);
    Map<String, List<CostEntry>> byAgent = new LinkedHashMap<>();
    Map<String, List<CostEntry>> byTool = new LinkedHashMap<>();
    BigDecimal total = BigDecimal.ZERO;
    for (CostEntry e : entries) {
      total = total.add(e.costUsd());
      if (CostEntry.TOOL.equals(e.kind())) {
        byTool.computeIfAbsent(e.tool(), k -> new ArrayList<>()).add(e);
      } else {
        byAgent.computeIfAbsent(e.agentType(), k -> new ArrayList<>()).add(e);
      }
    }
    List<CostBreakdown.AgentCost> agents = new ArrayList<>();
    byAgent.forEach((type, calls) -> {
      BigDecimal sum = sum(calls);
      long tasks = calls.stream().map(CostEntry::nodeId).distinct().count();
      agents.add(new CostBreakdown.AgentCost(type, tasks, sum,
          sum.divide(BigDecimal.valueOf(tasks), 8, RoundingMode.HALF_UP)));
    });
    List<CostBreakdown.ToolCost> tools = new ArrayList<>();
    byTool.forEach((tool, uses) -> tools.add(
        new CostBreakdown.ToolCost(tool, uses.size(), sum(uses))));
    return new CostBreakdown(runId, total, budgetOf(runId),
        new CostBreakdown.Breakdown(agents, tools, new CostBreakdown.Infrastructure(
            BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO)),
        entries.stream().map(e -> new CostBreakdown.Entry(e.nodeId(), e.kind(), e.agentType(),
            e.model(), e.tool(), e.tokens(), e.costUsd(), e.recordedAt())).toList());
  }

  /** The run's budget in force ({@link RunBudgets}; raises by overrides included). */
  public BigDecimal budgetOf(String runId) {
    var instance = history.createHistoricProcessInstanceQuery().processInstanceId(runId)
        .singleResult();
    String workflow = instance == null ? "" : instance.getProcessDefinitionKey();
    return limits.of(runId, workflow).runBudget();
  }

  private static BigDecimal sum(List<CostEntry> entries) {
    return entries.stream().map(CostEntry::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
