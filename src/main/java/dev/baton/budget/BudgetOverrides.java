package dev.baton.budget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.approval.ApprovalService;
import dev.baton.compile.BpmnConventions;
import dev.baton.problem.UnprocessableException;
import dev.baton.run.JsonValues;
import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Bean {@code budgetOverrides}: the budget-override approval of a spec with {@code
 * metadata.budget_override}. When the budget check asks for approval, a user task
 * {@code <node>__override} waits; approving raises the run's budget ({@code baton_budget_usd})
 * by the stated amount and the check runs again; refusing, or no decision in time, stops the
 * run with the reason. Every decision is recorded in {@code <node>__override} and appended to
 * the agent node's audit trail ({@code <node>__audit}), which the run status shows.
 */
@Component("budgetOverrides")
public class BudgetOverrides {

  static final String REVIEW = "baton_review";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SpendReader spend;
  private final LimitsSource limits;

  public BudgetOverrides(SpendReader spend, LimitsSource limits) {
    this.spend = spend;
    this.limits = limits;
  }

  /** Whether the compiled process asks for approval instead of stopping at this node. */
  static boolean hasOverride(DelegateExecution execution, String nodeId) {
    return execution.getBpmnModelInstance()
        .getModelElementById(BpmnConventions.overrideId(nodeId)) != null;
  }

  /** On creation: what the approver reads, and the proposed raise. */
  public void prepare(DelegateTask task) {
    String nodeId = nodeOf(task);
    JsonNode check = JsonValues.toJson(task.getVariable(BpmnConventions.budgetVariable(nodeId)));
    BigDecimal budget = runBudget(task.getExecution());
    BigDecimal spent = spend.run(task.getProcessInstanceId());
    task.setVariableLocal(REVIEW, String.join("\n",
        "### Budget override requested",
        "",
        "The next agent task, **" + nodeId + "**, of run `" + task.getProcessInstanceId()
            + "` needs more budget than the run has.",
        "",
        "- The budget check said: _" + check.path("reason").asText("over budget") + "_",
        "- Spent so far: **$" + money(spent) + "** of a run budget of **$" + money(budget)
            + "**",
        "",
        "Approve to raise the run's budget by the amount below (say why); the check then runs "
            + "again. A workflow or tenant limit is not raised by this: change it with "
            + "`PUT /api/budgets/{id}` first. Reject to stop the run."));
    task.setVariableLocal(ApprovalService.FORM_RAISE_USD,
        new BigDecimal(ElementProperties.get(task.getExecution(), task.getTaskDefinitionKey(),
            BpmnConventions.PROP_RAISE_USD, "1")).doubleValue());
  }

  /** On completion (Tasklist or REST): checks and records the decision. */
  public void record(DelegateTask task) {
    String overrideId = task.getTaskDefinitionKey();
    String nodeId = nodeOf(task);
    String decision = String.valueOf(task.getVariable(ApprovalService.FORM_DECISION));
    Object rawComment = task.getVariable(ApprovalService.FORM_COMMENT);
    String comment = rawComment == null ? "" : rawComment.toString().strip();
    var auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String user = auth == null ? null : auth.getUserId();
    DelegateExecution execution = task.getExecution();
    ObjectNode record = JSON.createObjectNode()
        .put("action", "budget_override")
        .put("decision", decision)
        .put("decided_by", user)
        .put("decided_at", ClockUtil.getCurrentTime().toInstant().toString())
        .put("comment", comment.isEmpty() ? null : comment);
    String outcome;
    if ("approve".equals(decision)) {
      // the API's completion sets the raise on the run, a form submission may update the
      // task-local proposal instead: the run's value is the newer one when both exist
      Object stated = execution.getVariable(ApprovalService.FORM_RAISE_USD);
      BigDecimal raise = raiseOf(stated != null ? stated
          : task.getVariableLocal(ApprovalService.FORM_RAISE_USD));
      if (comment.isEmpty()) {
        throw new UnprocessableException("raising a run's budget needs a justification: say "
            + "why in the comment");
      }
      BigDecimal before = runBudget(execution);
      BigDecimal after = before.add(raise);
      execution.setVariable(BpmnConventions.VAR_BUDGET_USD, after.doubleValue());
      record.put("raise_usd", raise).put("budget_before_usd", before)
          .put("budget_after_usd", after);
      outcome = BpmnConventions.OUTCOME_APPROVED;
    } else if ("reject".equals(decision)) {
      outcome = BpmnConventions.OUTCOME_REJECTED;
    } else {
      throw new UnprocessableException("'" + decision + "' is not a decision a budget override "
          + "accepts; choose approve or reject");
    }
    finish(execution, overrideId, nodeId, record, outcome);
    execution.removeVariable(ApprovalService.FORM_DECISION);
    execution.removeVariable(ApprovalService.FORM_COMMENT);
    execution.removeVariable(ApprovalService.FORM_RAISE_USD);
  }

  /** The request's timer fired: denied by default. */
  public void timedOut(DelegateExecution execution, String overrideId) {
    ObjectNode record = JSON.createObjectNode()
        .put("action", "budget_override")
        .put("decision", "reject")
        .put("decided_by", "system")
        .put("decided_at", ClockUtil.getCurrentTime().toInstant().toString())
        .put("comment", "no decision in time; denied by default");
    finish(execution, overrideId, nodeOf(overrideId), record, BpmnConventions.OUTCOME_REJECTED);
  }

  /** End of a refused request: the run fails with who refused and what the check said. */
  public void refused(DelegateExecution execution, String overrideId) {
    String nodeId = nodeOf(overrideId);
    JsonNode record = JsonValues.toJson(execution.getVariable(overrideId));
    JsonNode check = JsonValues.toJson(
        execution.getVariable(BpmnConventions.budgetVariable(nodeId)));
    String by = record.path("decided_by").asText("someone");
    String why = record.path("comment").asText("");
    execution.setVariable(BpmnConventions.VAR_OUTCOME, "failed");
    execution.setVariable(BpmnConventions.VAR_FAILED_NODE, nodeId);
    execution.setVariable(BpmnConventions.VAR_FAILURE_REASON,
        "budget override for '" + nodeId + "' refused by " + by
            + (why.isBlank() ? "" : " (" + why + ")") + "; "
            + check.path("reason").asText("budget exceeded"));
  }

  private static void finish(DelegateExecution execution, String overrideId, String nodeId,
      ObjectNode record, String outcome) {
    execution.setVariable(overrideId, JsonValues.toVariable(record));
    execution.setVariable(BpmnConventions.outcomeVariable(overrideId), outcome);
    JsonNode existing = JsonValues.toJson(
        execution.getVariable(BpmnConventions.auditVariable(nodeId)));
    ArrayNode audit = existing.isArray() ? (ArrayNode) existing : JSON.createArrayNode();
    audit.add(record.deepCopy().put("outcome", outcome));
    execution.setVariable(BpmnConventions.auditVariable(nodeId), JsonValues.toVariable(audit));
  }

  private BigDecimal runBudget(DelegateExecution execution) {
    return limits.of(execution.getProcessDefinitionId().split(":")[0],
        execution.getVariable(BpmnConventions.VAR_BUDGET_USD)).runBudget();
  }

  private static BigDecimal raiseOf(Object value) {
    BigDecimal raise = value instanceof Number n ? new BigDecimal(n.toString())
        : value instanceof String s && !s.isBlank() ? parse(s) : null;
    if (raise == null || raise.signum() <= 0) {
      throw new UnprocessableException("state how much to raise the run's budget by: "
          + "raise_usd must be a positive amount in US dollars");
    }
    return raise;
  }

  private static BigDecimal parse(String text) {
    try {
      return new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String nodeOf(DelegateTask task) {
    return nodeOf(task.getTaskDefinitionKey());
  }

  private static String nodeOf(String overrideId) {
    return overrideId.substring(0, overrideId.length()
        - (BpmnConventions.SEP + "override").length());
  }

  private static String money(BigDecimal usd) {
    return usd == null ? "?" : CostEstimate.usd(usd);
  }
}
