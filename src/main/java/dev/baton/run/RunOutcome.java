package dev.baton.run;

import static dev.baton.compile.BpmnConventions.VAR_BUDGET_USD;
import static dev.baton.compile.BpmnConventions.VAR_FAILED_NODE;
import static dev.baton.compile.BpmnConventions.VAR_FAILURE_REASON;
import static dev.baton.compile.BpmnConventions.VAR_INPUT;
import static dev.baton.compile.BpmnConventions.VAR_OUTCOME;
import static dev.baton.compile.BpmnConventions.VAR_PRIORITY;
import static dev.baton.compile.BpmnConventions.VAR_SLA_BREACHED;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.compile.BpmnConventions;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.stereotype.Component;

/**
 * Called by the compiled BPMN at a run's start and at its failure ends: sets the defaults a run
 * needs (so runs started from Tasklist or Cockpit work too) and records why a run ended badly,
 * in variables that the run status and Camunda history both show.
 */
@Component("runOutcome")
public class RunOutcome {

  public static final String FAILED = "failed";
  public static final String REJECTED = "rejected";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** @param budgetUsd the spec's {@code budget_usd}, or "" for none */
  public void initialise(DelegateExecution execution, String budgetUsd) {
    if (!execution.hasVariable(VAR_INPUT)) {
      execution.setVariable(VAR_INPUT, JsonValues.toVariable(JSON.createObjectNode()));
    }
    if (!(execution.getVariable(VAR_PRIORITY) instanceof Number)) {
      execution.setVariable(VAR_PRIORITY, 0);
    }
    if (!budgetUsd.isEmpty() && !execution.hasVariable(VAR_BUDGET_USD)) {
      execution.setVariable(VAR_BUDGET_USD, Double.valueOf(budgetUsd));
    }
  }

  public void fail(DelegateExecution execution, String nodeId, String reason) {
    execution.setVariable(VAR_OUTCOME, FAILED);
    execution.setVariable(VAR_FAILED_NODE, nodeId);
    execution.setVariable(VAR_FAILURE_REASON, reason);
  }

  /** A gate's decision was "reject": the reason names who rejected it and why. */
  public void rejected(DelegateExecution execution, String gateId) {
    JsonNode decision = JsonValues.toJson(execution.getVariable(gateId));
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
