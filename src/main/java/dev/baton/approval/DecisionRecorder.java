package dev.baton.approval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.audit.AuditEvent;
import dev.baton.audit.AuditLog;
import dev.baton.contract.BpmnConventions;
import dev.baton.contract.JsonValues;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * Every human (or timed-out) decision of a run is taken and recorded here, the gates' and the
 * budget overrides' alike: who decides (an authenticated candidate, {@link Deciders}), what
 * was submitted with the completion ({@link SubmittedForms}), the entry in the gates' record
 * ({@link GateDecisions}), the audit log, the outcome the gateway routes on and the display
 * copies for Cockpit.
 */
final class DecisionRecorder {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final GateDecisions decisions;
  private final AuditLog audit;

  DecisionRecorder(GateDecisions decisions, AuditLog audit) {
    this.decisions = decisions;
    this.audit = audit;
  }

  /**
   * What a person submitted with a task's completion.
   *
   * @param user the decider, checked to be a candidate of the task
   * @param decision the submitted decision ("" when none)
   * @param comment the stripped comment ("" when none)
   * @param form everything submitted with the completion
   */
  record Submitted(String user, String decision, String comment, Map<String, Object> form) {}

  Submitted read(DelegateTask task) {
    String user = Deciders.check(task);
    Map<String, Object> form = SubmittedForms.of(task);
    Object decision = form.get(ApprovalService.FORM_DECISION);
    Object comment = form.get(ApprovalService.FORM_COMMENT);
    return new Submitted(user, decision == null ? "" : decision.toString(),
        comment == null ? "" : comment.toString().strip(), form);
  }

  /**
   * One entry of a run's decisions.
   *
   * @param nodeId the node whose trail the entry belongs to (a gate, or the agent task a
   *     budget override stands in front of)
   * @param taskKey the user task's id (the gate, or {@code <node>__override})
   * @param action {@link GateDecisions#DECIDED}, {@link GateDecisions#ESCALATED} or {@link
   *     GateDecisions#TIMED_OUT}
   * @param outcome what the gateway routes on; null for an escalation (nothing to route)
   * @param shown the display copy in the variable {@code <taskKey>}; null to leave it
   * @param entry the record's JSON (the audit trail's line)
   * @param auditType the audit log's event type
   * @param auditDetails the audit event's details
   */
  record Entry(String nodeId, String taskKey, String taskId, String action, String decision,
      String outcome, String user, Instant at, int level, ObjectNode shown, ObjectNode entry,
      String auditType, ObjectNode auditDetails) {}

  void record(DelegateExecution execution, Entry e) {
    String runId = execution.getProcessInstanceId();
    decisions.record(new GateDecisions.Entry(runId, execution.getTenantId(), e.nodeId(),
        e.taskKey(), e.taskId(), e.action(), e.decision(), e.outcome(), e.user(), e.at(),
        e.level(), e.entry()));
    audit.append(new AuditEvent(e.auditType(), e.user(), execution.getTenantId(), "gate",
        e.taskKey(), runId, e.auditDetails()));
    if (e.shown() != null) {
      execution.setVariable(e.taskKey(), JsonValues.toVariable(e.shown()));
    }
    if (e.outcome() != null) {
      execution.setVariable(BpmnConventions.outcomeVariable(e.taskKey()), e.outcome());
    }
    copyAudit(execution, e.nodeId());
  }

  /** The submitted form's fields leave the run once the decision is recorded. */
  void clearForm(DelegateExecution execution, String... fields) {
    for (String field : fields) {
      execution.removeVariable(field);
    }
  }

  /** The display copy of a node's trail for Cockpit: the table's entries, as they are now. */
  private void copyAudit(DelegateExecution execution, String nodeId) {
    ArrayNode trail = decisions.ofRun(execution.getProcessInstanceId()).auditByNode()
        .getOrDefault(nodeId, JSON.createArrayNode());
    execution.setVariable(BpmnConventions.auditVariable(nodeId), JsonValues.toVariable(trail));
  }

  static String workflowOf(DelegateExecution execution) {
    return execution.getProcessDefinitionId().split(":")[0];
  }
}
