package dev.baton.run;

import dev.baton.contract.JsonValues;

import static dev.baton.contract.BpmnConventions.VAR_FAILED_NODE;
import static dev.baton.contract.BpmnConventions.VAR_FAILURE_REASON;
import static dev.baton.contract.BpmnConventions.VAR_INPUT;
import static dev.baton.contract.BpmnConventions.VAR_OUTCOME;
import static dev.baton.contract.BpmnConventions.VAR_PRIORITY;
import static dev.baton.contract.BpmnConventions.VAR_SLA_BREACHED;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.approval.GateDecisions;
import dev.baton.budget.CostReport;
import dev.baton.contract.BpmnConventions;
import dev.baton.problem.NotFoundException;
import dev.baton.run.RunStatus.NodeStatus;
import dev.baton.workflow.WorkflowService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.stereotype.Component;

/**
 * Reads a run's status from Camunda: the historic process instance, its activity instances
 * (one per node visit), its variables (node outputs) and open incidents; and the gates'
 * decisions, escalations and timeouts from Baton's record ({@link GateDecisions}), not from
 * the variables that copy them for Cockpit; for a run not ended, its external tasks (an agent
 * task waiting for its provider says so in its error message). Five or six queries, no copies
 * kept.
 */
@Component
class RunStatusReader {

  static final String PARTIALLY_COMPLETED = "partially_completed";

  private final HistoryService history;
  private final RuntimeService runtime;
  private final RepositoryService repository;
  private final WorkflowService workflows;
  private final CostReport costs;
  private final GateDecisions decisions;
  private final org.camunda.bpm.engine.ExternalTaskService externalTasks;
  private final RunLinks links;

  RunStatusReader(HistoryService history, RuntimeService runtime, RepositoryService repository,
      WorkflowService workflows, CostReport costs, GateDecisions decisions,
      org.camunda.bpm.engine.ExternalTaskService externalTasks, RunLinks links) {
    this.links = links;
    this.externalTasks = externalTasks;
    this.decisions = decisions;
    this.costs = costs;
    this.history = history;
    this.runtime = runtime;
    this.repository = repository;
    this.workflows = workflows;
  }

  HistoricProcessInstance instance(String runId) {
    HistoricProcessInstance instance =
        history.createHistoricProcessInstanceQuery().processInstanceId(runId).singleResult();
    if (instance == null) {
      throw new NotFoundException("no run '" + runId + "'");
    }
    return instance;
  }

  RunStatus read(String runId) {
    return read(runId, true);
  }

  /** @param withChildren false for a child's status in its parent's list (no deeper reads) */
  private RunStatus read(String runId, boolean withChildren) {
    HistoricProcessInstance instance = instance(runId);
    List<HistoricActivityInstance> activities = history.createHistoricActivityInstanceQuery()
        .processInstanceId(runId).orderPartiallyByOccurrence().asc().list();
    Map<String, Object> variables = new HashMap<>();
    for (HistoricVariableInstance v :
        history.createHistoricVariableInstanceQuery().processInstanceId(runId).list()) {
      if (v.getActivityInstanceId() == null
          || v.getActivityInstanceId().equals(runId)
          || !variables.containsKey(v.getName())) {
        variables.put(v.getName(), v.getValue());
      }
    }
    List<Incident> incidents = runtime.createIncidentQuery().processInstanceId(runId).list();
    ProcessDefinition definition =
        repository.getProcessDefinition(instance.getProcessDefinitionId());
    GateDecisions.RunRecord gates = decisions.ofRun(runId);

    Map<String, List<HistoricActivityInstance>> byActivity = activities.stream()
        .collect(Collectors.groupingBy(HistoricActivityInstance::getActivityId));
    Map<String, Incident> incidentByActivity = new HashMap<>();
    incidents.forEach(i -> incidentByActivity.putIfAbsent(i.getActivityId(), i));
    boolean ended = instance.getEndTime() != null;
    // agent tasks waiting out their provider's trouble: the wait's start is in their message
    Map<String, String> waiting = new HashMap<>();
    if (!ended) {
      externalTasks.createExternalTaskQuery().processInstanceId(runId).list().stream()
          .filter(t -> dev.baton.llm.ProviderWaits.since(t.getErrorMessage()).isPresent())
          .forEach(t -> waiting.put(t.getActivityId(), t.getErrorMessage()));
    }
    String failedNode = text(variables.get(VAR_FAILED_NODE));

    List<NodeStatus> nodes = new ArrayList<>();
    for (NodeRef node : nodesOf(definition, activities)) {
      nodes.add(nodeStatus(node, byActivity, incidentByActivity, variables, gates, ended,
          failedNode, waiting));
    }

    String status = runState(instance, activities, incidents, nodes, variables);
    String reason = switch (status) {
      case "failed" -> incidents.isEmpty()
          ? text(variables.get(VAR_FAILURE_REASON))
          : incidents.stream().map(i -> i.getActivityId() + ": " + i.getIncidentMessage())
              .collect(Collectors.joining("; "));
      case "aborted" -> instance.getDeleteReason();
      default -> null;
    };
    Object priority = variables.get(VAR_PRIORITY);
    CostReport.RunMoney money = costs.money(runId);
    return new RunStatus(
        runId,
        instance.getProcessDefinitionKey(),
        definition.getVersion(),
        status,
        JsonValues.toJson(variables.get(VAR_INPUT)),
        priority instanceof Number n ? n.intValue() : null,
        instance.getStartUserId(),
        instant(instance.getStartTime()),
        instant(instance.getEndTime()),
        "failed".equals(status)
            ? (failedNode != null ? failedNode : incidents.isEmpty() ? null
                : incidents.get(0).getActivityId())
            : null,
        reason,
        Boolean.TRUE.equals(variables.get(VAR_SLA_BREACHED)),
        money.spentUsd(),
        money.budgetUsd(),
        instance.getRestartedProcessInstanceId(),
        traceId(variables.get(BpmnConventions.VAR_TRACEPARENT)),
        money.spentWithChildrenUsd(),
        links.parentOf(runId).orElse(null),
        withChildren ? children(runId) : List.of(),
        nodes);
  }

  private List<RunStatus.ChildRun> children(String runId) {
    List<RunStatus.ChildRun> children = new ArrayList<>();
    for (RunLinks.Link link : links.children(runId)) {
      String status;
      try {
        status = read(link.runId(), false).status();
      } catch (NotFoundException e) {
        status = "unknown"; // a workflow the reader may not read (another tenant's)
      }
      children.add(new RunStatus.ChildRun(link.runId(), link.workflowId(), status,
          link.parentNodeId()));
    }
    return children;
  }

  /** The trace id of the run's context ({@code 00-<trace id>-<span id>-<flags>}), if any. */
  static String traceId(Object traceparent) {
    return traceparent instanceof String text && text.length() >= 35 && text.startsWith("00-")
        ? text.substring(3, 35) : null;
  }

  private String runState(HistoricProcessInstance instance, List<HistoricActivityInstance> acts,
      List<Incident> incidents, List<NodeStatus> nodes, Map<String, Object> variables) {
    String state = instance.getState();
    if (HistoricProcessInstance.STATE_EXTERNALLY_TERMINATED.equals(state)) {
      return "aborted";
    }
    if (instance.getEndTime() != null) {
      Object outcome = variables.get(VAR_OUTCOME);
      if (outcome != null) {
        return "failed";
      }
      // non-critical tasks that failed under allow_partial_completion let the run finish
      boolean partial = nodes.stream().anyMatch(n -> n.output() != null
          && "failed".equals(n.output().path("status").asText()));
      return partial ? PARTIALLY_COMPLETED : "completed";
    }
    if (!incidents.isEmpty()) {
      return "failed";
    }
    if (nodes.stream().anyMatch(n -> "waiting_approval".equals(n.status()))) {
      return "waiting_approval";
    }
    return acts.isEmpty() ? "queued" : "running";
  }

  private NodeStatus nodeStatus(NodeRef node, Map<String, List<HistoricActivityInstance>> acts,
      Map<String, Incident> incidents, Map<String, Object> variables,
      GateDecisions.RunRecord gates, boolean runEnded, String failedNode,
      Map<String, String> waiting) {
    List<HistoricActivityInstance> visits = acts.getOrDefault(node.id(), List.of());
    // a gate's output is its last decision as recorded by Baton; a variable of the same name
    // is only a copy for Cockpit, which anyone who may write variables could change
    JsonNode output = gates.decisionOf(node.id()).<JsonNode>map(d -> d)
        .orElseGet(() -> variables.containsKey(node.id())
            ? JsonValues.toJson(variables.get(node.id())) : null);
    JsonNode audit = gates.auditByNode().get(node.id());
    Instant started = null;
    if (!visits.isEmpty()) {
      started = instant(visits.get(visits.size() - 1).getStartTime());
    }
    List<HistoricActivityInstance> budget =
        acts.getOrDefault(node.id() + BpmnConventions.SEP + "budget", List.of());
    if (visits.isEmpty()) {
      String status = !budget.isEmpty() && !runEnded ? "running" : runEnded ? "skipped" : "pending";
      List<HistoricActivityInstance> override =
          acts.getOrDefault(BpmnConventions.overrideId(node.id()), List.of());
      if (!override.isEmpty() && override.get(override.size() - 1).getEndTime() == null) {
        status = "waiting_approval"; // for a budget-override approval in front of the node
      }
      if (output != null && budget.isEmpty()) {
        status = "completed"; // carried over from the run this one retried
      }
      if (node.id().equals(failedNode)) {
        status = "failed";
      }
      return new NodeStatus(node.id(), node.name(), node.type(), status,
          budget.isEmpty() ? null : instant(budget.get(budget.size() - 1).getStartTime()), null,
          0, output, node.id().equals(failedNode) ? text(variables.get(VAR_FAILURE_REASON)) : null,
          audit);
    }
    HistoricActivityInstance last = visits.get(visits.size() - 1);
    String status;
    String error = null;
    Incident incident = incidents.get(node.id());
    if (incident != null) {
      status = "failed";
      error = incident.getIncidentMessage();
    } else if (last.getEndTime() == null && waiting.containsKey(node.id())) {
      status = "waiting_for_provider";
      error = waiting.get(node.id()); // "waiting for the provider since <instant>: <cause>"
    } else if (last.getEndTime() == null) {
      status = "userTask".equals(last.getActivityType()) ? "waiting_approval" : "running";
    } else if (output != null && output.hasNonNull("error")) {
      status = "failed";
      error = output.get("error").asText();
    } else if (last.isCanceled()) {
      boolean timedOut = !acts.getOrDefault(node.id() + BpmnConventions.SEP + "timeout", List.of())
          .isEmpty();
      status = timedOut ? "timed_out" : node.id().equals(failedNode) ? "failed" : "canceled";
      if (node.id().equals(failedNode)) {
        error = text(variables.get(VAR_FAILURE_REASON));
      }
    } else if (output != null && "reject".equals(output.path("decision").asText())) {
      status = "rejected";
      error = node.id().equals(failedNode) ? text(variables.get(VAR_FAILURE_REASON)) : null;
    } else {
      status = "completed";
    }
    return new NodeStatus(node.id(), node.name(), node.type(), status, started,
        instant(last.getEndTime()), visits.size(), output, error, audit);
  }

  private record NodeRef(String id, String name, String type) {}

  /** The spec's nodes in spec order; for hand-written BPMN, the activities that ran. */
  private List<NodeRef> nodesOf(ProcessDefinition definition,
      List<HistoricActivityInstance> activities) {
    JsonNode spec = workflows.spec(definition);
    List<NodeRef> nodes = new ArrayList<>();
    if (spec != null) {
      for (JsonNode node : spec.path("nodes")) {
        String id = node.path("id").asText();
        nodes.add(new NodeRef(id, node.path("name").asText(id), node.path("type").asText()));
      }
      return nodes;
    }
    activities.stream()
        .sorted(Comparator.comparing(HistoricActivityInstance::getStartTime))
        .filter(a -> nodes.stream().noneMatch(n -> n.id().equals(a.getActivityId())))
        .forEach(a -> nodes.add(new NodeRef(a.getActivityId(),
            a.getActivityName() == null ? a.getActivityId() : a.getActivityName(),
            a.getActivityType())));
    return nodes;
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
