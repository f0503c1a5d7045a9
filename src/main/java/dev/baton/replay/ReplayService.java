package dev.baton.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.baton.agent.PromptPreview;
import dev.baton.agent.RecordedReplies;
import dev.baton.approval.GateDecisions;
import dev.baton.audit.AuditEvent;
import dev.baton.audit.AuditLog;
import dev.baton.budget.CostEstimate;
import dev.baton.contract.BpmnConventions;
import dev.baton.contract.JsonValues;
import dev.baton.privacy.Privacy;
import dev.baton.problem.UnprocessableException;
import dev.baton.run.RunService;
import dev.baton.security.Caller;
import dev.baton.spec.InvalidSpecException;
import dev.baton.spec.NodeType;
import dev.baton.spec.SpecProblem;
import dev.baton.spec.SpecReader;
import dev.baton.spec.WorkflowSpec;
import dev.baton.workflow.SpecChecks;
import dev.baton.workflow.WorkflowService;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Service;

/**
 * Replays a run the caller may read against a changed spec or changed prompts: gathers the
 * recording (reply journal, gate decisions, the run's input and spec), checks the new spec as
 * deploy does, and has {@link ReplayPlanner} walk it. A dry run: no model call, no ledger
 * entry, no process instance; the only write is the audit event {@code run.replayed}.
 */
@Service
public class ReplayService {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FINAL = Set.of(BpmnConventions.OUTCOME_APPROVED,
      BpmnConventions.OUTCOME_REJECTED, BpmnConventions.OUTCOME_CHANGES);

  private final RunService runs;
  private final HistoryService history;
  private final RepositoryService repository;
  private final WorkflowService workflows;
  private final SpecReader reader;
  private final RecordedReplies replies;
  private final GateDecisions gates;
  private final PromptPreview prompts;
  private final Privacy privacy;
  private final AuditLog audit;

  ReplayService(RunService runs, HistoryService history, RepositoryService repository,
      WorkflowService workflows, SpecReader reader, RecordedReplies replies,
      GateDecisions gates, PromptPreview prompts, Privacy privacy, AuditLog audit) {
    this.runs = runs;
    this.history = history;
    this.repository = repository;
    this.workflows = workflows;
    this.reader = reader;
    this.replies = replies;
    this.gates = gates;
    this.prompts = prompts;
    this.privacy = privacy;
    this.audit = audit;
  }

  public ReplayReport replay(Caller caller, String runId, ReplayRequest request) {
    // the engine decides who may read the run; for anyone else it does not exist
    runs.requireReadable(caller, runId);
    HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
        .processInstanceId(runId).singleResult();
    var definition = repository.getProcessDefinition(instance.getProcessDefinitionId());
    JsonNode recordedTree = workflows.spec(definition);
    if (recordedTree == null) {
      throw new UnprocessableException("run " + runId + " is of hand-written BPMN ("
          + definition.getKey() + "), not of a spec: there is nothing to replay it against");
    }
    String tenant = instance.getTenantId();
    SpecChecks.Report recorded = workflows.check(recordedTree.deepCopy(), tenant);
    WorkflowSpec recordedSpec = recorded.valid() ? recorded.spec()
        : reader.read(recordedTree.deepCopy()).spec();
    if (recordedSpec == null) {
      throw new UnprocessableException("the spec run " + runId + " was started with cannot be "
          + "read any more");
    }
    JsonNode tree = request.spec() != null && !request.spec().isNull() ? request.spec().deepCopy()
        : recordedTree.deepCopy();
    SpecChecks.Report changed = workflows.check(withPrompts(tree, request.prompts()), tenant)
        .orThrow();
    Map<String, String> agents = changed.agents();
    ReplayReport report = ReplayPlanner.plan(runId, definition.getKey(), changed.spec(),
        recordedSpec, recording(runId), (node, upstream, variables) -> {
          try {
            String text = prompts.render(node, agents.get(node.id()), upstream, variables);
            return new ReplayPlanner.Rendered(redacted(text), null);
          } catch (PromptPreview.Unrenderable e) {
            return new ReplayPlanner.Rendered(null, privacy.message(e.getMessage()));
          }
        }, estimates(changed.estimate()));
    ObjectNode details = JSON.createObjectNode()
        .put("spec_changed", request.spec() != null && !request.spec().isNull())
        .put("outcome", report.outcome());
    ArrayNode overridden = details.putArray("prompts");
    request.prompts().keySet().stream().sorted().forEach(overridden::add);
    details.set("counts", JSON.valueToTree(report.totals().counts()));
    audit.append(new AuditEvent("run.replayed", caller.userId(), tenant, "run", runId, runId,
        details));
    return report;
  }

  /** The prompts given per node, inline in place of each node's own. */
  private static JsonNode withPrompts(JsonNode given, Map<String, String> prompts) {
    JsonNode tree = given;
    if (prompts.isEmpty()) {
      return tree;
    }
    if (tree.isTextual()) {
      try {
        tree = JSON.readTree(tree.asText());
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        return tree; // the check reports where the text is broken
      }
    }
    List<SpecProblem> problems = new ArrayList<>();
    Map<String, ObjectNode> nodes = new LinkedHashMap<>();
    tree.path("nodes").forEach(n -> {
      if (n.isObject()) {
        nodes.put(n.path("id").asText(), (ObjectNode) n);
      }
    });
    prompts.forEach((id, text) -> {
      ObjectNode node = nodes.get(id);
      String path = "$.prompts." + id;
      if (node == null) {
        problems.add(SpecProblem.error(path, "no node '" + id + "' in the spec",
            "name an agent task of the spec: " + String.join(", ", nodes.keySet())));
      } else if (!NodeType.AGENT_TASK.json().equals(node.path("type").asText())) {
        problems.add(SpecProblem.error(path, "'" + id + "' is a " + node.path("type").asText()
            + ", which has no prompt", "give prompts for agent tasks only"));
      } else if (text == null || text.isBlank()) {
        problems.add(SpecProblem.error(path, "the prompt is empty", "give the prompt's text"));
      } else {
        ObjectNode config = node.has("config") && node.get("config").isObject()
            ? (ObjectNode) node.get("config") : node.putObject("config");
        config.remove(List.of("prompt_template", "prompt_version"));
        config.put("prompt", text);
      }
    });
    if (!problems.isEmpty()) {
      throw new InvalidSpecException(problems);
    }
    return tree;
  }

  /** The run's input and what its nodes and gates recorded, as its variables held them. */
  private Recording recording(String runId) {
    HistoricVariableInstance input = history.createHistoricVariableInstanceQuery()
        .processInstanceId(runId).variableName(BpmnConventions.VAR_INPUT).singleResult();
    Map<String, List<Recording.Execution>> executions = new LinkedHashMap<>();
    for (RecordedReplies.Reply reply : replies.ofRun(runId)) {
      JsonNode cost = reply.output().path("cost_usd");
      executions.computeIfAbsent(reply.nodeId(), k -> new ArrayList<>()).add(
          new Recording.Execution(reply.taskId(), privacy.output(reply.output()),
              reply.prompt(), cost.isNumber() ? cost.decimalValue()
                  : cost.isTextual() ? new BigDecimal(cost.asText()) : BigDecimal.ZERO));
    }
    Map<String, List<Recording.GateDecision>> decisions = new LinkedHashMap<>();
    gates.ofRun(runId).auditByNode().forEach((node, entries) -> entries.forEach(entry -> {
      String outcome = entry.path("outcome").asText("");
      if (FINAL.contains(outcome)) {
        decisions.computeIfAbsent(node, k -> new ArrayList<>()).add(new Recording.GateDecision(
            outcome, entry.path("decided_by").asText(null), entry.path("comment").asText(null)));
      }
    }));
    return new Recording(input == null ? JSON.createObjectNode()
        : JsonValues.toJson(input.getValue()), executions, decisions);
  }

  private String redacted(String prompt) {
    return privacy.journal(TextNode.valueOf(prompt)).asText();
  }

  private static Map<String, BigDecimal> estimates(CostEstimate estimate) {
    Map<String, BigDecimal> perCall = new LinkedHashMap<>();
    if (estimate != null) {
      estimate.perNode().forEach(n -> perCall.put(n.nodeId(), n.maxCallUsd()));
    }
    return perCall;
  }
}
