package dev.baton.observe;

import dev.baton.contract.BpmnConventions;
import org.camunda.bpm.engine.history.ExternalTaskState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricExternalTaskLogEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricIncidentEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricJobLogEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricTaskInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The run's events as one log line each (logger {@code dev.baton.observe.RunEventLog}), from
 * what the engine commits, on whichever node or thread that happens: run started and ended,
 * node retried and failed (external tasks and jobs), incident raised, approval decided, budget
 * refused. Every line carries the run, the node, the tenant and the trace id.
 */
final class RunEventLog extends CommittedEvents {

  private static final Logger log = LoggerFactory.getLogger(RunEventLog.class);

  /** The approval form's field with the decision (Tasklist and the API submit the same). */
  private static final String DECISION = "decision";

  private final RunTraceCache traces;
  /** A gate's decision per run, from its variable event until its task's completion event. */
  private final java.util.Map<String, String> decisions =
      new java.util.concurrent.ConcurrentHashMap<>();

  RunEventLog(RunTraceCache traces) {
    this.traces = traces;
  }

  @Override
  protected Runnable onCommit(HistoryEvent event) {
    String type = event.getEventType();
    String runId = event.getProcessInstanceId();
    if (event instanceof HistoricProcessInstanceEventEntity run) {
      if (HistoryEventTypes.PROCESS_INSTANCE_START.getEventName().equals(type)) {
        // the start variables (REST) are set after this event: read the trace before commit
        traces.learnBeforeCommit(runId);
        return () -> line("run.started", event, run.getTenantId(), null, traceOnCommit(runId))
            .with("started_by", run.getStartUserId()).log(log, Level.INFO);
      }
      if (HistoryEventTypes.PROCESS_INSTANCE_END.getEventName().equals(type)) {
        EventLine line = line("run.ended", event, run.getTenantId(), null, trace(runId))
            .with("state", "EXTERNALLY_TERMINATED".equals(run.getState()) ? "aborted"
                : "completed")
            .with("duration_ms", durationOf(run));
        return () -> line.log(log, Level.INFO);
      }
    } else if (event instanceof HistoricExternalTaskLogEntity task
        && (HistoryEventTypes.EXTERNAL_TASK_FAIL.getEventName().equals(type)
            || task.getState() == ExternalTaskState.FAILED.getStateCode())) {
      int retries = task.getRetries() == null ? 0 : task.getRetries();
      EventLine line = line(retries > 0 ? "node.retry" : "node.failed", event,
          task.getTenantId(), task.getActivityId(), trace(runId))
          .with("task", task.getExternalTaskId()).with("retries_left", retries);
      return () -> line.log(log, retries > 0 ? Level.INFO : Level.WARN);
    } else if (event instanceof HistoricJobLogEvent job
        && HistoryEventTypes.JOB_FAIL.getEventName().equals(type) && runId != null) {
      int retries = job.getJobRetries();
      String node = job.getFailedActivityId() != null ? job.getFailedActivityId()
          : job.getActivityId();
      EventLine line = line(retries > 0 ? "node.retry" : "node.failed", event,
          job.getTenantId(), node, trace(runId)).with("job", job.getJobId())
          .with("retries_left", retries);
      return () -> line.log(log, retries > 0 ? Level.INFO : Level.WARN);
    } else if (event instanceof HistoricIncidentEventEntity incident
        && HistoryEventTypes.INCIDENT_CREATE.getEventName().equals(type)) {
      EventLine line = line("incident.created", event, incident.getTenantId(),
          incident.getActivityId(), trace(runId)).with("incident", incident.getId())
          .with("incident_type", incident.getIncidentType());
      return () -> line.log(log, Level.WARN);
    } else if (event instanceof HistoricTaskInstanceEventEntity task
        && HistoryEventTypes.TASK_INSTANCE_COMPLETE.getEventName().equals(type)
        && runId != null) {
      EventLine line = line("approval.decided", event, task.getTenantId(),
          task.getTaskDefinitionKey(), trace(runId))
          .with("decision", decisions.remove(runId))
          .with("decided_by", deciderOf(task))
          .with("waited_ms", task.getDurationInMillis());
      return () -> line.log(log, Level.INFO);
    } else if (event instanceof HistoricVariableUpdateEventEntity variable
        && DECISION.equals(variable.getVariableName()) && runId != null
        && variable.getTextValue() != null && variable.getTextValue().matches("[a-z_]{1,40}")) {
      // the form's decision, written just before the task completes (and cleared after)
      decisions.put(runId, variable.getTextValue());
    } else if (event instanceof HistoricVariableUpdateEventEntity variable
        && HistoryEventTypes.VARIABLE_INSTANCE_CREATE.getEventName().equals(type)) {
      if (BpmnConventions.VAR_BUDGET_ERROR.equals(variable.getVariableName())) {
        EventLine line = line("budget.refused", event, variable.getTenantId(), null,
            trace(runId)).with("reason", variable.getTextValue());
        return () -> line.log(log, Level.WARN);
      }
      if (BpmnConventions.VAR_FAILED_NODE.equals(variable.getVariableName())) {
        EventLine line = line("run.failed", event, variable.getTenantId(),
            variable.getTextValue(), trace(runId));
        return () -> line.log(log, Level.WARN);
      }
    }
    return null;
  }

  /** The run's duration: on the event when the engine had its start at hand, else computed. */
  private static Long durationOf(HistoricProcessInstanceEventEntity run) {
    if (run.getDurationInMillis() != null) {
      return run.getDurationInMillis();
    }
    java.time.Instant start = NodeSpans.startOf(run,
        org.camunda.bpm.engine.impl.persistence.entity.HistoricProcessInstanceEntity.class);
    return start == null ? null
        : Math.max(0, NodeSpans.endOf(run).toEpochMilli() - start.toEpochMilli());
  }

  private static EventLine line(String name, HistoryEvent event, String tenant, String node,
      String trace) {
    return EventLine.of(name).with("run", event.getProcessInstanceId())
        .with("workflow", workflowOf(event)).with("node", node).with("tenant", tenant)
        .with("trace", trace);
  }

  private String trace(String runId) {
    Traceparent context = traces.of(runId);
    return context == null ? null : context.traceId();
  }

  private String traceOnCommit(String runId) {
    Traceparent context = traces.known(runId);
    return context == null ? null : context.traceId();
  }

  /** Who completed the task: the engine's authenticated user (the API acts as the caller). */
  private static String deciderOf(HistoricTaskInstanceEventEntity task) {
    CommandContext command = Context.getCommandContext();
    String user = command == null ? null : command.getAuthenticatedUserId();
    return user != null ? user : task.getAssignee();
  }
}
