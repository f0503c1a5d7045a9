package dev.baton.metrics;

import dev.baton.contract.BpmnConventions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricTaskInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricScopeInstanceEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricActivityInstanceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricProcessInstanceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricTaskInstanceEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import dev.baton.observe.CommittedEvents;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.pvm.runtime.ActivityInstanceState;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * Counts what the engine records, once it is committed (a rolled-back step counts nothing):
 *
 * <ul>
 *   <li>{@code baton.runs.started{workflow}}, {@code baton.runs.ended{workflow,state}} ({@code
 *       completed}, {@code aborted}), {@code baton.runs.failed{workflow}} (the run's outcome
 *       set: a failure, a rejection, a timeout) and {@code
 *       workflow.execution.duration{workflow_type}}, {@code baton.budget.refusals{workflow}}
 *       (runs the budget stopped);
 *   <li>{@code workflow.tasks.completed{agent_type,workflow_id,status}} and {@code
 *       baton.agent.task.duration{agent_type,workflow_id}} for every agent task that ends;
 *   <li>{@code baton.approvals.decision.duration{workflow,kind}} ({@code gate}, {@code
 *       budget_override}) from a human task's creation to its completion.
 * </ul>
 */
final class RunMetrics extends CommittedEvents {

  private final MeterRegistry meters;
  /** Agent type per deployed activity: deployed BPMN never changes, so caching it is safe. */
  private final Map<String, String> agentTypes = new ConcurrentHashMap<>();

  RunMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  @Override
  protected Runnable onCommit(HistoryEvent event) {
    String type = event.getEventType();
    String workflow = workflowOf(event);
    if (event instanceof HistoricProcessInstanceEventEntity run) {
      if (HistoryEventTypes.PROCESS_INSTANCE_START.getEventName().equals(type)) {
        return () -> meters.counter("baton.runs.started", "workflow", workflow).increment();
      }
      if (HistoryEventTypes.PROCESS_INSTANCE_END.getEventName().equals(type)) {
        String state = "EXTERNALLY_TERMINATED".equals(run.getState()) ? "aborted" : "completed";
        Long millis = durationOf(run, HistoricProcessInstanceEntity.class);
        return () -> {
          meters.counter("baton.runs.ended", "workflow", workflow, "state", state).increment();
          if (millis != null) {
            Timer.builder("workflow.execution.duration").tag("workflow_type", workflow)
                .register(meters).record(Duration.ofMillis(millis));
          }
        };
      }
    } else if (event instanceof HistoricVariableUpdateEventEntity variable
        && BpmnConventions.VAR_BUDGET_ERROR.equals(variable.getVariableName())
        && HistoryEventTypes.VARIABLE_INSTANCE_CREATE.getEventName().equals(type)) {
      // the budget stopped the run: its decision table denied, or a reservation did not fit
      return () -> meters.counter("baton.budget.refusals", "workflow", workflow).increment();
    } else if (event instanceof HistoricVariableUpdateEventEntity variable
        && BpmnConventions.VAR_OUTCOME.equals(variable.getVariableName())
        && variable.getTextValue() != null // any outcome is a failure's (as on run status)
        && !HistoryEventTypes.VARIABLE_INSTANCE_DELETE.getEventName().equals(type)) {
      return () -> meters.counter("baton.runs.failed", "workflow", workflow).increment();
    } else if (event instanceof HistoricActivityInstanceEventEntity activity
        && HistoryEventTypes.ACTIVITY_INSTANCE_END.getEventName().equals(type)
        && "serviceTask".equals(activity.getActivityType())) {
      String agentType = agentType(activity.getProcessDefinitionId(), activity.getActivityId());
      if (agentType == null) {
        return null;
      }
      String status = activity.getActivityInstanceState()
          == ActivityInstanceState.CANCELED.getStateCode() ? "canceled" : "success";
      Long millis = durationOf(activity, HistoricActivityInstanceEntity.class);
      return () -> {
        meters.counter("workflow.tasks.completed", "agent_type", agentType,
            "workflow_id", workflow, "status", status).increment();
        if (millis != null) {
          Timer.builder("baton.agent.task.duration").tag("agent_type", agentType)
              .tag("workflow_id", workflow).register(meters).record(Duration.ofMillis(millis));
        }
      };
    } else if (event instanceof HistoricTaskInstanceEventEntity task
        && HistoryEventTypes.TASK_INSTANCE_COMPLETE.getEventName().equals(type)) {
      String kind = task.getTaskDefinitionKey() != null
          && task.getTaskDefinitionKey().endsWith(BpmnConventions.SEP + "override")
          ? "budget_override" : "gate";
      Long millis = durationOf(task, HistoricTaskInstanceEntity.class);
      if (millis == null) {
        return null;
      }
      return () -> Timer.builder("baton.approvals.decision.duration").tag("workflow", workflow)
          .tag("kind", kind).register(meters).record(Duration.ofMillis(millis));
    }
    return null;
  }

  /**
   * How long a run, an activity or a task took. An end event carries it only when the engine
   * had the start at hand; otherwise the start is read from the history row it updates, in the
   * same transaction.
   */
  private static <T extends HistoricScopeInstanceEvent> Long durationOf(
      HistoricScopeInstanceEvent event, Class<T> stored) {
    if (event.getDurationInMillis() != null) {
      return event.getDurationInMillis();
    }
    Date start = event.getStartTime();
    CommandContext command = Context.getCommandContext();
    if (start == null && command != null) {
      T row = command.getDbEntityManager().selectById(stored, event.getId());
      start = row == null ? null : row.getStartTime();
    }
    Date end = event.getEndTime() != null ? event.getEndTime() : ClockUtil.getCurrentTime();
    return start == null ? null : Math.max(0, end.getTime() - start.getTime());
  }

  /** The node's agent type ({@code baton.agent_type}), or null when it is no agent task. */
  private String agentType(String definitionId, String activityId) {
    String key = definitionId + "#" + activityId;
    String known = agentTypes.get(key);
    if (known != null) {
      return known.isEmpty() ? null : known;
    }
    String found = "";
    BpmnModelInstance model = Context.getProcessEngineConfiguration().getDeploymentCache()
        .findBpmnModelInstanceForProcessDefinition(definitionId);
    if (model != null && model.getModelElementById(activityId) instanceof BaseElement element
        && element.getExtensionElements() != null) {
      for (CamundaProperties properties : element.getExtensionElements().getElementsQuery()
          .filterByType(CamundaProperties.class).list()) {
        for (CamundaProperty property : properties.getCamundaProperties()) {
          if (BpmnConventions.PROP_AGENT_TYPE.equals(property.getCamundaName())
              && property.getCamundaValue() != null) {
            found = property.getCamundaValue().toLowerCase(Locale.ROOT);
          }
        }
      }
    }
    agentTypes.put(key, found);
    return found.isEmpty() ? null : found;
  }
}
