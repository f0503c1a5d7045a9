package dev.baton.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.audit.AuditLog;
import dev.baton.budget.LimitsSource;
import dev.baton.budget.RunBudgets;
import dev.baton.budget.SpendReader;
import dev.baton.contract.BpmnConventions;
import dev.baton.problem.UnprocessableException;
import dev.baton.contract.JsonValues;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Bean {@code budgetOverrides}: the budget-override approval of a spec with {@code
 * metadata.budget_override}, a human decision like a gate's and recorded the same way ({@link
 * DecisionRecorder}); the budget side is {@link RunBudgets#raise}. When the budget check asks for approval, a user task
 * {@code <node>__override} waits; approving raises the run's budget in force ({@link
 * RunBudgets}) by the stated amount and the check runs again; refusing, or no decision in
 * time, stops the run with the reason. Only an authenticated candidate of the task (or an
 * administrator) decides, with what was submitted with the completion ({@link Deciders},
 * {@link SubmittedForms}). Every decision is recorded in {@link GateDecisions} under the agent
 * node, which the run status shows, and in the audit log; the variables {@code
 * <node>__override}, {@code <node>__audit} and {@code baton_budget_usd} are display copies.
 */
@Component("budgetOverrides")
public class BudgetOverrides {

  static final String REVIEW = "baton_review";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SpendReader spend;
  private final LimitsSource limits;
  private final RunBudgets budgets;
  private final GateDecisions decisions;
  private final DecisionRecorder recorder;
  private final dev.baton.privacy.Privacy privacy;

  public BudgetOverrides(SpendReader spend, LimitsSource limits, RunBudgets budgets,
      GateDecisions decisions, AuditLog audit, dev.baton.privacy.Privacy privacy) {
    this.spend = spend;
    this.limits = limits;
    this.budgets = budgets;
    this.decisions = decisions;
    this.recorder = new DecisionRecorder(decisions, audit);
    this.privacy = privacy;
  }

  /** On creation: what the approver reads, and the proposed raise. */
  public void prepare(DelegateTask task) {
    String nodeId = nodeOf(task);
    JsonNode check = JsonValues.toJson(task.getVariable(BpmnConventions.budgetVariable(nodeId)));
    BigDecimal budget = limits.of(task.getProcessInstanceId(), workflowOf(task.getExecution()))
        .runBudget();
    BigDecimal spent = spend.run(task.getProcessInstanceId());
    OverrideReview.prepare(task, REVIEW, nodeId, check.path("reason").asText("over budget"),
        spent, budget, privacy::reviewForm);
    task.setVariableLocal(ApprovalService.FORM_RAISE_USD, new BigDecimal(GateProperties.of(task)
        .getOrDefault(BpmnConventions.PROP_RAISE_USD, "1")).doubleValue());
  }

  /** On completion (Tasklist, /engine-rest or the API): checks and records the decision. */
  public void record(DelegateTask task) {
    String overrideId = task.getTaskDefinitionKey();
    String nodeId = nodeOf(task);
    DecisionRecorder.Submitted submitted = recorder.read(task);
    String user = submitted.user();
    Map<String, Object> form = submitted.form();
    String decision = submitted.decision();
    String comment = submitted.comment();
    DelegateExecution execution = task.getExecution();
    Instant now = ClockUtil.getCurrentTime().toInstant();
    ObjectNode record = JSON.createObjectNode()
        .put("action", "budget_override")
        .put("decision", decision)
        .put("decided_by", user)
        .put("decided_at", now.toString())
        .put("comment", comment.isEmpty() ? null : comment);
    String outcome;
    if ("approve".equals(decision)) {
      // the raise submitted with the decision; without one, the amount the form proposed
      Object stated = form.get(ApprovalService.FORM_RAISE_USD);
      BigDecimal raise = raiseOf(stated != null ? stated
          : task.getVariableLocal(ApprovalService.FORM_RAISE_USD));
      if (comment.isEmpty()) {
        throw new UnprocessableException("raising a run's budget needs a justification: say "
            + "why in the comment");
      }
      RunBudgets.Raise raised = budgets.raise(execution.getProcessInstanceId(),
          workflowOf(execution), decisions.tenantOr(execution.getTenantId()), raise);
      execution.setVariable(BpmnConventions.VAR_BUDGET_USD, raised.after().doubleValue());
      record.put("raise_usd", raise).put("budget_before_usd", raised.before())
          .put("budget_after_usd", raised.after());
      outcome = BpmnConventions.OUTCOME_APPROVED;
    } else if ("reject".equals(decision)) {
      outcome = BpmnConventions.OUTCOME_REJECTED;
    } else {
      throw new UnprocessableException("'" + decision + "' is not a decision a budget override "
          + "accepts; choose approve or reject");
    }
    finish(execution, overrideId, nodeId, task.getId(), GateDecisions.DECIDED, user, now,
        record, outcome);
    recorder.clearForm(execution, ApprovalService.FORM_DECISION, ApprovalService.FORM_COMMENT,
        ApprovalService.FORM_RAISE_USD);
  }

  /** The request's timer fired: denied by default. */
  public void timedOut(DelegateExecution execution, String overrideId) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    ObjectNode record = JSON.createObjectNode()
        .put("action", "budget_override")
        .put("decision", "reject")
        .put("decided_by", GateDecisions.SYSTEM)
        .put("decided_at", now.toString())
        .put("comment", "no decision in time; denied by default");
    finish(execution, overrideId, nodeOf(overrideId), null, GateDecisions.TIMED_OUT,
        GateDecisions.SYSTEM, now, record, BpmnConventions.OUTCOME_REJECTED);
  }

  /** End of a refused request: the run fails with who refused and what the check said. */
  public void refused(DelegateExecution execution, String overrideId) {
    String nodeId = nodeOf(overrideId);
    JsonNode record = decisions.latestDecision(execution.getProcessInstanceId(), overrideId)
        .orElse(JSON.createObjectNode());
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

  private void finish(DelegateExecution execution, String overrideId, String nodeId,
      String taskId, String action, String user, Instant now, ObjectNode record,
      String outcome) {
    ObjectNode entry = record.deepCopy().put("outcome", outcome);
    recorder.record(execution, new DecisionRecorder.Entry(nodeId, overrideId, taskId, action,
        record.path("decision").asText(), outcome, user, now, 0, record, entry,
        GateDecisions.TIMED_OUT.equals(action) ? "budget_override.timed_out"
            : "budget_override.decided",
        entry.deepCopy().put("workflow", workflowOf(execution))));
  }

  private static String workflowOf(DelegateExecution execution) {
    return DecisionRecorder.workflowOf(execution);
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
}
