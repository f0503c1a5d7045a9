package dev.baton.run;

import dev.baton.contract.JsonValues;

import static dev.baton.contract.BpmnConventions.VAR_BUDGET_USD;
import static dev.baton.contract.BpmnConventions.VAR_FAILED_NODE;
import static dev.baton.contract.BpmnConventions.VAR_FAILURE_REASON;
import static dev.baton.contract.BpmnConventions.VAR_INPUT;
import static dev.baton.contract.BpmnConventions.VAR_OUTCOME;
import static dev.baton.contract.BpmnConventions.VAR_PRIORITY;
import static dev.baton.contract.BpmnConventions.VAR_SLA_BREACHED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.approval.GateDecisions;
import dev.baton.budget.RunBudgets;
import dev.baton.contract.BpmnConventions;
import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.stereotype.Component;

/**
 * Called by the compiled BPMN at a run's start and at its failure ends: sets the defaults a run
 * needs and its budget in force (so runs started from {@code /engine-rest}, Tasklist or Cockpit
 * get the same as runs started through the API), and records why a run ended badly, in
 * variables that the run status and Camunda history both show.
 *
 * <p>Public because the engine's expression language calls it: JUEL invokes methods of public
 * classes only (a package-private bean fails with "method is null").
 */
@Component("runOutcome")
public class RunOutcome {

  public static final String FAILED = "failed";
  public static final String REJECTED = "rejected";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RunBudgets budgets;
  private final GateDecisions decisions;

  public RunOutcome(RunBudgets budgets, GateDecisions decisions) {
    this.budgets = budgets;
    this.decisions = decisions;
  }

  /**
   * The run's start listener: its budget in force is set from the workflow's spec and the
   * budgets configuration ({@link RunBudgets}), never from a variable the caller passed; the
   * variable {@code baton_budget_usd} is overwritten with it, as a display copy.
   *
   * @param budgetUsd the spec's {@code budget_usd} as compiled into the BPMN, or "" for none
   */
  public void initialise(DelegateExecution execution, String budgetUsd) {
    if (!execution.hasVariable(VAR_INPUT)) {
      execution.setVariable(VAR_INPUT, JsonValues.toVariable(JSON.createObjectNode()));
    }
    if (!(execution.getVariable(VAR_PRIORITY) instanceof Number)) {
      execution.setVariable(VAR_PRIORITY, 0);
    }
    BigDecimal inForce = budgets.initialise(execution.getProcessInstanceId(),
        execution.getProcessDefinitionId().split(":")[0],
        decisions.tenantOr(execution.getTenantId()),
        budgetUsd.isEmpty() ? null : new BigDecimal(budgetUsd));
    execution.setVariable(VAR_BUDGET_USD, inForce.doubleValue());
  }

  public void fail(DelegateExecution execution, String nodeId, String reason) {
    execution.setVariable(VAR_OUTCOME, FAILED);
    execution.setVariable(VAR_FAILED_NODE, nodeId);
    execution.setVariable(VAR_FAILURE_REASON, reason);
  }

  /** A gate's decision was "reject": the reason names who rejected it and why. */
  public void rejected(DelegateExecution execution, String gateId) {
    JsonNode decision = decisions.latestDecision(execution.getProcessInstanceId(), gateId)
        .orElse(JSON.createObjectNode());
    String by = decision.path("decided_by").asText("someone");
    String why = decision.path("comment").asText("");
    execution.setVariable(VAR_OUTCOME, REJECTED);
    execution.setVariable(VAR_FAILED_NODE, gateId);
    execution.setVariable(VAR_FAILURE_REASON,
        "rejected at '" + nameOf(execution, gateId) + "' by " + by
            + (why.isBlank() ? "" : ": " + why));
  }

  private static String nameOf(DelegateExecution execution, String elementId) {
    FlowElement element = execution.getBpmnModelInstance().getModelElementById(elementId);
    return element == null || element.getName() == null ? elementId : element.getName();
  }

  /** The budget watch caught BUDGET_EXCEEDED: the reason carries the numbers. */
  public void budgetExceeded(DelegateExecution execution) {
    Object reason = execution.getVariable(BpmnConventions.VAR_BUDGET_ERROR);
    execution.setVariable(VAR_OUTCOME, FAILED);
    execution.setVariable(VAR_FAILURE_REASON, reason == null ? "budget exceeded" : reason);
  }

  public void slaBreached(DelegateExecution execution) {
    execution.setVariable(VAR_SLA_BREACHED, true);
  }
}
