package dev.baton.approval;

import static dev.baton.compile.BpmnConventions.OUTCOME_APPROVED;
import static dev.baton.compile.BpmnConventions.OUTCOME_CHANGES;
import static dev.baton.compile.BpmnConventions.OUTCOME_PENDING;
import static dev.baton.compile.BpmnConventions.OUTCOME_REJECTED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.compile.BpmnConventions;
import dev.baton.budget.SpendReader;
import dev.baton.notify.Notifier;
import dev.baton.problem.ConflictException;
import dev.baton.problem.UnprocessableException;
import dev.baton.run.JsonValues;
import dev.baton.spec.GateConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * What the compiled BPMN calls on approval gates (bean {@code approvals}): prepares the task for
 * the approver, records every decision (whether taken in Tasklist, through the REST API or by
 * the system on timeout) and enforces the gate's criteria, and escalates. Each action is
 * appended to the gate's audit variable, so the run status and Camunda history show it.
 */
@Component("approvals")
public class GateListener {

  /** Task-local variables the approval form shows. */
  static final String REVIEW = "baton_review";
  static final String ACTIONS = "baton_actions";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Notifier notifier;
  private final SpendReader spend;

  public GateListener(Notifier notifier, SpendReader spend) {
    this.notifier = notifier;
    this.spend = spend;
  }

  /** On creation: the review text, the allowed actions, due and follow-up dates. */
  public void prepare(DelegateTask task) {
    Map<String, String> props = GateProperties.of(task);
    GateConfig gate = gateOf(props);
    var services = task.getProcessEngineServices();
    String workflow = services.getRepositoryService()
        .getProcessDefinition(task.getProcessDefinitionId()).getName();
    var instance = services.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceId(task.getProcessInstanceId()).singleResult();
    List<ReviewText.Upstream> upstream = new ArrayList<>();
    for (String id : props.getOrDefault(BpmnConventions.PROP_UPSTREAM, "").split(",")) {
      if (!id.isBlank()) {
        upstream.add(new ReviewText.Upstream(id, GateProperties.nameOf(task, id),
            JsonValues.toJson(task.getVariable(id))));
      }
    }
    task.setVariableLocal(REVIEW, ReviewText.render(task.getName(), workflow,
        task.getProcessInstanceId(), instance == null ? null : instance.getStartUserId(),
        spend.run(task.getProcessInstanceId()).doubleValue(),
        number(task.getVariable(BpmnConventions.VAR_BUDGET_USD)), upstream));
    task.setVariableLocal(ACTIONS, JsonValues.toVariable(actions(gate)));
    Instant created = ClockUtil.getCurrentTime().toInstant();
    gate.timeoutDuration().ifPresent(d -> task.setDueDate(Date.from(created.plus(d))));
    if (!gate.levels().isEmpty()) {
      task.setFollowUpDate(Date.from(created.plus(gate.levels().get(0).after())));
    }
  }

  /**
   * On completion: checks the decision against the gate's criteria and records it. A refusal
   * throws, which leaves the task open and shows the message to the approver.
   */
  public void record(DelegateTask task) {
    String gateId = task.getTaskDefinitionKey();
    GateConfig gate = gateOf(GateProperties.of(task));
    String decision = String.valueOf(task.getVariable(ApprovalService.FORM_DECISION));
    Object rawComment = task.getVariable(ApprovalService.FORM_COMMENT);
    String comment = rawComment == null ? "" : rawComment.toString().strip();
    var auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String user = auth == null ? null : auth.getUserId();
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
    ObjectNode record = JSON.createObjectNode()
        .put("decision", decision)
        .put("decided_by", user)
        .put("decided_at", ClockUtil.getCurrentTime().toInstant().toString())
        .put("comment", comment.isEmpty() ? null : comment)
        .put("escalation_level", escalationLevel(execution, gateId));
    execution.setVariable(gateId, JsonValues.toVariable(record));
    execution.setVariable(BpmnConventions.outcomeVariable(gateId), outcome);
    audit(execution, gateId, record.deepCopy().put("outcome", outcome));
    execution.removeVariable(ApprovalService.FORM_DECISION);
    execution.removeVariable(ApprovalService.FORM_COMMENT);
  }

  private String approve(DelegateTask task, GateConfig gate, String user, String comment) {
    if (gate.requireJustification() && comment.isEmpty()) {
      throw new UnprocessableException("'" + task.getName() + "' needs a justification to be "
          + "approved: say why in the comment");
    }
    if (!gate.twoPersonRule()) {
      return OUTCOME_APPROVED;
    }
    if (user == null) {
      throw new ConflictException("'" + task.getName() + "' follows the two-person rule, which "
          + "needs to know who approves: decide in Tasklist or through the API as yourself");
    }
    var instance = task.getProcessEngineServices().getHistoryService()
        .createHistoricProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
        .singleResult();
    if (instance != null && user.equals(instance.getStartUserId())) {
      throw new ConflictException("two-person rule: " + user + " started this run and cannot "
          + "approve '" + task.getName() + "'; someone else must");
    }
    List<String> approvers = approvers(task.getExecution(), task.getTaskDefinitionKey());
    if (approvers.contains(user)) {
      throw new ConflictException("two-person rule: " + user + " has already approved '"
          + task.getName() + "'; a second, different person must approve");
    }
    return approvers.size() + 1 >= 2 ? OUTCOME_APPROVED : OUTCOME_PENDING;
  }

  private String requestChanges(DelegateTask task, GateConfig gate, String comment) {
    String gateId = task.getTaskDefinitionKey();
    long rounds = audit(task.getExecution(), gateId).findValuesAsText("outcome").stream()
        .filter(OUTCOME_CHANGES::equals).count();
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

  /** Timer of an escalation level: more candidates, and a notification. */
  public void escalate(DelegateExecution execution, String gateId, int level) {
    GateConfig gate = gateOf(execution, gateId);
    GateConfig.Level config = gate.levels().get(level - 1);
    var services = execution.getProcessEngineServices();
    Task task = services.getTaskService().createTaskQuery()
        .processInstanceId(execution.getProcessInstanceId()).taskDefinitionKey(gateId)
        .active().singleResult();
    if (task == null) {
      return;
    }
    for (String assignee : config.assignees()) {
      if (services.getIdentityService().createGroupQuery().groupId(assignee).count() > 0) {
        services.getTaskService().addCandidateGroup(task.getId(), assignee);
      } else {
        services.getTaskService().addCandidateUser(task.getId(), assignee);
      }
    }
    execution.setVariable(BpmnConventions.escalationVariable(gateId), level);
    ArrayNode assignees = JSON.createArrayNode();
    config.assignees().forEach(assignees::add);
    ObjectNode entry = JSON.createObjectNode()
        .put("action", "escalated")
        .put("escalation_level", level)
        .put("decided_by", "system")
        .put("decided_at", ClockUtil.getCurrentTime().toInstant().toString());
    entry.set("assignees", assignees);
    audit(execution, gateId, entry);
    notifier.afterCommit(config.channels(), "Approval '" + task.getName() + "' of run "
        + execution.getProcessInstanceId() + " is still open: escalated to level " + level
        + (config.assignees().isEmpty() ? "" : " (" + String.join(", ", config.assignees())
            + ")"));
  }

  /** Interrupting timer of the gate: the system decides, by default to deny. */
  public void timedOut(DelegateExecution execution, String gateId) {
    GateConfig gate = gateOf(execution, gateId);
    String decision = gate.approveOnTimeout() ? GateConfig.APPROVE : GateConfig.REJECT;
    ObjectNode record = JSON.createObjectNode()
        .put("decision", decision)
        .put("decided_by", "system")
        .put("decided_at", ClockUtil.getCurrentTime().toInstant().toString())
        .put("comment", "no decision within " + gate.timeout().orElse("?") + "; "
            + (gate.approveOnTimeout() ? "approved" : "denied") + " by default")
        .put("escalation_level", escalationLevel(execution, gateId));
    execution.setVariable(gateId, JsonValues.toVariable(record));
    execution.setVariable(BpmnConventions.outcomeVariable(gateId),
        gate.approveOnTimeout() ? OUTCOME_APPROVED : OUTCOME_REJECTED);
    audit(execution, gateId, record.deepCopy().put("action", "timeout"));
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

  private static List<String> approvers(DelegateExecution execution, String gateId) {
    List<String> approvers = new ArrayList<>();
    for (JsonNode entry : audit(execution, gateId)) {
      if (GateConfig.APPROVE.equals(entry.path("decision").asText())
          && !"system".equals(entry.path("decided_by").asText())
          && !OUTCOME_CHANGES.equals(entry.path("outcome").asText())) {
        approvers.add(entry.path("decided_by").asText());
      }
    }
    return approvers;
  }

  private static ArrayNode audit(DelegateExecution execution, String gateId) {
    JsonNode audit = JsonValues.toJson(
        execution.getVariable(BpmnConventions.auditVariable(gateId)));
    return audit.isArray() ? (ArrayNode) audit : JSON.createArrayNode();
  }

  private static void audit(DelegateExecution execution, String gateId, ObjectNode entry) {
    ArrayNode audit = audit(execution, gateId);
    audit.add(entry);
    execution.setVariable(BpmnConventions.auditVariable(gateId), JsonValues.toVariable(audit));
  }

  private static int escalationLevel(DelegateExecution execution, String gateId) {
    Object level = execution.getVariable(BpmnConventions.escalationVariable(gateId));
    return level instanceof Number n ? n.intValue() : 0;
  }

  private static GateConfig gateOf(Map<String, String> props) {
    return GateConfig.of(JsonValues.toJson(props.getOrDefault(BpmnConventions.PROP_CONFIG, "{}")));
  }

  private static GateConfig gateOf(DelegateExecution execution, String gateId) {
    var element = execution.getBpmnModelInstance().getModelElementById(gateId);
    return gateOf(GateProperties.of((org.camunda.bpm.model.bpmn.instance.UserTask) element));
  }

  private static Double number(Object value) {
    return value instanceof Number n ? n.doubleValue() : null;
  }
}
