package dev.baton.budget;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.compile.BpmnConventions;
import dev.baton.run.JsonValues;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Bean {@code budgetGuard}, called when a budget check ends: acts on the decision table's
 * result. DENY stops the run with BPMN error {@code BUDGET_EXCEEDED} and the table's reason;
 * REQUIRE_APPROVAL leads to the budget-override approval where the spec has a
 * {@code budget_override} policy (the flow after the check asks {@link #needsApproval}) and
 * otherwise stops the run like DENY; ALERT raises the alert once per threshold crossing;
 * ALLOW lets the agent task run, where the worker's reservation still holds the hard cap
 * against concurrent spending.
 */
@Component("budgetGuard")
public class BudgetGuard {

  public static final String DENY = "DENY";
  public static final String ALERT = "ALERT";
  public static final String REQUIRE_APPROVAL = "REQUIRE_APPROVAL";

  private final BudgetAlarm alarm;

  public BudgetGuard(BudgetAlarm alarm) {
    this.alarm = alarm;
  }

  public void enforce(DelegateExecution execution, String nodeId) {
    JsonNode result = result(execution, nodeId);
    String decision = result.path("decision").asText("ALLOW");
    String reason = result.path("reason").asText("");
    switch (decision) {
      case DENY -> stop(execution, nodeId, reason);
      case REQUIRE_APPROVAL -> {
        if (!BudgetOverrides.hasOverride(execution, nodeId)) {
          stop(execution, nodeId, reason + " (the workflow has no budget_override policy, so "
              + "the run stops)");
        }
      }
      case ALERT -> alarm.raise(execution.getProcessInstanceId(),
          execution.getProcessDefinitionId().split(":")[0],
          result.path("alertOn").isTextual() ? result.path("alertOn").asText() : null, reason);
      default -> { }
    }
  }

  /** Flow condition after a budget check: a budget-override approval is needed. */
  public boolean needsApproval(DelegateExecution execution, String nodeId) {
    return REQUIRE_APPROVAL.equals(result(execution, nodeId).path("decision").asText());
  }

  private static JsonNode result(DelegateExecution execution, String nodeId) {
    return JsonValues.toJson(execution.getVariable(BpmnConventions.budgetVariable(nodeId)));
  }

  private static void stop(DelegateExecution execution, String nodeId, String reason) {
    execution.setVariable(BpmnConventions.VAR_FAILED_NODE, nodeId);
    throw new BpmnError(BpmnConventions.BUDGET_EXCEEDED, reason);
  }
}
