package dev.baton.budget;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.compile.BpmnConventions;
import dev.baton.notify.Notifier;
import dev.baton.run.JsonValues;
import java.util.List;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Bean {@code budgetGuard}, called when a budget check ends: acts on the decision table's
 * result. DENY stops the run with BPMN error {@code BUDGET_EXCEEDED} and the table's reason;
 * ALERT notifies (once per run); ALLOW lets the agent task run, where the worker's reservation
 * still holds the hard cap against concurrent spending.
 */
@Component("budgetGuard")
public class BudgetGuard {

  public static final String DENY = "DENY";
  public static final String ALERT = "ALERT";
  public static final String REQUIRE_APPROVAL = "REQUIRE_APPROVAL";

  private final Notifier notifier;

  public BudgetGuard(Notifier notifier) {
    this.notifier = notifier;
  }

  public void enforce(DelegateExecution execution, String nodeId) {
    JsonNode result = JsonValues.toJson(
        execution.getVariable(BpmnConventions.budgetVariable(nodeId)));
    String decision = result.path("decision").asText("ALLOW");
    String reason = result.path("reason").asText("");
    switch (decision) {
      case DENY -> stop(execution, nodeId, reason);
      // budget overrides by approval are not built yet: a hard cap then stops the run
      case REQUIRE_APPROVAL -> stop(execution, nodeId,
          reason + " (budget override approvals are not available yet, so the run stops)");
      case ALERT -> alertOnce(execution, reason);
      default -> { }
    }
  }

  private static void stop(DelegateExecution execution, String nodeId, String reason) {
    execution.setVariable(BpmnConventions.VAR_FAILED_NODE, nodeId);
    throw new BpmnError(BpmnConventions.BUDGET_EXCEEDED, reason);
  }

  private void alertOnce(DelegateExecution execution, String reason) {
    if (Boolean.TRUE.equals(execution.getVariable(BpmnConventions.VAR_BUDGET_ALERTED))) {
      return;
    }
    execution.setVariable(BpmnConventions.VAR_BUDGET_ALERTED, true);
    notifier.afterCommit(List.of("log"), "Budget alert for run "
        + execution.getProcessInstanceId() + ": " + reason);
  }
}
