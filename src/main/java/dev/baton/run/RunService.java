package dev.baton.run;

import dev.baton.contract.JsonValues;

import static dev.baton.contract.BpmnConventions.VAR_FAILED_NODE;
import static dev.baton.contract.BpmnConventions.VAR_INPUT;
import static dev.baton.contract.BpmnConventions.VAR_OUTCOME;
import static dev.baton.contract.BpmnConventions.VAR_PRIORITY;
import static dev.baton.contract.BpmnConventions.VAR_WORKFLOW;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.audit.AuditEvent;
import dev.baton.audit.AuditLog;
import dev.baton.contract.BpmnConventions;
import dev.baton.observe.RunTracing;
import dev.baton.problem.BadRequestException;
import dev.baton.problem.ConflictException;
import dev.baton.security.Caller;
import dev.baton.security.EngineIdentity;
import dev.baton.workflow.WorkflowService;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.ExternalTaskService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Starts, reads, aborts and retries runs. */
@Service
public class RunService {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final WorkflowService workflows;
  private final RuntimeService runtime;
  private final HistoryService history;
  private final EngineIdentity engine;
  private final ManagementService management;
  private final ExternalTaskService externalTasks;
  private final RunStatusReader statusReader;
  private final AuditLog audit;
  private final RunTracing tracing;
  private final dev.baton.privacy.Privacy privacy;

  RunService(WorkflowService workflows, RuntimeService runtime, HistoryService history,
      EngineIdentity engine, ManagementService management, ExternalTaskService externalTasks,
      RunStatusReader statusReader, AuditLog audit, RunTracing tracing,
      dev.baton.privacy.Privacy privacy) {
    this.privacy = privacy;
    this.tracing = tracing;
    this.audit = audit;
    this.workflows = workflows;
    this.runtime = runtime;
    this.history = history;
    this.engine = engine;
    this.management = management;
    this.externalTasks = externalTasks;
    this.statusReader = statusReader;
  }

  /**
   * Starts a run of the latest version of a workflow. The run is queued: its first step runs on
   * the job executor, so this returns at once.
   *
   * @param caller who starts it: the engine checks they may (and in which tenant), and records
   *     them as the start user
   * @param input the run's input, a JSON object (null for none)
   */
  @Transactional // the run and its audit entry are committed together
  public RunStarted start(Caller caller, String workflowId, JsonNode input, int priority) {
    return start(caller, workflowId, input, priority, null);
  }

  /**
   * As {@link #start(Caller, String, JsonNode, int)}, with {@code note} added to the audit
   * entry (a child run's parent).
   */
  @Transactional
  RunStarted start(Caller caller, String workflowId, JsonNode input, int priority,
      com.fasterxml.jackson.databind.node.ObjectNode note) {
    if (input != null && !input.isNull() && !input.isObject()) {
      throw new BadRequestException("input_data must be a JSON object, not " + input.getNodeType()
          .toString().toLowerCase());
    }
    // stored as given, or with its PII masked under baton.privacy.redact-input
    JsonNode data = input == null || input.isNull() ? JSON.createObjectNode()
        : privacy.input(input);
    // the run's trace begins here, a child of the request's
    RunTracing.RunStart trace = tracing.beginRun(workflowId);
    ProcessInstance instance;
    try {
      instance = engine.as(caller, () -> {
        ProcessDefinition definition = workflows.latest(workflowId);
        var start = runtime.createProcessInstanceById(definition.getId())
            .setVariable(VAR_INPUT, JsonValues.toVariable(data))
            .setVariable(VAR_PRIORITY, priority)
            .setVariable(VAR_WORKFLOW, workflowId);
        if (trace.traceparent() != null) {
          start.setVariable(BpmnConventions.VAR_TRACEPARENT, trace.traceparent());
        }
        return start.execute();
      });
    } catch (RuntimeException e) {
      trace.failed(e);
      throw e;
    }
    trace.started(instance.getId(), instance.getTenantId());
    audit.append(new AuditEvent("run.started", caller.userId(), instance.getTenantId(),
        "workflow", workflowId, instance.getId(),
        JSON.createObjectNode().put("priority", priority).setAll(note == null
            ? JSON.createObjectNode() : note)));
    return new RunStarted(instance.getId(), workflowId, "queued");
  }

  /** A run's status, if the caller may read that workflow's runs (else: no such run). */
  public RunStatus status(Caller caller, String runId) {
    return engine.as(caller, () -> statusReader.read(runId));
  }

  /**
   * Refuses (as "no such run") unless the caller may read the run: for what Baton keeps about a
   * run outside the engine (ledger, journal, audit), the engine's authorization still decides.
   */
  public void requireReadable(Caller caller, String runId) {
    engine.run(caller, () -> statusReader.instance(runId));
  }

  /** Ends a run that has not ended yet; its open tasks and timers are deleted. */
  @Transactional
  public RunStatus abort(Caller caller, String runId, String reason) {
    return engine.as(caller, () -> {
      HistoricProcessInstance instance = statusReader.instance(runId);
      if (instance.getEndTime() != null) {
        throw new ConflictException("run " + runId + " has already ended ("
            + statusReader.read(runId).status() + "); only a running run can be aborted");
      }
      String why = "aborted by " + caller.userId()
          + (reason == null || reason.isBlank() ? "" : ": " + reason);
      runtime.deleteProcessInstance(runId, why, false, true);
      audit.append(new AuditEvent("run.aborted", caller.userId(), instance.getTenantId(),
          "workflow", instance.getProcessDefinitionKey(), runId,
          JSON.createObjectNode().put("reason", why)));
      return statusReader.read(runId);
    });
  }

  /**
   * Retries a failed run from where it failed. A run stuck on incidents gets its failed tasks
   * and jobs one more attempt (what "retry" does in Cockpit); a run that ended failed or
   * rejected is restarted as a new run before the node that failed, with the variables it had,
   * so earlier nodes are not paid for again.
   */
  @Transactional
  public RunStatus retry(Caller caller, String runId) {
    String restarted = engine.as(caller, () -> retryAsCaller(caller, runId));
    if (!restarted.equals(runId)) {
      // Baton's bookkeeping on the restarted run (not the caller's to write): its failure from
      // before is history now
      runtime.removeVariables(restarted,
          List.of(VAR_OUTCOME, VAR_FAILED_NODE, BpmnConventions.VAR_FAILURE_REASON));
    }
    return engine.as(caller, () -> statusReader.read(restarted));
  }

  /** @return the run that goes on: the same one, or the restarted copy of an ended one */
  private String retryAsCaller(Caller caller, String runId) {
    HistoricProcessInstance instance = statusReader.instance(runId);
    if (instance.getEndTime() == null) {
      List<Incident> incidents = runtime.createIncidentQuery().processInstanceId(runId).list();
      if (incidents.isEmpty()) {
        throw new ConflictException("run " + runId + " has not failed: it has no incident to "
            + "retry");
      }
      for (Incident incident : incidents) {
        if (Incident.EXTERNAL_TASK_HANDLER_TYPE.equals(incident.getIncidentType())) {
          externalTasks.setRetries(incident.getConfiguration(), 1);
        } else if (Incident.FAILED_JOB_HANDLER_TYPE.equals(incident.getIncidentType())) {
          management.setJobRetries(incident.getConfiguration(), 1);
        }
      }
      audit.append(new AuditEvent("run.retried", caller.userId(), instance.getTenantId(),
          "workflow", instance.getProcessDefinitionKey(), runId, JSON.createObjectNode()
              .put("incidents", incidents.size())));
      return runId;
    }
    String failedNode = variable(runId, VAR_FAILED_NODE);
    if (variable(runId, VAR_OUTCOME) == null || failedNode == null) {
      throw new ConflictException("run " + runId + " did not fail ("
          + statusReader.read(runId).status() + "); there is nothing to retry");
    }
    String restartAt = workflows.spec(workflows.latest(instance.getProcessDefinitionKey()))
        == null ? failedNode : entryOf(instance, failedNode);
    runtime.restartProcessInstances(instance.getProcessDefinitionId())
        .startBeforeActivity(restartAt)
        .processInstanceIds(runId)
        .execute();
    String restarted = history.createHistoricProcessInstanceQuery()
        .processDefinitionId(instance.getProcessDefinitionId())
        .orderByProcessInstanceStartTime().desc().listPage(0, 20).stream()
        .filter(p -> runId.equals(p.getRestartedProcessInstanceId()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("restart of " + runId + " left no run"))
        .getId();
    audit.append(new AuditEvent("run.retried", caller.userId(), instance.getTenantId(),
        "workflow", instance.getProcessDefinitionKey(), restarted, JSON.createObjectNode()
            .put("retried_from", runId).put("restarted_at", restartAt)));
    return restarted;
  }

  /** An agent task starts at its budget check; every other node at itself. */
  private String entryOf(HistoricProcessInstance instance, String nodeId) {
    String budget = nodeId + BpmnConventions.SEP + "budget";
    boolean hasBudget = !history.createHistoricActivityInstanceQuery()
        .processInstanceId(instance.getId()).activityId(budget).list().isEmpty();
    return hasBudget ? budget : nodeId;
  }

  private String variable(String runId, String name) {
    HistoricVariableInstance v = history.createHistoricVariableInstanceQuery()
        .processInstanceId(runId).variableName(name).singleResult();
    return v == null || v.getValue() == null ? null : v.getValue().toString();
  }
}
