package dev.baton.budget;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.contract.BpmnConventions;
import dev.baton.contract.JsonValues;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Bean {@code budgetFacts}, called when a budget check starts: puts what the decision table
 * {@code baton-budget-check} decides on into transient variables (never stored, so parallel
 * branches cannot collide on them and history is not flooded): the run's spend and budget, the
 * worst-case cost of the next agent task, workflow and tenant spend today and this month with
 * their limits, hard or soft cap, alert threshold. A run's spend includes that of the runs its
 * agents started (children, grandchildren ...): a run tree is checked against its root.
 */
@Component("budgetFacts")
public class BudgetFacts {

  private final SpendReader spend;
  private final CostFormula formula;
  private final LimitsSource limits;
  private final AgentConfigs agents;

  @Autowired
  public BudgetFacts(SpendReader spend, CostFormula formula, LimitsSource limits,
      AgentConfigs agents) {
    this.spend = spend;
    this.formula = formula;
    this.limits = limits;
    this.agents = agents;
  }

  public void load(DelegateExecution execution, String nodeId) {
    facts(execution, nodeId).forEach(execution::setVariableLocal);
  }

  Map<String, TypedValue> facts(DelegateExecution execution, String nodeId) {
    Map<String, TypedValue> facts = facts(execution.getProcessInstanceId(),
        execution.getProcessDefinitionId().split(":")[0], estimate(execution, nodeId));
    // the process asks for approval instead of stopping where the spec has budget_override
    facts.put("overrideByApproval", Variables.booleanValue(
        ElementProperties.hasOverride(execution, nodeId), true));
    return facts;
  }

  /**
   * The facts for one budget check, read from the ledger and the run's budget in force: what
   * the decision table gets.
   *
   * @param estimate the worst-case cost of the next agent task
   */
  public Map<String, TypedValue> facts(String runId, String workflow, BigDecimal estimate) {
    Map<String, TypedValue> facts = new LinkedHashMap<>();
    LimitsSource.Limits applicable = limits.of(runId, workflow);
    String tenant = applicable.tenantId();
    facts.put("runSpentUsd", money(spend.runWithDescendants(runId)));
    facts.put("runBudgetUsd", limit(applicable.runBudget()));
    facts.put("estimatedCostUsd", money(estimate));
    // a period's spend is summed only where it has a limit: the sums cover every ledger row of
    // the day or month, and a null limit is never exceeded anyway
    facts.put("workflowSpentTodayUsd", applicable.workflowDaily() == null ? ZERO
        : money(spend.workflowToday(workflow)));
    facts.put("workflowDailyLimitUsd", limit(applicable.workflowDaily()));
    facts.put("workflowSpentMonthUsd", applicable.workflowMonthly() == null ? ZERO
        : money(spend.workflowThisMonth(workflow)));
    facts.put("workflowMonthlyLimitUsd", limit(applicable.workflowMonthly()));
    facts.put("tenantSpentTodayUsd", applicable.tenantDaily() == null ? ZERO
        : money(spend.tenantToday(tenant)));
    facts.put("tenantDailyLimitUsd", limit(applicable.tenantDaily()));
    facts.put("tenantSpentMonthUsd", applicable.tenantMonthly() == null ? ZERO
        : money(spend.tenantThisMonth(tenant)));
    facts.put("tenantMonthlyLimitUsd", limit(applicable.tenantMonthly()));
    facts.put("hardCap", Variables.booleanValue(applicable.hardCap(), true));
    facts.put("alertThresholdPercent",
        Variables.doubleValue((double) applicable.alertThresholdPercent(), true));
    facts.put("overrideByApproval", Variables.booleanValue(false, true));
    return facts;
  }

  /**
   * The most the next agent task can cost ({@link CostFormula}): the node's config over its
   * registry agent's, as the worker will call it.
   */
  BigDecimal estimate(DelegateExecution execution, String nodeId) {
    JsonNode config = JsonValues.toJson(
        ElementProperties.get(execution, nodeId, BpmnConventions.PROP_CONFIG, "{}"));
    String agent = ElementProperties.get(execution, nodeId, BpmnConventions.PROP_AGENT, null);
    return formula.worstCase(agents.effective(agent, config));
  }

  private static final TypedValue ZERO = Variables.doubleValue(0.0, true);

  private static TypedValue limit(BigDecimal usd) {
    return usd == null ? Variables.untypedNullValue(true) : money(usd);
  }

  private static TypedValue money(BigDecimal usd) {
    return Variables.doubleValue(usd.doubleValue(), true);
  }
}
