package dev.baton.observe;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricScopeInstanceEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricActivityInstanceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricProcessInstanceEntity;
import org.camunda.bpm.engine.impl.pvm.runtime.ActivityInstanceState;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The engine's side of a run's trace: a span {@code baton.node <id>} for every node that ends
 * (from its start to its end as history recorded them: an agent task's includes its wait for a
 * worker, a gate's its wait for a human), and {@code baton.run <workflow>} when the run ends.
 * Gateways and start events are left out: they take no time and say nothing.
 */
final class NodeSpans extends CommittedEvents {

  private final RunTracing tracing;
  private final RunTraceCache traces;

  NodeSpans(RunTracing tracing, RunTraceCache traces) {
    this.tracing = tracing;
    this.traces = traces;
  }

  @Override
  protected Runnable onCommit(HistoryEvent event) {
    String type = event.getEventType();
    if (event instanceof HistoricActivityInstanceEventEntity activity
        && HistoryEventTypes.ACTIVITY_INSTANCE_END.getEventName().equals(type)
        && shown(activity.getActivityType())) {
      Traceparent parent = traces.of(event.getProcessInstanceId());
      Instant start = startOf(activity, HistoricActivityInstanceEntity.class);
      if (parent == null || start == null) {
        return null;
      }
      Instant end = endOf(activity);
      Map<String, Object> tags = tags(event, activity.getTenantId());
      tags.put("baton.node.id", activity.getActivityId());
      tags.put("baton.node.type", activity.getActivityType());
      tags.put("baton.node.state", activity.getActivityInstanceState()
          == ActivityInstanceState.CANCELED.getStateCode() ? "canceled" : "completed");
      return () -> tracing.pastSpan(parent, "baton.node " + activity.getActivityId(), start,
          end, tags);
    }
    if (event instanceof HistoricProcessInstanceEventEntity run
        && HistoryEventTypes.PROCESS_INSTANCE_END.getEventName().equals(type)) {
      Traceparent parent = traces.of(event.getProcessInstanceId());
      Instant start = startOf(run, HistoricProcessInstanceEntity.class);
      String runId = event.getProcessInstanceId();
      if (parent == null || start == null) {
        return () -> traces.forget(runId);
      }
      Instant end = endOf(run);
      Map<String, Object> tags = tags(event, run.getTenantId());
      tags.put("baton.run.state", run.getState() == null ? "" : run.getState());
      return () -> {
        tracing.pastSpan(parent, "baton.run " + workflowOf(event), start, end, tags);
        traces.forget(runId);
      };
    }
    return null;
  }

  private static boolean shown(String activityType) {
    return activityType != null && !activityType.endsWith("Gateway")
        && !activityType.equals("startEvent") && !activityType.equals("multiInstanceBody");
  }

  private static Map<String, Object> tags(HistoryEvent event, String tenant) {
    Map<String, Object> tags = new LinkedHashMap<>();
    tags.put("baton.run.id", event.getProcessInstanceId());
    tags.put("baton.workflow", workflowOf(event));
    tags.put("baton.tenant", tenant == null ? "" : tenant);
    return tags;
  }

  /** The start: on the event when the engine had it at hand, else from its history row. */
  static <T extends HistoricScopeInstanceEvent> Instant startOf(
      HistoricScopeInstanceEvent event, Class<T> stored) {
    Date start = event.getStartTime();
    CommandContext command = Context.getCommandContext();
    if (start == null && command != null) {
      T row = command.getDbEntityManager().selectById(stored, event.getId());
      start = row == null ? null : row.getStartTime();
    }
    return start == null ? null : start.toInstant();
  }

  static Instant endOf(HistoricScopeInstanceEvent event) {
    return (event.getEndTime() != null ? event.getEndTime() : ClockUtil.getCurrentTime())
        .toInstant();
  }
}
