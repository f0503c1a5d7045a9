package dev.baton.budget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.baton.contract.BpmnConventions;
import dev.baton.contract.JsonValues;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
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
 *
 * <p>The table's result is read from the engine's transient {@code decisionResult}: every
 * decision other than ALLOW is kept in the decision history (Cockpit shows its inputs and
 * outputs; {@link AllowedChecksOutOfHistory} leaves ALLOWs out) and stored as the variable
 * {@code <node>__budget}, for the
 * override form, the refusal's reason and operators. Storing ALLOW for every agent task cost
 * each task a serialized variable, its history and its removal at the run's end.
 */
@Component("budgetGuard")
public class BudgetGuard {

  public static final String DENY = "DENY";
  public static final String ALERT = "ALERT";
  public static final String REQUIRE_APPROVAL = "REQUIRE_APPROVAL";

  private final BudgetAlarm alarm;

  BudgetGuard(BudgetAlarm alarm) {
    this.alarm = alarm;
  }

  public void enforce(DelegateExecution execution, String nodeId) {
    JsonNode result = evaluated(execution);
    String variable = BpmnConventions.budgetVariable(nodeId);
    if (!"ALLOW".equals(result.path("decision").asText("ALLOW"))
        || execution.hasVariable(variable)) {
      // kept when it matters; overwritten on a later visit so no stale decision is read
      execution.setVariable(variable, JsonValues.toVariable(result));
    }
    String decision = result.path("decision").asText("ALLOW");
    String reason = result.path("reason").asText("");
    switch (decision) {
      case DENY -> stop(execution, nodeId, reason);
      case REQUIRE_APPROVAL -> {
        if (!ElementProperties.hasOverride(execution, nodeId)) {
          stop(execution, nodeId, reason + " (the workflow has no budget_override policy, so "
              + "the run stops)");
        }
      }
      case ALERT -> alarm.raise(new RunRef(execution.getProcessInstanceId(),
          execution.getProcessDefinitionId().split(":")[0], execution.getTenantId()),
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

  /** The single result of the decision just evaluated, as the engine left it (transient). */
  private static JsonNode evaluated(DelegateExecution execution) {
    if (execution.getVariableLocal(DECISION_RESULT) instanceof DmnDecisionResult result
        && result.getFirstResult() != null) {
      return JsonValues.toJson(result.getFirstResult().getEntryMap());
    }
    return JsonNodeFactory.instance.objectNode();
  }

  /** Where Camunda leaves a business rule task's result, whether or not it maps it. */
  private static final String DECISION_RESULT = "decisionResult";

  private static void stop(DelegateExecution execution, String nodeId, String reason) {
    execution.setVariable(BpmnConventions.VAR_FAILED_NODE, nodeId);
    throw new BpmnError(BpmnConventions.BUDGET_EXCEEDED, reason);
  }
}
