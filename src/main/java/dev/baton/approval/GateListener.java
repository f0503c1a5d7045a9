package dev.baton.approval;

import static dev.baton.contract.BpmnConventions.OUTCOME_APPROVED;
import static dev.baton.contract.BpmnConventions.OUTCOME_CHANGES;
import static dev.baton.contract.BpmnConventions.OUTCOME_PENDING;
import static dev.baton.contract.BpmnConventions.OUTCOME_REJECTED;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.audit.AuditLog;
import dev.baton.budget.LimitsSource;
import dev.baton.budget.SpendReader;
import dev.baton.contract.BpmnConventions;
import dev.baton.notify.Notifier;
import dev.baton.privacy.Privacy;
import dev.baton.problem.ConflictException;
import dev.baton.problem.UnprocessableException;
import dev.baton.contract.JsonValues;
import dev.baton.spec.GateConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * What the compiled BPMN calls on approval gates (bean {@code approvals}): prepares the task for
 * the approver, records every decision (whether taken in Tasklist, through {@code /engine-rest},
 * the Baton API or by the system on timeout) and enforces the gate's rules, and escalates.
 *
 * <p>The rules hold on the engine's task completion itself, whatever the entry point: the
 * decider must be an authenticated candidate (or an administrator, {@link Deciders}); the
 * decision is read only from what was submitted with the completion ({@link SubmittedForms});
 * the two-person rule and the request_changes rounds count the entries of {@link
 * GateDecisions}, a table users cannot write. The variables {@code <gate>}, {@code
 * <gate>__audit} and {@code <gate>__escalation_level} are display copies for Cockpit that no
 * rule reads; {@code <gate>__outcome} is written here and read by the gate's gateway in the
 * same transaction, so a value set from outside is overwritten before it is read.
 */
@Component("approvals")
public class GateListener {

  /** Task-local variables the approval form shows. */
  static final String REVIEW = "baton_review";
  static final String ACTIONS = "baton_actions";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Notifier notifier;
  private final SpendReader spend;
  private final LimitsSource limits;
  private final GateDecisions decisions;
  private final DecisionRecorder recorder;
  private final Privacy privacy;

  public GateListener(Notifier notifier, SpendReader spend, LimitsSource limits,
      GateDecisions decisions, AuditLog audit, Privacy privacy) {
    this.notifier = notifier;
    this.spend = spend;
    this.limits = limits;
    this.decisions = decisions;
    this.recorder = new DecisionRecorder(decisions, audit);
    this.privacy = privacy;
  }

  /** On creation: the review text, the allowed actions, due and follow-up dates. */
  public void prepare(DelegateTask task) {
    Map<String, String> props = GateProperties.of(task);
    GateConfig gate = gateOf(props);
    var services = task.getProcessEngineServices();
    String workflow = EngineAccess.asEngine(() -> services.getRepositoryService()
        .getProcessDefinition(task.getProcessDefinitionId()).getName());
    HistoricProcessInstance instance = instance(task.getExecution());
    List<ReviewText.Upstream> upstream = new ArrayList<>();
    for (String id : props.getOrDefault(BpmnConventions.PROP_UPSTREAM, "").split(",")) {
      if (!id.isBlank()) {
        upstream.add(new ReviewText.Upstream(id, GateProperties.nameOf(task, id),
            JsonValues.toJson(task.getVariable(id))));
      }
    }
    String runId = task.getProcessInstanceId();
    // a task-local variable, so history too: redacted before it is first written
    task.setVariableLocal(REVIEW, privacy.reviewForm(ReviewText.render(task.getName(), workflow,
        runId,
        instance == null ? null : instance.getStartUserId(), spend.run(runId).doubleValue(),
        limits.of(runId, workflowOf(task.getExecution())).runBudget().doubleValue(),
        JsonValues.toJson(task.getVariable(BpmnConventions.VAR_INPUT)),
        NextSteps.afterApproval(task.getBpmnModelElementInstance()), upstream)));
    task.setVariableLocal(ACTIONS, JsonValues.toVariable(actions(gate)));
    Instant created = ClockUtil.getCurrentTime().toInstant();
    gate.timeoutDuration().ifPresent(d -> task.setDueDate(Date.from(created.plus(d))));
    if (!gate.levels().isEmpty()) {
      task.setFollowUpDate(Date.from(created.plus(gate.levels().get(0).after())));
    }
  }

  /**
   * On completion: checks the decider and the decision against the gate's rules and records
   * it. A refusal throws, which leaves the task open and shows the message to the approver.
   */
  public void record(DelegateTask task) {
    String gateId = task.getTaskDefinitionKey();
    String runId = task.getProcessInstanceId();
    GateConfig gate = gateOf(GateProperties.of(task));
    DecisionRecorder.Submitted submitted = recorder.read(task);
    String user = submitted.user();
    String decision = submitted.decision();
    String comment = submitted.comment();
    if (!gate.allows(decision)) {
      throw new UnprocessableException("'" + decision + "' is not a decision '" + task.getName()
          + "' accepts; choose one of " + gate.allowedActions());
    }
    var execution = task.getExecution();
    String outcome = switch (decision) {
      case GateConfig.APPROVE -> approve(task, gate, user, comment);
      case GateConfig.REQUEST_CHANGES -> requestChanges(task, gate, comment);
      default -> OUTCOME_REJECTED;
    };
    int level = decisions.escalationLevel(runId, gateId);
    Instant now = ClockUtil.getCurrentTime().toInstant();
    ObjectNode record = JSON.createObjectNode()
        .put("decision", decision)
        .put("decided_by", user)
        .put("decided_at", now.toString())
        .put("comment", comment.isEmpty() ? null : comment)
        .put("escalation_level", level);
    ObjectNode entry = record.deepCopy().put("outcome", outcome);
    recorder.record(execution, new DecisionRecorder.Entry(gateId, gateId, task.getId(),
        GateDecisions.DECIDED, decision, outcome, user, now, level, record, entry,
        "gate.decided", entry.deepCopy().put("task_id", task.getId()).put("workflow",
            workflowOf(execution))));
    recorder.clearForm(execution, ApprovalService.FORM_DECISION, ApprovalService.FORM_COMMENT);
  }

  private String approve(DelegateTask task, GateConfig gate, String user, String comment) {
    if (gate.requireJustification() && comment.isEmpty()) {
      throw new UnprocessableException("'" + task.getName() + "' needs a justification to be "
          + "approved: say why in the comment");
    }
    if (!gate.twoPersonRule()) {
      return OUTCOME_APPROVED;
    }
    if (starters(task.getExecution()).contains(user)) {
      throw new ConflictException("two-person rule: " + user + " started this run and cannot "
          + "approve '" + task.getName() + "'; someone else must");
    }
    List<String> approvers = decisions.approvers(task.getProcessInstanceId(),
        task.getTaskDefinitionKey());
    if (approvers.contains(user)) {
      throw new ConflictException("two-person rule: " + user + " has already approved '"
          + task.getName() + "'; a second, different person must approve");
    }
    return approvers.size() + 1 >= 2 ? OUTCOME_APPROVED : OUTCOME_PENDING;
  }

  private String requestChanges(DelegateTask task, GateConfig gate, String comment) {
    int rounds = decisions.changeRounds(task.getProcessInstanceId(),
        task.getTaskDefinitionKey());
    if (rounds >= gate.maxChangeRounds()) {
      throw new UnprocessableException("changes to '" + task.getName() + "' were requested "
          + rounds + " times already (max_iterations " + gate.maxChangeRounds()
          + "); approve or reject");
    }
    if (comment.isEmpty()) {
      throw new UnprocessableException("say which changes you want: the comment goes to the "
          + "agent as its input");
    }
    String agent = GateProperties.of(task).getOrDefault(BpmnConventions.PROP_UPSTREAM, "");
    task.getExecution().setVariable(BpmnConventions.feedbackVariable(agent), comment);
    return OUTCOME_CHANGES;
  }

  /**
   * Who started this run, and the runs a retry restarted it from: none of them may be the
   * second person.
   */
  private static Set<String> starters(DelegateExecution execution) {
    Set<String> starters = new HashSet<>();
    HistoricProcessInstance instance = instance(execution);
    for (int hops = 0; instance != null && hops < 20; hops++) {
      if (instance.getStartUserId() != null) {
        starters.add(instance.getStartUserId());
      }
      String from = instance.getRestartedProcessInstanceId();
      instance = from == null ? null : instance(execution, from);
    }
    return starters;
  }

  /** Timer of an escalation level: more candidates, and a notification. */
  public void escalate(DelegateExecution execution, String gateId, int level) {
    GateConfig gate = gateOf(execution, gateId);
    GateConfig.Level config = gate.levels().get(level - 1);
    var services = execution.getProcessEngineServices();
    Task task = EngineAccess.asEngine(() -> services.getTaskService().createTaskQuery()
        .processInstanceId(execution.getProcessInstanceId()).taskDefinitionKey(gateId)
        .active().singleResult());
    if (task == null) {
      return;
    }
    // on the task itself, not through TaskService: the engine guards refuse candidate changes
    // on gates that come from users, and the timer may be executed by one
    TaskEntity entity = Context.getCommandContext().getTaskManager().findTaskById(task.getId());
    for (String assignee : config.assignees()) {
      boolean group = EngineAccess.asEngine(() -> services.getIdentityService()
          .createGroupQuery().groupId(assignee).count() > 0);
      if (group) {
        entity.addCandidateGroup(assignee);
      } else {
        entity.addCandidateUser(assignee);
      }
    }
    ArrayNode assignees = JSON.createArrayNode();
    config.assignees().forEach(assignees::add);
    Instant now = ClockUtil.getCurrentTime().toInstant();
    ObjectNode entry = JSON.createObjectNode()
        .put("action", "escalated")
        .put("escalation_level", level)
        .put("decided_by", GateDecisions.SYSTEM)
        .put("decided_at", now.toString());
    entry.set("assignees", assignees);
    String runId = execution.getProcessInstanceId();
    execution.setVariable(BpmnConventions.escalationVariable(gateId), level);
    recorder.record(execution, new DecisionRecorder.Entry(gateId, gateId, null,
        GateDecisions.ESCALATED, null, null, GateDecisions.SYSTEM, now, level, null, entry,
        "gate.escalated", entry.deepCopy()));
    notifier.afterCommit(config.channels(), "Approval '" + task.getName() + "' of run "
        + runId + " is still open: escalated to level " + level
        + (config.assignees().isEmpty() ? "" : " (" + String.join(", ", config.assignees())
            + ")"));
  }

  /** Interrupting timer of the gate: the system decides, by default to deny. */
  public void timedOut(DelegateExecution execution, String gateId) {
    GateConfig gate = gateOf(execution, gateId);
    String runId = execution.getProcessInstanceId();
    String decision = gate.approveOnTimeout() ? GateConfig.APPROVE : GateConfig.REJECT;
    String outcome = gate.approveOnTimeout() ? OUTCOME_APPROVED : OUTCOME_REJECTED;
    int level = decisions.escalationLevel(runId, gateId);
    Instant now = ClockUtil.getCurrentTime().toInstant();
    ObjectNode record = JSON.createObjectNode()
        .put("decision", decision)
        .put("decided_by", GateDecisions.SYSTEM)
        .put("decided_at", now.toString())
        .put("comment", "no decision within " + gate.timeout().orElse("?") + "; "
            + (gate.approveOnTimeout() ? "approved" : "denied") + " by default")
        .put("escalation_level", level);
    ObjectNode entry = record.deepCopy().put("action", "timeout");
    recorder.record(execution, new DecisionRecorder.Entry(gateId, gateId, null,
        GateDecisions.TIMED_OUT, decision, outcome, GateDecisions.SYSTEM, now, level, record,
        entry, "gate.timed_out", entry.deepCopy().put("outcome", outcome)));
  }

  private static ArrayNode actions(GateConfig gate) {
    ArrayNode actions = JSON.createArrayNode();
    if (gate.allows(GateConfig.APPROVE)) {
      actions.addObject().put("label", "Approve").put("value", GateConfig.APPROVE);
    }
    if (gate.allows(GateConfig.REJECT)) {
      actions.addObject().put("label", "Reject").put("value", GateConfig.REJECT);
    }
    if (gate.allows(GateConfig.REQUEST_CHANGES)) {
      actions.addObject().put("label", "Request changes").put("value", GateConfig.REQUEST_CHANGES);
    }
    return actions;
  }

  private static HistoricProcessInstance instance(DelegateExecution execution) {
    return instance(execution, execution.getProcessInstanceId());
  }

  private static HistoricProcessInstance instance(DelegateExecution execution, String runId) {
    return EngineAccess.asEngine(() -> execution.getProcessEngineServices().getHistoryService()
        .createHistoricProcessInstanceQuery().processInstanceId(runId).singleResult());
  }

  private static String workflowOf(DelegateExecution execution) {
    return DecisionRecorder.workflowOf(execution);
  }

  private static GateConfig gateOf(Map<String, String> props) {
    return GateConfig.of(JsonValues.toJson(props.getOrDefault(BpmnConventions.PROP_CONFIG, "{}")));
  }

  private static GateConfig gateOf(DelegateExecution execution, String gateId) {
    var element = execution.getBpmnModelInstance().getModelElementById(gateId);
    return gateOf(GateProperties.of((org.camunda.bpm.model.bpmn.instance.UserTask) element));
  }
}
