package dev.baton.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.BatonProperties;
import dev.baton.contract.BpmnConventions;
import dev.baton.contract.JsonValues;
import dev.baton.llm.LlmException;
import dev.baton.privacy.Privacy;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells the engine how an agent task that did not complete ended: over budget (the run's
 * budget watch stops it), waiting out its provider, retried later, failed for good (an
 * incident, the node's failure edge, or its output under partial completion). Each report is
 * repeated on a concurrent change of the run, never the model call.
 */
@Component
class TaskOutcomes {

  private static final Logger log = LoggerFactory.getLogger(TaskOutcomes.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EngineTasks externalTasks;
  private final ProviderPatience patience;
  private final IncidentLog incidents;
  private final BatonProperties.Worker settings;
  private final Privacy privacy;

  TaskOutcomes(EngineTasks externalTasks, ProviderPatience patience, IncidentLog incidents,
      BatonProperties properties, Privacy privacy) {
    this.externalTasks = externalTasks;
    this.patience = patience;
    this.incidents = incidents;
    this.settings = properties.worker();
    this.privacy = privacy;
  }

  /**
   * Tells the engine how a task ended. A concurrent change to the same run (a sibling branch
   * completing, the run being stopped) makes it fail with an optimistic-locking conflict, or,
   * when the sibling's transaction already removed the execution this task's branch hangs from,
   * with Camunda's "cannot resolve parent ... perhaps it was deleted in the meantime": the report
   * is tried again, never the model call. A task that is gone meanwhile ends the matter.
   */
  static void report(Runnable engineCall) {
    for (int attempt = 1; ; attempt++) {
      try {
        if (attempt < REPORT_ATTEMPTS) {
          // Camunda's ERROR line for a conflict would announce a failure that is retried here
          RetriedConflictLogFilter.retried(engineCall);
        } else {
          engineCall.run();
        }
        return;
      } catch (ProcessEngineException e) {
        if (!isConcurrentChange(e) || attempt == REPORT_ATTEMPTS) {
          throw e;
        }
        log.debug("Report of an agent task met a concurrent change of its run ({}); reporting "
            + "again", e.getMessage());
        try {
          Thread.sleep(20L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  static boolean isConcurrentChange(ProcessEngineException e) {
    return e instanceof OptimisticLockingException
        || (!(e instanceof BadUserRequestException) && e.getMessage() != null
            && e.getMessage().startsWith(PARENT_DELETED_MEANWHILE));
  }

  // EnginePersistenceLogger.resolveParentOfExecutionFailedException: a sibling's transaction
  // committed first and restructured or removed the parent execution
  private static final String PARENT_DELETED_MEANWHILE = "ENGINE-03077";

  private static final int REPORT_ATTEMPTS = 5;

  /** Over budget: the run's budget watch stops the run with the reason. */
  void stopOverBudget(LockedExternalTask task, String workerId, AgentCall call,
      String reason) {
    report(() -> externalTasks.handleBpmnError(task.getId(), workerId,
        BpmnConventions.BUDGET_EXCEEDED, reason, Map.of(BpmnConventions.VAR_FAILED_NODE,
            call.nodeId(), BpmnConventions.VAR_BUDGET_ERROR, reason)));
  }

  /**
   * A transient model failure: the task waits out the provider (its retries spent only when
   * the failure was its own call's), or becomes an incident when its patience or retries are
   * used up ({@link ProviderPatience}).
   */
  void waitForProvider(LockedExternalTask task, String workerId, AgentCall call,
      LlmException failure) {
    ProviderPatience.Verdict verdict = patience.judge(call, task, failure);
    // failure messages become incident messages, error details and failure outputs: history
    String message = privacy.message(verdict.message());
    String details = privacy.message(failure.getMessage());
    if (verdict.waits()) {
      log.debug("Agent task {} of node {} waits {} ms for the provider: {}", task.getId(),
          call.nodeId(), verdict.waitMs(), failure.getMessage());
      report(() -> externalTasks.handleFailure(task.getId(), workerId,
          truncate(message), details, verdict.retries(), verdict.waitMs()));
    } else if (call.continueOnFailure()) {
      continueWithout(task, workerId, call, message);
    } else {
      report(() -> externalTasks.handleFailure(task.getId(), workerId,
          truncate(message), details, 0, 0));
      incidents.raised(task, call.nodeId(), verdict.incident(), message);
    }
  }

  /** @param retryAfter the wait a provider asked for, when longer than the usual backoff */
  void retryLater(LockedExternalTask task, String workerId, AgentCall call,
      String failure, Duration retryAfter) {
    String message = privacy.message(failure);
    long backoff = Math.max(settings.retryBackoff().toMillis(),
        retryAfter == null ? 0 : retryAfter.toMillis());
    int retries = task.getRetries() == null ? settings.retries() - 1 : task.getRetries() - 1;
    if (retries <= 0 && call.continueOnFailure()) {
      continueWithout(task, workerId, call, message + " (retries exhausted)");
      return;
    }
    String advice = retries > 0 ? message
        : message + " - retries exhausted; fix the cause, then retry the run (Cockpit or POST "
            + "/api/workflows/runs/{id}/retry)";
    report(() -> externalTasks.handleFailure(task.getId(), workerId, truncate(advice), message,
        Math.max(retries, 0), backoff));
    if (retries <= 0) {
      incidents.raised(task, call.nodeId(), IncidentLog.Cause.RETRIES_EXHAUSTED, advice);
    }
  }

  void failPermanently(LockedExternalTask task, String workerId, AgentCall call,
      String failure) {
    String message = privacy.message(failure);
    if (call.continueOnFailure()) {
      continueWithout(task, workerId, call, message);
    } else if (call.routeFailure()) {
      ObjectNode output = JSON.createObjectNode().put("error", message);
      report(() -> externalTasks.handleBpmnError(task.getId(), workerId,
          BpmnConventions.AGENT_FAILED, message,
          Map.of(call.nodeId(), JsonValues.toVariable(output))));
    } else {
      String advice = message + " - not retried: this failure is permanent; fix the cause, then "
          + "retry the run";
      report(() -> externalTasks.handleFailure(task.getId(), workerId, truncate(advice),
          message, 0, 0));
      incidents.raised(task, call.nodeId(), IncidentLog.Cause.PERMANENT, advice);
    }
  }

  /**
   * A non-critical task of a workflow that allows partial completion: the failure becomes the
   * node's output ({@code error}, {@code status: failed}) and the run goes on; its status shows
   * the node failed and the run ends partially_completed.
   */
  private void continueWithout(LockedExternalTask task, String workerId, AgentCall call,
      String message) {
    ObjectNode output = JSON.createObjectNode().put("error", message).put("status", "failed")
        .put("critical", false);
    report(() -> externalTasks.complete(task.getId(), workerId,
        Map.of(call.nodeId(), JsonValues.toVariable(output))));
  }

  // incident messages are stored in a 4000-character column
  private static String truncate(String message) {
    return message.length() > 3900 ? message.substring(0, 3900) + "..." : message;
  }
}
