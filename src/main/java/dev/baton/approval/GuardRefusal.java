package dev.baton.approval;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.baton.audit.AuditEvent;
import dev.baton.problem.ForbiddenException;
import org.camunda.bpm.engine.AuthorizationException;

/**
 * A change to a gate, a run's course or its record that Baton's engine guards refuse: someone
 * other than a candidate deciding, variables beyond the form's fields, a process-instance
 * modification by a non-admin, ... The attempt is audited (in a transaction of its own, since
 * the refused command's is rolled back) and answered 403 ({@link RefusalTranslation}).
 */
class GuardRefusal extends ForbiddenException {

  private final transient AuditEvent attempt;

  /**
   * @param action the audit action of the attempt, e.g. {@code gate.decision_refused}
   * @param user who attempted it, or null
   * @param resourceId the gate, task or run concerned
   */
  GuardRefusal(String action, String user, String resourceId, String runId, String message) {
    super(message);
    this.attempt = new AuditEvent(action, user == null ? "anonymous" : user, null,
        action.substring(0, action.indexOf('.')), resourceId, runId,
        JsonNodeFactory.instance.objectNode().put("refused", message));
  }

  AuditEvent attempt() {
    return attempt;
  }

  /**
   * As thrown inside an engine command: an {@link AuthorizationException}, which the engine
   * logs as the caller's mistake (debug) rather than as its own failure (error, with a stack
   * trace); this refusal stays its cause, for {@link RefusalTranslation}.
   */
  AuthorizationException forEngine() {
    AuthorizationException e = new AuthorizationException(getMessage());
    e.initCause(this);
    return e;
  }
}
